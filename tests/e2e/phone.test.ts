/**
 * The staff member's phone in real headless Chromium at 390×844 against a real server process (issue 14,
 * items 2 and 5): the app installs (manifest, icons, service worker), an assignment opened once opens
 * again without signal with its post, a check-in made offline reaches the server once the link is back,
 * exactly once even when its first answer is lost (the response aborted after the server handled it).
 */
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useE2E } from "./support/harness.js";
import { login, must } from "./support/server.js";

const PASSWORD = "rahasia-e2e-123";
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "id-ID", timezoneId: "Asia/Makassar" };
const e2e = useE2E({ name: "phone", password: PASSWORD });

interface StaffRow { id: string; nip: string; name: string; homeUnitId: string; skills: string[]; status: string }
interface UnitRow { id: string; code: string; floor: number }

/** A confirmed assignment to an incident whose post has a name, address, phones and a planned duration. */
async function confirmedAssignment(): Promise<{ id: string; person: StaffRow }> {
  const state = await must(e2e.url, "GET", "/state", e2e.token) as { units: UnitRow[]; staff: StaffRow[] };
  let pick: { person: StaffRow; unit: UnitRow } | undefined;
  for (const unit of state.units) {
    const people = state.staff.filter((s) => s.homeUnitId === unit.id && s.status === "available");
    const person = people.find((s) => s.skills.includes("logistik"));
    if (person && people.length > unit.floor + 2) { pick = { person, unit }; break; }
  }
  if (!pick) throw new Error("no spare logistik person in the seed");
  const incident = await must(e2e.url, "POST", "/incidents", e2e.token, {
    type: "banjir", title: "Banjir Kolhua (uji ponsel)", severity: 4, location: { lat: -10.19, lng: 123.63 }, commandPost: { lat: -10.1912, lng: 123.6321 },
    post: { name: "Posko Kantor Lurah Kolhua", address: "Jl. Kolhua Raya No. 1", phone: "0812-3456-7890", coordinatorPhone: "+62 813 1111 2222", plannedHours: 12 },
    needs: [{ skill: "logistik", count: 1, priority: 4 }],
  });
  const asg = await must(e2e.url, "POST", "/assignments", e2e.token, { staffId: pick.person.id, needId: incident.needs[0].id });
  const head = await login(e2e.url, `kepala.${pick.unit.code}`, PASSWORD);
  await must(e2e.url, "POST", `/assignments/${asg.id}/confirm`, head.token, { version: asg.version });
  return { id: asg.id, person: pick.person };
}

async function phonePage(): Promise<{ ctx: BrowserContext; page: Page }> {
  const page = await e2e.newPage({ ...PHONE, permissions: ["notifications"] });
  return { ctx: page.context(), page };
}

async function activeEvents(id: string): Promise<number> {
  const log = await must(e2e.url, "GET", "/events?since=0&limit=5000", e2e.token) as { events: { seq: number; type: string; data: { id: string } }[]; lastSeq: number };
  let events = log.events;
  let since = events.at(-1)?.seq ?? 0;
  while (since < log.lastSeq) {
    const more = await must(e2e.url, "GET", `/events?since=${since}&limit=5000`, e2e.token) as typeof log;
    events = events.concat(more.events);
    since = more.events.at(-1)?.seq ?? log.lastSeq;
  }
  return events.filter((e) => e.type === "assignment.active" && e.data.id === id).length;
}

