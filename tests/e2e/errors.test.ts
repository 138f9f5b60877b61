/**
 * Errors in the user's language, end to end in real headless Chromium against a real server process on
 * a fresh SQLite DATA_DIR with the Maulafa seed, in the Indonesian UI (the default):
 *
 * - a floor conflict: a plan line whose donor unit had its floor raised (through the API, behind the
 *   UI's back) fails at approval; the plan panel says so in the Indonesian floor sentence, naming the unit
 *   and its floor, and the server's English reason is nowhere on the page;
 * - a stale edit: an incident edited through the API while its edit form is open; saving the form is
 *   refused (409 version) and says "changed by someone else" in Indonesian, then the latest version can
 *   be loaded and saved.
 *
 * Every wait is for a condition on the page or the API, never for time.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot, uiLogin } from "./support/browser.js";
import { useE2E } from "./support/harness.js";
import { call, login, must } from "./support/server.js";

const PASSWORD = "rahasia-e2e-123";
const SHOTS = "errors";
const e2e = useE2E({ name: SHOTS, password: PASSWORD, keepLog: true, pageErrors: "each test" });

async function coordinatorPage(): Promise<Page> {
  const p = await e2e.newPage();
  await uiLogin(p, e2e.url, "koordinator", PASSWORD, "coordinator-view");
  await expect.poll(() => p.getByTestId("conn-state").getAttribute("data-conn"), { timeout: 15_000 }).toBe("live");
  return p;
}

/** Resolves once the page's live state has caught up with the server's event log. */
async function caughtUp(p: Page) {
  const lastSeq = (await must(e2e.url, "GET", "/events?limit=1", e2e.token)).lastSeq as number;
  await expect.poll(async () => Number(await p.getByTestId("conn-state").getAttribute("data-seq")), { timeout: 15_000 }).toBeGreaterThanOrEqual(lastSeq);
}

const bodyText = (p: Page) => p.locator("body").innerText();

describe("errors in the Indonesian dashboard", () => {
  it("a plan line refused for the donor unit's floor says so in Indonesian, with the unit and its floor", async () => {
    const incident = await must(e2e.url, "POST", "/incidents", e2e.token, {
      type: "banjir", title: "Genangan Oepura (uji batas minimum)", severity: 3, location: { lat: -10.19, lng: 123.62 },
      needs: [{ skill: "logistik", count: 1, priority: 5 }],
    }) as { id: string };

    const p = await coordinatorPage();
    await p.getByTestId("tab-plan").click();
    await p.getByTestId("plan-create").click();
    await p.getByTestId("plan-summary").waitFor({ timeout: 30_000 });
    const lines = p.locator('[data-testid^="plan-line-"]');
    await expect.poll(() => lines.count()).toBe(1);
    const staffId = (await lines.first().getAttribute("data-testid"))!.slice("plan-line-".length);

    // Behind the UI's back: the person's home unit now keeps far more people than it has.
    const person = await must(e2e.url, "GET", `/staff/${encodeURIComponent(staffId)}`, e2e.token) as { name: string; homeUnitId: string };
    const unit = await must(e2e.url, "GET", `/units/${encodeURIComponent(person.homeUnitId)}`, e2e.token) as { id: string; name: string; version: number };
    await must(e2e.url, "PATCH", `/units/${encodeURIComponent(unit.id)}`, e2e.token, { version: unit.version, floor: 99 });
    // What the API says to API users, in English: it must not reach the page.
    const english = `${unit.name} would fall below its staffing floor of 99`;

    await p.getByTestId("plan-approve-all").click();
    const result = p.getByTestId("plan-approve-result");
    await expect.poll(() => result.innerText().catch(() => ""), { timeout: 15_000 }).toContain("0 penugasan disetujui");
    expect(await result.innerText()).toContain("1 gagal");
    // The floor number comes from the live state: wait for the unit change to have reached the page.
    await caughtUp(p);
    await expect.poll(() => p.getByTestId(`plan-failed-${staffId}`).innerText(), { timeout: 15_000 })
      .toBe(`${person.name}: ${unit.name} akan kurang dari batas minimum: 99 pegawai harus tetap di unit.`);
    const page = await bodyText(p);
    expect(page).not.toContain(english);
    expect(page).not.toContain("staffing floor");
    await screenshot(p, SHOTS, "plan-floor-conflict");

    // Nothing was requested: the line failed as a whole.
    const assignments = await must(e2e.url, "GET", "/assignments", e2e.token) as { siteId: string }[];
    expect(assignments.filter((a) => a.siteId === incident.id)).toEqual([]);

    // The same failure follows a switch to English, in the dashboard's own English sentence.
    await p.getByTestId("locale-en").click();
    await expect.poll(() => p.getByTestId(`plan-failed-${staffId}`).innerText())
      .toBe(`${person.name}: ${unit.name} would fall below its staffing floor: 99 staff must stay at the unit.`);
    await p.getByTestId("locale-id").click();
    await expect.poll(() => p.getByTestId(`plan-failed-${staffId}`).innerText()).toContain("akan kurang dari batas minimum");
  });

  it("saving an incident someone else changed meanwhile is refused in Indonesian, and the latest version can be loaded", async () => {
    const title = "Angin kencang Naimata (uji ubah)";
    const created = await must(e2e.url, "POST", "/incidents", e2e.token, {
      type: "angin_kencang", title, severity: 2, location: { lat: -10.2, lng: 123.64 }, needs: [],
    }) as { id: string; version: number };

    const p = await coordinatorPage();
    await p.getByTestId(`incident-${created.id}`).waitFor({ timeout: 15_000 });
    await p.getByTestId(`incident-edit-${created.id}`).click();
    const form = p.getByTestId("incident-form");
    await form.waitFor();
    await expect.poll(() => p.getByTestId("incident-title").inputValue()).toBe(title);

    // Behind the UI's back, while the form is open: someone else raises the severity.
    const changed = await call(e2e.url, "PATCH", `/incidents/${created.id}`, e2e.token, { version: created.version, severity: 4 });
    expect(changed.status).toBe(200);

    await p.getByTestId("incident-title").fill(`${title} · diperbarui`);
    await p.getByTestId("incident-submit").click();
    await expect.poll(() => form.getByTestId("error").innerText().catch(() => ""), { timeout: 15_000 })
      .toBe("Data ini baru saja diubah orang lain. Periksa data terbaru, lalu coba lagi.");
    // The server's own words stay with API users.
    const page = await bodyText(p);
    expect(page).not.toContain("changed by someone else");
    expect(page).not.toContain("reload and try again");
    await screenshot(p, SHOTS, "incident-stale-edit");
    // The other change stands: nothing was overwritten.
    const stored = await must(e2e.url, "GET", `/incidents/${created.id}`, e2e.token) as { title: string; severity: number };
    expect(stored).toMatchObject({ title, severity: 4 });

    // Loading the latest version shows the other change; saving then goes through.
    await caughtUp(p);
    await p.getByTestId("incident-reload").click();
    await expect.poll(() => p.getByTestId("incident-severity").inputValue()).toBe("4");
    expect(await p.getByTestId("incident-title").inputValue()).toBe(title);
    expect(await form.getByTestId("error").count()).toBe(0);
    await p.getByTestId("incident-title").fill(`${title} · diperbarui`);
    await p.getByTestId("incident-submit").click();
    await form.waitFor({ state: "detached", timeout: 15_000 });
    expect(await must(e2e.url, "GET", `/incidents/${created.id}`, e2e.token)).toMatchObject({ title: `${title} · diperbarui`, severity: 4 });
  });
});
