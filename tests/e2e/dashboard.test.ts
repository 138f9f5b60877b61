/**
 * The dashboard end to end in real headless Chromium (playwright-core + Debian `chromium`), against a
 * real server process on a fresh SQLite DATA_DIR with the Maulafa seed, several browser contexts at once:
 *
 * - the approval chain, each step seen live on an open /screen (signed in as `layar`) without a reload:
 *   coordinator declares an incident (map click + form), computes and approves a plan → the unit head's
 *   page shows the request and confirms it → the staff member checks in;
 * - login errors and the incident form's field-level validation messages;
 * - a server crash (SIGKILL) and restart on the same port and DATA_DIR while the screen is open: it shows
 *   "reconnecting", then live again with no reload and no new login, and shows a change made afterwards.
 *
 * Screenshots of each role's main view go to tests/artifacts/dashboard/ (git-ignored). Needs Chromium at
 * /usr/bin/chromium (or SIAGA_CHROMIUM); without it the suite FAILS, it never skips.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { featureAt, type FeatureCollection } from "../../seed/geometry.js";
import { screenshot, uiLogin, watchForReloads } from "./support/browser.js";
import { useE2E } from "./support/harness.js";
import { login, must, ROOT } from "./support/server.js";

const PASSWORD = "rahasia-e2e-123";
const SHOTS = "dashboard";
const TITLE = "Banjir bandang Kolhua (uji e2e)";
const TITLE_AFTER_RESTART = "Tanah longsor Fatukoa setelah restart (uji e2e)";
/** The bundled boundaries the map draws, to check where a map click landed. */
const MAULAFA = JSON.parse(readFileSync(join(ROOT, "seed/geo/maulafa_kelurahan.geojson"), "utf8")) as FeatureCollection<{ nama: string }>;

// A script error in any page fails the test it happened in (afterEach), not only a later lookup; so does
// anything the server's Content-Security-Policy refused (issue 16: the dashboard works under it). The
// server's log goes to tests/artifacts/dashboard/.
const e2e = useE2E({ name: SHOTS, password: PASSWORD, keepLog: true, pageErrors: "each test", csp: true });

function page(): Promise<Page> {
  return e2e.newPage();
}

const text = async (p: Page, testId: string) => (await p.getByTestId(testId).innerText()).trim();
const kpi = async (p: Page, id: string) => Number((await text(p, `kpi-${id}-value`)).replace(/\./g, "").replace(",", "."));
/** People held by open assignments: requested + confirmed + on site (the honest KPIs of issue 13, summed). */
const held = async (p: Page) => (await kpi(p, "requested")) + (await kpi(p, "confirmed")) + (await kpi(p, "on-site"));

/** Waits until a KPI on the page shows `value` (the screen re-renders at most every 100 ms). */
async function expectKpi(p: Page, id: string, value: number) {
  await expect.poll(() => kpi(p, id), { timeout: 15_000, message: `KPI ${id}` }).toBe(value);
}

/** The ticker line of the newest event of `type` whose sentence contains `words`. */
function tickerLine(p: Page, type: string, words: string) {
  return p.locator(`[data-testid="ticker-item"][data-type="${type}"]`).filter({ hasText: words });
}

/** Clicks an empty spot of the map (no unit marker there, or the click would open the unit). */
/** An element's text and the WCAG contrast of its colour on its background (blended over the map's). */
async function readability(p: Page, selector: string): Promise<{ text: string; contrast: number }> {
  return p.locator(selector).first().evaluate((el) => {
    const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const [r, g, b] = rgba(getComputedStyle(el).color);
    const [br, bg, bb, ba = 1] = rgba(getComputedStyle(el).backgroundColor);
    const [mr, mg, mb] = rgba(getComputedStyle(el.closest(".leaflet-container")!).backgroundColor);
    const over = (c: number, m: number) => c * ba + m * (1 - ba);
    const lum = (rgb: number[]) => {
      const [x, y, z] = rgb.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * x! + 0.7152 * y! + 0.0722 * z!;
    };
    const l1 = lum([r!, g!, b!]);
    const l2 = lum([over(br!, mr!), over(bg!, mg!), over(bb!, mb!)]);
    return { text: (el as HTMLElement).innerText, contrast: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05) };
  });
}

async function clickMap(p: Page) {
  const map = p.getByTestId("map");
  const box = (await map.boundingBox())!;
  // East of the Kolhua label at this viewport: inside Kecamatan Maulafa, away from unit markers.
  await p.mouse.click(box.x + box.width * 0.62, box.y + box.height * 0.45);
}