describe("the staff member's phone", () => {
  it("installs, opens offline with the post, and a check-in made offline is applied exactly once though its first answer is lost", async () => {
    const { id, person } = await confirmedAssignment();
    const { ctx, page } = await phonePage();

    // A NIP typed as it is printed, with spaces, signs in.
    const spaced = `${person.nip.slice(0, 8)} ${person.nip.slice(8, 14)} ${person.nip.slice(14, 15)} ${person.nip.slice(15)}`;
    await page.goto(e2e.url + "/");
    await page.getByTestId("login-username").fill(spaced);
    await page.getByTestId("login-password").fill(PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("my-post").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("staff-name").innerText()).toBe(person.name);
    expect(await page.getByTestId("who").innerText()).toContain(person.name);
    expect(await page.getByTestId("my-post").innerText()).toContain("Posko Kantor Lurah Kolhua");
    expect(await page.getByTestId("maps-link").getAttribute("href")).toBe("https://www.google.com/maps?q=-10.1912,123.6321");
    expect(await page.getByTestId("wa-posko").getAttribute("href")).toMatch(/^https:\/\/wa\.me\/6281234567890\?text=/);
    expect(await page.getByTestId("tel-coordinator").getAttribute("href")).toBe("tel:+6281311112222");
    expect(await page.getByTestId("planned-duration").innerText()).toContain("12");

    // Installable: a manifest with icons, a service worker that controls the page.
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      const res = await fetch(link!.href);
      return { type: res.headers.get("content-type"), body: await res.json() as { icons: { sizes: string; type: string }[]; start_url: string; display: string } };
    });
    expect(manifest.body.display).toBe("standalone");
    expect(manifest.body.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    const cdp = await ctx.newCDPSession(page);
    const installability = await cdp.send("Page.getInstallabilityErrors") as { installabilityErrors: { errorId: string }[] };
    // Chromium's own verdict; a Playwright context is always incognito, which alone blocks the install prompt.
    expect(installability.installabilityErrors.map((e) => e.errorId).filter((e) => e !== "in-incognito")).toEqual([]);
    // The shell is cached once the worker has installed (it precaches every file of the build).
    await page.waitForFunction(async () => (await caches.keys()).some((k) => k.startsWith("siaga-shell-")), undefined, { timeout: 30_000 });

    // No signal: the badge says so, and a reload still opens the assignment with its post.
    await ctx.setOffline(true);
    await page.waitForSelector('[data-testid="conn-state"][data-conn="offline"]', { timeout: 15_000 });
    await page.reload();
    await page.getByTestId("offline-copy").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("my-post").innerText()).toContain("Jl. Kolhua Raya No. 1");
    expect(await page.getByTestId("conn-state").getAttribute("data-conn")).toBe("offline");

    // Check in without signal: kept on the phone.
    await page.getByTestId("checkin").click();
    await page.getByTestId("queued").waitFor({ timeout: 15_000 });
    expect(await activeEvents(id)).toBe(0);

    // The link returns, but the first answer is lost: the server handles the check-in, the phone never hears.
    let handled = 0;
    const replayed: string[] = [];
    page.on("response", (res) => { if (res.url().endsWith(`/api/assignments/${id}/checkin`)) replayed.push(res.headers()["idempotent-replayed"] ?? "no"); });
    await page.route("**/api/assignments/*/checkin", async (route) => {
      const res = await route.fetch();
      handled++;
      expect(res.status()).toBe(200);
      await route.abort("connectionreset");
      await page.unroute("**/api/assignments/*/checkin");
    });
    await ctx.setOffline(false);
    // Resent with the same key on the next heartbeat: the server answers with the first answer.
    await page.getByTestId("queued").waitFor({ state: "detached", timeout: 60_000 });
    expect(handled).toBe(1);
    // The answer the phone finally read is the stored first one, replayed for the same key.
    expect(replayed).toEqual(["true"]);
    await page.waitForSelector('[data-testid="my-assignment-state"][data-state="active"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="conn-state"][data-conn="live"]', { timeout: 30_000 });
    expect(await activeEvents(id)).toBe(1);
    const assignment = await must(e2e.url, "GET", `/assignments/${id}`, e2e.token) as { state: string; history: { state: string }[] };
    expect(assignment.state).toBe("active");
    expect(assignment.history.filter((h) => h.state === "active")).toHaveLength(1);
    // No error from the dead link is left standing.
    expect(await page.getByTestId("error").count()).toBe(0);
    expect(e2e.pageErrors).toEqual([]);
  });

  it("the unit head's phone: cards without horizontal scroll, each person's status and actions visible, Setujui with Urungkan, a new request as a notification", async () => {
    // One person confirmed (recall on their card) and one requested (not "Tersedia"), both of one unit.
    const { person: confirmed, id: confirmedId } = await confirmedAssignment();
    const state = await must(e2e.url, "GET", "/state", e2e.token) as { units: (UnitRow & { location: unknown })[]; staff: StaffRow[] };
    const unit = state.units.find((u) => u.id === confirmed.homeUnitId)!;
    const other = state.staff.find((s) => s.homeUnitId === unit.id && s.status === "available" && s.id !== confirmed.id && s.skills.includes("logistik"))
      ?? state.staff.find((s) => s.homeUnitId === unit.id && s.status === "available" && s.id !== confirmed.id)!;
    const incident = await must(e2e.url, "POST", "/incidents", e2e.token, {
      type: "tanah_longsor", title: "Longsor Fatukoa (uji ponsel)", severity: 5, location: { lat: -10.2, lng: 123.58 }, needs: [{ skill: other.skills[0], count: 1, priority: 5 }],
    });
    const requested = await must(e2e.url, "POST", "/assignments", e2e.token, { staffId: other.id, needId: incident.needs[0].id });

    const { page } = await phonePage();
    await page.clock.install();
    await page.goto(e2e.url + "/");
    await page.getByTestId("login-username").fill(`kepala.${unit.code}`);
    await page.getByTestId("login-password").fill(PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.getByTestId(`request-${requested.id}`).waitFor({ timeout: 30_000 });

    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    expect(await page.getByTestId(`staff-status-${other.id}`).innerText()).toContain("Diminta untuk Longsor Fatukoa");
    expect(await page.getByTestId(`staff-status-${other.id}`).innerText()).not.toContain("Tersedia");
    expect(await page.getByTestId(`staff-status-${confirmed.id}`).innerText()).toContain("Dikonfirmasi untuk");
    const recall = page.getByTestId(`recall-${confirmedId}`);
    await recall.scrollIntoViewIfNeeded();
    const box = (await recall.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const facts = await page.getByTestId(`request-facts-${requested.id}`).innerText();
    expect(facts).toMatch(/Keparahan 5|5/);
    expect(facts).toMatch(/km dari unit/);
    expect(facts).toMatch(/di atas batas minimum/);

    // Setujui, then Urungkan within the window: nothing is sent, however long one waits (the page's clock, not ours).
    await page.getByTestId(`confirm-${requested.id}`).click();
    await page.getByTestId(`confirm-undo-${requested.id}`).click();
    await page.clock.runFor(60_000);
    expect((await must(e2e.url, "GET", `/assignments/${requested.id}`, e2e.token)).state).toBe("requested");
    // Setujui and let the window pass: sent once.
    await page.getByTestId(`confirm-${requested.id}`).click();
    await page.getByTestId(`confirm-toast-${requested.id}`).waitFor();
    await page.clock.runFor(10_000);
    await page.getByTestId(`request-${requested.id}`).waitFor({ state: "detached", timeout: 30_000 });
    expect((await must(e2e.url, "GET", `/assignments/${requested.id}`, e2e.token)).state).toBe("confirmed");

    // A new request for one of their people reaches the unit head as a service-worker notification.
    const third = state.staff.find((s) => s.homeUnitId === unit.id && s.status === "available" && s.id !== confirmed.id && s.id !== other.id && s.skills.includes(other.skills[0]!));
    if (!third) throw new Error("no third person in the unit");
    const incident2 = await must(e2e.url, "POST", "/incidents", e2e.token, { type: "banjir", title: "Banjir Bello (uji notifikasi)", severity: 3, location: { lat: -10.18, lng: 123.62 }, needs: [{ skill: other.skills[0], count: 1, priority: 3 }] });
    const asked = await must(e2e.url, "POST", "/assignments", e2e.token, { staffId: third.id, needId: incident2.needs[0].id });
    await page.waitForFunction(async (tag) => {
      const reg = await navigator.serviceWorker.getRegistration();
      return (await reg?.getNotifications({ tag }))?.length === 1;
    }, `${asked.id}:requested`, { timeout: 30_000 });
    expect(await page.getByTestId("last-alert").innerText()).toContain("Banjir Bello (uji notifikasi)");
    expect(e2e.pageErrors).toEqual([]);
  });
});