/**
 * Records each state the page's connection badge shows from now on, with its text, as the page
 * renders it: a passing state (reconnecting turns offline after 10 s) is seen however late the test
 * looks, so no test has to catch it within its window.
 */
async function recordConn(p: Page): Promise<() => Promise<{ conn: string | null; text: string }[]>> {
  await p.evaluate(() => {
    const seen: { conn: string | null; text: string }[] = [];
    (window as unknown as { __siagaConn: typeof seen }).__siagaConn = seen;
    const record = () => {
      const el = document.querySelector('[data-testid="conn-state"]');
      if (!el) return;
      const now = { conn: el.getAttribute("data-conn"), text: el.textContent ?? "" };
      const last = seen.at(-1);
      if (!last || last.conn !== now.conn || last.text !== now.text) seen.push(now);
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    record();
  });
  return () => p.evaluate(() => (window as unknown as { __siagaConn: { conn: string | null; text: string }[] }).__siagaConn);
}

async function screenLoggedIn(): Promise<Page> {
  const s = await page();
  await uiLogin(s, e2e.url, "layar", PASSWORD, "screen-view");
  expect(new URL(s.url()).pathname).toBe("/screen");
  await expect.poll(() => s.getByTestId("conn-state").getAttribute("data-conn"), { timeout: 15_000 }).toBe("live");
  await s.getByTestId("kpi-requested-value").waitFor();
  return s;
}

describe("dashboard in headless Chromium", () => {
  it("login: a wrong password says so and signs nobody in; empty fields are marked", async () => {
    const p = await page();
    await p.goto(e2e.url + "/");
    await p.getByTestId("login-submit").click();
    await expect.poll(() => p.locator(".field-error").allInnerTexts()).toEqual(["Wajib diisi.", "Wajib diisi."]);

    await p.getByTestId("login-username").fill("koordinator");
    await p.getByTestId("login-password").fill("bukan-sandinya");
    await p.getByTestId("login-submit").click();
    await expect.poll(() => p.getByTestId("login-error").innerText().catch(() => ""), { timeout: 10_000 })
      .toBe("Nama pengguna atau kata sandi salah.");
    await expect.poll(() => p.evaluate(() => localStorage.getItem("siaga.session"))).toBeNull();
    expect(await p.getByTestId("coordinator-view").count()).toBe(0);
    await screenshot(p, SHOTS, "login-error");

    // The same form then signs in with the right password.
    await p.getByTestId("login-password").fill(PASSWORD);
    await p.getByTestId("login-submit").click();
    await p.getByTestId("coordinator-view").waitFor({ timeout: 20_000 });
    expect(new URL(p.url()).pathname).toBe("/koordinator");
  });

  it("incident form: an empty title and a need of 0 people are refused field by field, nothing is sent", async () => {
    const p = await page();
    await uiLogin(p, e2e.url, "koordinator", PASSWORD, "coordinator-view");
    const before = (await must(e2e.url, "GET", "/incidents", e2e.token)).length;
    const posts: string[] = [];
    p.on("request", (r) => { if (r.method() === "POST" && r.url().includes("/api/incidents")) posts.push(r.url()); });

    await clickMap(p);
    const form = p.getByTestId("incident-form");
    await form.waitFor();
    expect(await text(p, "incident-location")).toMatch(/^Lokasi: -10[,.]\d+, 123[,.]\d+$/);
    await p.getByTestId("need-add").click();
    await p.getByTestId("need-count-0").fill("0");
    await p.getByTestId("incident-submit").click();

    const title = p.getByTestId("incident-title");
    await expect.poll(() => title.getAttribute("aria-invalid")).toBe("true");
    // The message is the one linked to the title input (aria-describedby), not just any on the page.
    const titleErrId = (await title.getAttribute("aria-describedby"))!.split(" ")[0]!;
    expect(await p.locator(`[id="${titleErrId}"]`).innerText()).toBe("Wajib diisi.");
    expect(await p.getByTestId("need-count-0").getAttribute("aria-invalid")).toBe("true");
    expect(await p.getByTestId("need-row-0").locator(".field-error").innerText()).toBe("Minimal 1.");
    expect(await form.getByTestId("error").innerText()).toBe("Periksa isian yang ditandai.");
    await screenshot(p, SHOTS, "incident-form-validation");

    // Fixing the title alone leaves the count error standing.
    await title.fill("Genangan uji");
    await p.getByTestId("incident-submit").click();
    await expect.poll(() => title.getAttribute("aria-invalid")).toBe("false");
    expect(await p.getByTestId("need-row-0").locator(".field-error").innerText()).toBe("Minimal 1.");

    expect(posts).toEqual([]);
    expect((await must(e2e.url, "GET", "/incidents", e2e.token)).length).toBe(before);
  });

  it("incident → plan → approval → unit head confirms → staff checks in, each step live on /screen", async () => {
    const screen = await screenLoggedIn();
    const reloads = await watchForReloads(screen);
    const k0 = {
      active: await kpi(screen, "active-incidents"),
      deployed: await held(screen),
      unmet: await kpi(screen, "unmet-need"),
      requested: await kpi(screen, "requested"),
    };

    // 1. The coordinator declares an incident: click on the map, fill the form.
    const coord = await page();
    await uiLogin(coord, e2e.url, "koordinator", PASSWORD, "coordinator-view");
    await clickMap(coord);
    await coord.getByTestId("incident-form").waitFor();
    await coord.getByTestId("incident-type").selectOption("banjir");
    await coord.getByTestId("incident-severity").selectOption("4");
    await coord.getByTestId("incident-title").fill(TITLE);
    await coord.getByTestId("kel-53.71.02.1007").check(); // Kolhua
    await coord.getByTestId("need-add").click();
    await coord.getByTestId("need-skill-0").selectOption("psikososial");
    await coord.getByTestId("need-count-0").fill("1");
    await coord.getByTestId("need-priority-0").selectOption("5");
    await coord.getByTestId("incident-submit").click();
    await coord.getByTestId("incident-form").waitFor({ state: "detached" });

    const incident = (await must(e2e.url, "GET", "/incidents", e2e.token) as { id: string; title: string; location: { lat: number; lng: number }; needs: { skill: string; count: number }[]; kelurahan: string[] }[])
      .find((i) => i.title === TITLE);
    expect(incident, "the declared incident is stored").toBeDefined();
    expect(incident!.needs).toMatchObject([{ skill: "psikososial", count: 1 }]);
    expect(incident!.kelurahan).toEqual(["53.71.02.1007"]);
    // The map click became a point in Kecamatan Maulafa (the bundled boundaries, not tiles).
    const where = featureAt(MAULAFA, incident!.location);
    expect(where, `clicked point ${JSON.stringify(incident!.location)} lies in Maulafa`).toBeDefined();
    await coord.getByTestId(`incident-${incident!.id}`).waitFor();

    // ...and the screen shows it without a reload.
    await expectKpi(screen, "active-incidents", k0.active + 1);
    await expectKpi(screen, "unmet-need", k0.unmet + 1);
    await tickerLine(screen, "incident.created", `Kejadian baru: ${TITLE}`).first().waitFor({ timeout: 15_000 });

    // 2. The coordinator computes a plan: one line, for the one psikososial need.
    await coord.getByTestId("tab-plan").click();
    await coord.getByTestId("plan-create").click();
    await coord.getByTestId("plan-summary").waitFor({ timeout: 30_000 });
    const lines = coord.locator('[data-testid^="plan-line-"]');
    await expect.poll(() => lines.count()).toBe(1);
    const staffId = (await lines.first().getAttribute("data-testid"))!.slice("plan-line-".length);
    await tickerLine(screen, "plan.created", "Rencana baru: 1 penugasan, 0 belum terpenuhi").first().waitFor({ timeout: 15_000 });
    // Once the plan's own plan.created event has reached the coordinator's page: it is no change
    // since the plan, so no "stale plan" warning.
    const planSeq = (await must(e2e.url, "GET", "/events?limit=1", e2e.token)).lastSeq as number;
    await expect.poll(() => coord.getByTestId("conn-state").getAttribute("data-seq"), { timeout: 15_000 }).toBe(String(planSeq));
    expect(await coord.getByTestId("plan-panel").locator(".warn-text").filter({ hasText: "perubahan sejak rencana dibuat" }).count()).toBe(0);

    // Who the plan picked decides whom we sign in as: that person's unit head, and the person (by NIP).
    const person = await must(e2e.url, "GET", `/staff/${encodeURIComponent(staffId)}`, e2e.token) as { id: string; nip: string; name: string; homeUnitId: string; skills: string[] };
    expect(person.skills).toContain("psikososial");
    const unit = await must(e2e.url, "GET", `/units/${encodeURIComponent(person.homeUnitId)}`, e2e.token) as { id: string; code: string; name: string };

    const head = await page();
    await uiLogin(head, e2e.url, `kepala.${unit.code}`, PASSWORD, "unit-head-view");
    expect(await head.getByTestId("requests").innerText()).toContain("Tidak ada permintaan yang menunggu.");
    const headReloads = await watchForReloads(head);

    const staff = await page();
    await uiLogin(staff, e2e.url, person.nip, PASSWORD, "staff-view");
    expect(await staff.getByTestId("my-assignment").innerText()).toContain("Anda belum mendapat penugasan.");
    const staffReloads = await watchForReloads(staff);

    // 3. Approve: the line becomes a request to the unit head.
    await coord.getByTestId("plan-approve-all").click();
    await expect.poll(() => coord.getByTestId("plan-approve-result").innerText().catch(() => ""), { timeout: 15_000 })
      .toContain("1 penugasan disetujui");
    await screenshot(coord, SHOTS, "coordinator-plan-approved");
    const assignment = (await must(e2e.url, "GET", "/assignments", e2e.token) as { id: string; staffId: string; state: string; fromUnitId: string }[])
      .find((a) => a.staffId === staffId);
    expect(assignment).toMatchObject({ state: "requested", fromUnitId: unit.id });
    const aid = assignment!.id;

    await expect.poll(() => held(screen), { timeout: 15_000 }).toBe(k0.deployed + 1);
    await expectKpi(screen, "requested", k0.requested + 1);
    // A request is not an arrival: the need stays unmet until the unit head confirms.
    await expectKpi(screen, "unmet-need", k0.unmet + 1);
    await tickerLine(screen, "assignment.created", `${person.name} (${unit.name}) diminta untuk ${TITLE}`).first().waitFor({ timeout: 15_000 });

    // The unit head's open page shows the request live; so does the staff member's.
    const request = head.getByTestId(`request-${aid}`);
    await request.waitFor({ timeout: 15_000 });
    expect(await request.innerText()).toContain(person.name);
    await expect.poll(() => staff.getByTestId("my-assignment-state").getAttribute("data-state").catch(() => null), { timeout: 15_000 }).toBe("requested");
    await screenshot(head, SHOTS, "unit-head-request");

    // 4. The unit head confirms.
    await head.getByTestId(`confirm-${aid}`).click();
    await request.waitFor({ state: "detached", timeout: 15_000 });
    await expect.poll(() => head.getByTestId("requests").innerText()).toContain("Tidak ada permintaan yang menunggu.");
    await expect.poll(() => staff.getByTestId("my-assignment-state").getAttribute("data-state"), { timeout: 15_000 }).toBe("confirmed");
    expect(await text(staff, "my-assignment-state")).toBe("Dikonfirmasi");
    expect(await text(staff, "my-assignment-site")).toBe(TITLE);
    await tickerLine(screen, "assignment.confirmed", `${person.name} (${unit.name}) disetujui ke ${TITLE}`).first().waitFor({ timeout: 15_000 });
    await expectKpi(screen, "unmet-need", k0.unmet);

    // 5. The staff member checks in at the post.
    await staff.getByTestId("checkin").click();
    await expect.poll(() => staff.getByTestId("my-assignment-state").getAttribute("data-state"), { timeout: 15_000 }).toBe("active");
    expect(await text(staff, "my-assignment-state")).toBe("Bertugas");
    await staff.getByTestId("complete").waitFor();
    await screenshot(staff, SHOTS, "staff-checked-in");
    await tickerLine(screen, "assignment.active", `${person.name} tiba di ${TITLE}`).first().waitFor({ timeout: 15_000 });
    await expect.poll(() => held(screen), { timeout: 15_000 }).toBe(k0.deployed + 1);
    // On site now: the need is met, a request never was enough.
    await expectKpi(screen, "unmet-need", k0.unmet);
    expect((await must(e2e.url, "GET", `/assignments/${aid}`, e2e.token)).state).toBe("active");

    // The ticker lists the chain newest first, and every step came in live.
    // (Check-in also updates the person's status: a staff.updated line, left out here.)
    const types = await screen.locator('[data-testid="ticker-item"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-type")));
    expect(types.filter((t) => /^(assignment|plan|incident)\./.test(t ?? "")).slice(0, 5))
      .toEqual(["assignment.active", "assignment.confirmed", "assignment.created", "plan.created", "incident.created"]);
    expect(await screen.getByTestId("conn-state").getAttribute("data-conn")).toBe("live");
    // The boundaries' licence wants its attribution readable, on the dark wall screen too.
    const attribution = await readability(screen, ".leaflet-control-attribution");
    expect(attribution.text).toContain("Cahya DSN");
    expect(attribution.contrast, `attribution contrast ${attribution.contrast.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
    expect((await readability(coord, ".leaflet-control-attribution")).contrast).toBeGreaterThanOrEqual(4.5);
    await screenshot(screen, SHOTS, "screen-after-checkin");
    expect(await reloads()).toEqual({ navigations: 0, markerKept: true });
    expect(await headReloads()).toEqual({ navigations: 0, markerKept: true });
    expect(await staffReloads()).toEqual({ navigations: 0, markerKept: true });
    await screenshot(coord, SHOTS, "coordinator-map");
  });

  it("cancelling an assignment (with a reason) and closing an incident are asked in place, not by browser dialogs; the screen follows", async () => {
    const screen = await screenLoggedIn();
    const title = "Genangan Naimata (uji batal)";
    const k0 = { active: await kpi(screen, "active-incidents"), deployed: await held(screen) };
    const created = await must(e2e.url, "POST", "/incidents", e2e.token, {
      type: "banjir", title, severity: 2, location: { lat: -10.19, lng: 123.63 }, needs: [{ skill: "logistik", count: 1, priority: 3 }],
    }) as { id: string };
    const plan = await must(e2e.url, "POST", "/plans", e2e.token, {}) as { id: string };
    const approved = await must(e2e.url, "POST", `/plans/${plan.id}/approve`, e2e.token, {}) as { approved: { id: string; siteId: string }[] };
    const aid = approved.approved.find((a) => a.siteId === created.id)!.id;
    await expectKpi(screen, "active-incidents", k0.active + 1);
    await expect.poll(() => held(screen), { timeout: 15_000 }).toBe(k0.deployed + approved.approved.length);
    const k1 = { deployed: k0.deployed + approved.approved.length };

    const coord = await page();
    const dialogs: string[] = [];
    coord.on("dialog", (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await uiLogin(coord, e2e.url, "koordinator", PASSWORD, "coordinator-view");

    // Cancel: the row turns into a small form; "Kembali" leaves it untouched, then a reason and submit.
    await coord.getByTestId("tab-assignments").click();
    await coord.getByTestId(`cancel-${aid}`).click();
    await coord.getByRole("button", { name: "Kembali", exact: true }).click();
    await coord.getByTestId(`cancel-${aid}`).click();
    await coord.getByTestId(`cancel-reason-${aid}`).fill("Jalan ke lokasi terputus");
    await screenshot(coord, SHOTS, "coordinator-cancel-inline");
    await coord.getByTestId(`cancel-submit-${aid}`).click();
    await coord.getByTestId(`assignment-${aid}`).waitFor({ state: "detached", timeout: 15_000 }); // no longer open
    const cancelled = await must(e2e.url, "GET", `/assignments/${aid}`, e2e.token) as { state: string; history: { state: string; reason?: string }[] };
    expect(cancelled.state).toBe("cancelled");
    expect(cancelled.history.at(-1)).toMatchObject({ state: "cancelled", reason: "Jalan ke lokasi terputus" });
    await expect.poll(() => held(screen), { timeout: 15_000 }).toBe(k1.deployed - 1);

    // Close: the button asks its question in place; only "Ya, tutup" closes.
    await coord.getByTestId("tab-incidents").click();
    // Enter on the button asks; a second Enter lands on "Kembali" (focused), which withdraws the question.
    await coord.getByTestId(`incident-close-${created.id}`).focus();
    await coord.keyboard.press("Enter");
    await coord.keyboard.press("Enter");
    await coord.getByTestId(`incident-close-${created.id}`).waitFor();
    expect(await coord.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(`incident-close-${created.id}`);
    await coord.getByTestId(`incident-close-${created.id}`).click();
    await expect.poll(() => coord.getByRole("group", { name: `Tutup kejadian "${title}"? Penugasan yang masih berjalan tetap tercatat.` }).count()).toBe(1);
    expect((await must(e2e.url, "GET", `/incidents/${created.id}`, e2e.token)).status).toBe("active");
    await screenshot(coord, SHOTS, "coordinator-close-confirm");
    await coord.getByTestId(`incident-close-${created.id}-yes`).click();
    await expect.poll(async () => (await must(e2e.url, "GET", `/incidents/${created.id}`, e2e.token)).status, { timeout: 15_000 }).toBe("closed");
    await expectKpi(screen, "active-incidents", k0.active);
    expect(dialogs).toEqual([]);
  });

  it("a unit head's decline asks for its reason in place: refused empty, sent with it", async () => {
    const created = await must(e2e.url, "POST", "/incidents", e2e.token, {
      type: "banjir", title: "Genangan Kolhua (uji tolak)", severity: 2, location: { lat: -10.21, lng: 123.64 }, needs: [{ skill: "sosial", count: 1, priority: 2 }],
    }) as { id: string };
    const plan = await must(e2e.url, "POST", "/plans", e2e.token, {}) as { id: string };
    const approved = await must(e2e.url, "POST", `/plans/${plan.id}/approve`, e2e.token, {}) as { approved: { id: string; siteId: string; fromUnitId: string; state: string }[] };
    const a = approved.approved.find((x) => x.siteId === created.id && x.state === "requested")!;
    const unit = await must(e2e.url, "GET", `/units/${encodeURIComponent(a.fromUnitId)}`, e2e.token) as { code: string };

    const head = await page();
    await uiLogin(head, e2e.url, `kepala.${unit.code}`, PASSWORD, "unit-head-view");
    await head.getByTestId(`decline-${a.id}`).click();
    await head.getByTestId(`decline-submit-${a.id}`).click();
    await expect.poll(() => head.locator(".field-error").allInnerTexts()).toEqual(["Alasan wajib diisi."]);
    expect((await must(e2e.url, "GET", `/assignments/${a.id}`, e2e.token)).state).toBe("requested");
    await head.getByTestId(`decline-reason-${a.id}`).fill("Petugas sedang cuti sakit");
    await head.getByTestId(`decline-submit-${a.id}`).click();
    await head.getByTestId(`request-${a.id}`).waitFor({ state: "detached", timeout: 15_000 });
    const declined = await must(e2e.url, "GET", `/assignments/${a.id}`, e2e.token) as { state: string; history: { state: string; reason?: string }[] };
    expect(declined.history.at(-1)).toMatchObject({ state: "declined", reason: "Petugas sedang cuti sakit" });
  });

  it("server killed (SIGKILL) and restarted: the open screen reconnects by itself and shows a later change", async () => {
    const screen = await screenLoggedIn();
    const reloads = await watchForReloads(screen);
    const active0 = await kpi(screen, "active-incidents");
    const logins: string[] = [];
    screen.on("request", (r) => { if (r.url().includes("/api/auth/login")) logins.push(r.url()); });

    const shown = await recordConn(screen);
    await e2e.server.kill();
    const conns = async () => (await shown()).map((x) => x.conn).filter((c, i, all) => c !== all[i - 1]);
    await expect.poll(conns, { timeout: 15_000 }).toContain("reconnecting");
    expect((await conns()).slice(0, 2), "live, then reconnecting at once").toEqual(["live", "reconnecting"]);
    expect((await shown()).find((x) => x.conn === "reconnecting")!.text).toContain("Menyambung ulang");
    await screenshot(screen, SHOTS, "screen-reconnecting");

    await e2e.restart();
    await expect.poll(() => screen.getByTestId("conn-state").getAttribute("data-conn"), { timeout: 30_000 }).toBe("live");

    // A change after the restart (with the e2e.token issued before it: sessions are durable) reaches the screen.
    await must(e2e.url, "POST", "/incidents", e2e.token, {
      type: "tanah_longsor", title: TITLE_AFTER_RESTART, severity: 3, location: { lat: -10.2445, lng: 123.6132 },
      kelurahan: ["53.71.02.1006"], needs: [{ skill: "evakuasi", count: 2, priority: 4 }],
    });
    await expectKpi(screen, "active-incidents", active0 + 1);
    await tickerLine(screen, "incident.created", `Kejadian baru: ${TITLE_AFTER_RESTART}`).first().waitFor({ timeout: 15_000 });
    await screenshot(screen, SHOTS, "screen-after-restart");

    expect(await screen.getByTestId("login-form").count(), "no new login").toBe(0);
    expect(logins).toEqual([]);
    expect(await reloads()).toEqual({ navigations: 0, markerKept: true });
    expect(new URL(screen.url()).pathname).toBe("/screen");
  });
});
