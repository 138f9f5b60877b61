/**
 * The long hours of a flood (issue 15) in the coordinator's dashboard, in real headless Chromium against a
 * real server process on the demo seed:
 * - the replay slider moves map, lists and KPIs to an earlier seq (before an incident was declared it is
 *   absent) and back to live;
 * - a contained incident's demobilisation panel lists its deployed people busiest home unit first, and
 *   sending them home completes them, live on the page;
 * - the incident form's impact figures propose needs, each with the ratio it came from.
 * Without Chromium the suite FAILS, it never skips.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot, uiLogin } from "./support/browser.js";
import { useE2E } from "./support/harness.js";
import { login, must } from "./support/server.js";

const PASSWORD = "rahasia-e2e-long-hours";
const SHOTS = "long-hours";
const e2e = useE2E({ name: SHOTS, password: PASSWORD, pageErrors: "each test" });

async function coordinatorPage(): Promise<Page> {
  const p = await e2e.newPage();
  await uiLogin(p, e2e.url, "koordinator", PASSWORD, "coordinator-view");
  return p;
}

type Unit = { id: string; code: string; floor: number };
type Staff = { id: string; homeUnitId: string; skills: string[]; status: string };
type Assignment = { id: string; staffId: string; state: string; version: number };

const seqNow = async () => ((await must(e2e.url, "GET", "/state", e2e.token)) as { seq: number }).seq;
const kpi = (p: Page, id: string) => p.getByTestId(`kpi-${id}-value`);

/** A React-controlled range input moved as a user's drag would: the native setter, then an input event. */
async function slideTo(p: Page, seq: number) {
  await p.getByTestId("replay-slider").evaluate((el, v) => {
    const input = el as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, String(v));
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, seq);
}

/** An incident with three people on site: two lent by one unit, one by another (logistik, units well above their floor). */
async function deployedIncident(title: string) {
  const state = await must(e2e.url, "GET", "/state", e2e.token) as { units: Unit[]; staff: Staff[]; assignments: { staffId: string; state: string }[] };
  const busy = new Set(state.assignments.filter((a) => ["requested", "confirmed", "active"].includes(a.state)).map((a) => a.staffId));
  const donors = state.units
    .map((u) => ({ unit: u, people: state.staff.filter((s) => s.homeUnitId === u.id && s.status === "available" && !busy.has(s.id) && s.skills.includes("logistik")) }))
    .filter((d) => d.people.length >= 2 && state.staff.filter((s) => s.homeUnitId === d.unit.id).length >= d.unit.floor + 4);
  expect(donors.length, "two units that can lend logistik people").toBeGreaterThanOrEqual(2);
  const picks = [{ d: donors[0]!, n: 2 }, { d: donors[1]!, n: 1 }];
  const incident = await must(e2e.url, "POST", "/incidents", e2e.token, {
    type: "banjir", title, severity: 4, location: { lat: -10.205, lng: 123.615 }, needs: [{ skill: "logistik", count: 3, priority: 4 }],
  }) as { id: string; version: number; needs: { id: string }[] };
  const assignments: Assignment[] = [];
  for (const { d, n } of picks) {
    const head = await login(e2e.url, `kepala.${d.unit.code}`, PASSWORD);
    for (const person of d.people.slice(0, n)) {
      const a = await must(e2e.url, "POST", "/assignments", e2e.token, { staffId: person.id, needId: incident.needs[0]!.id }) as Assignment;
      const confirmed = await must(e2e.url, "POST", `/assignments/${a.id}/confirm`, head.token, { version: a.version }) as Assignment;
      assignments.push(await must(e2e.url, "POST", `/assignments/${a.id}/checkin`, e2e.token, { version: confirmed.version }) as Assignment);
    }
  }
  return { incident, assignments };
}

describe("the long hours in the coordinator's dashboard", () => {
  it("[LH1] the replay slider shows map, lists and KPIs as they were before an incident was declared, and goes back to live", async () => {
    const before = await seqNow();
    const activeBefore = ((await must(e2e.url, "GET", "/incidents", e2e.token)) as { status: string }[]).filter((i) => i.status === "active").length;
    const { incident, assignments } = await deployedIncident("Banjir Oepura (uji putar ulang)");
    const p = await coordinatorPage();
    await p.getByTestId(`incident-${incident.id}`).waitFor();
    await expect.poll(() => kpi(p, "active-incidents").textContent()).toBe(String(activeBefore + 1));
    // The map draws on a canvas; its wrapper says which seq it draws and how many incidents are on it.
    const map = p.getByTestId("map");
    const onMap = async () => Number(await map.getAttribute("data-incidents"));
    await expect.poll(onMap).toBeGreaterThan(0);
    const liveOnMap = await onMap();

    await p.getByTestId("replay-open").click();
    await p.getByTestId("replay-bar").waitFor();
    // At the live seq the replayed list holds the new people on site.
    await p.getByTestId(`assignment-${assignments[0]!.id}`).waitFor();
    await slideTo(p, before);
    await expect.poll(() => p.getByTestId("replay-seq").textContent()).toContain(before.toLocaleString("id-ID"));
    await expect.poll(() => p.getByTestId(`assignment-${assignments[0]!.id}`).count()).toBe(0);
    await expect.poll(() => kpi(p, "active-incidents").textContent()).toBe(String(activeBefore));
    await expect.poll(() => map.getAttribute("data-seq")).toBe(String(before));
    expect(await onMap()).toBe(liveOnMap - 1);
    await screenshot(p, SHOTS, "replay-before");

    // Back to live: the incident, its people and the KPIs return.
    await p.getByTestId("replay-close").click();
    await p.getByTestId(`incident-${incident.id}`).waitFor();
    await expect.poll(() => kpi(p, "active-incidents").textContent()).toBe(String(activeBefore + 1));
    await expect.poll(onMap).toBe(liveOnMap);
    expect(Number(await map.getAttribute("data-seq"))).toBeGreaterThan(before);
  });

  it("[LH2] a contained incident's demobilisation panel lists its people busiest home unit first; sending them home completes them, live", async () => {
    const { incident, assignments } = await deployedIncident("Banjir Kolhua (uji pemulangan)");
    await must(e2e.url, "PATCH", `/incidents/${incident.id}`, e2e.token, { version: incident.version, status: "contained" });
    const p = await coordinatorPage();
    await p.getByTestId(`incident-${incident.id}`).locator("button.item-main").click();
    const panel = p.getByTestId("demobilisation-panel");
    await panel.waitFor();
    const api = await must(e2e.url, "GET", `/incidents/${incident.id}/demobilisation`, e2e.token) as { lines: { assignmentId: string; homeUnitId: string; homeLoad: number }[] };
    expect(api.lines.map((l) => l.assignmentId).sort()).toEqual(assignments.map((a) => a.id).sort());
    expect(new Set(api.lines.map((l) => l.homeUnitId)).size).toBe(2);
    for (let i = 1; i < api.lines.length; i++) expect(api.lines[i - 1]!.homeLoad).toBeGreaterThanOrEqual(api.lines[i]!.homeLoad);
    await expect.poll(async () => (await panel.locator("li[data-testid^='demob-']").evaluateAll((els) => els.map((e) => e.getAttribute("data-testid"))))
      .map((id) => id!.slice("demob-".length))).toEqual(api.lines.map((l) => l.assignmentId));
    await screenshot(p, SHOTS, "demobilisation");

    await p.getByTestId("demob-all").click();
    await panel.locator(".empty").waitFor();
    // The live list shows them home without a reload.
    await p.getByTestId("tab-assignments").click();
    await p.getByTestId("assignment-filter").selectOption("all");
    for (const a of assignments) await expect.poll(() => p.getByTestId(`assignment-${a.id}`).getAttribute("data-state")).toBe("completed");
    for (const a of assignments) expect(((await must(e2e.url, "GET", `/assignments/${a.id}`, e2e.token)) as Assignment).state).toBe("completed");
  });

  it("[LH3] the incident form's impact figures propose needs, each with its basis", async () => {
    const p = await coordinatorPage();
    await p.getByTestId("incident-new").click();
    await p.getByTestId("incident-impact").waitFor();
    const figures = { affected: 12000, evacuees: 1500, households: 3000, shelters: 4, kitchens: 2 };
    for (const [k, v] of Object.entries(figures)) await p.getByTestId(`impact-${k}`).fill(String(v));
    await p.getByTestId("impact-propose").click();
    const bases = p.getByTestId("impact-bases");
    await bases.waitFor();
    const expected = await must(e2e.url, "POST", "/estimate/needs", e2e.token, figures) as { needs: { skill: string; count: number; basis: string }[] };
    expect(expected.needs.length).toBeGreaterThan(1);
    const bySkill = new Map<string, number>();
    for (const n of expected.needs) bySkill.set(n.skill, (bySkill.get(n.skill) ?? 0) + n.count);
    // One need row per skill with the summed count, and one basis line per ratio, naming its source.
    await expect.poll(() => p.locator("[data-testid^='need-row-']").count()).toBe(bySkill.size);
    const rows = new Map<string, number>();
    for (let i = 0; i < bySkill.size; i++) rows.set(await p.getByTestId(`need-skill-${i}`).inputValue(), Number(await p.getByTestId(`need-count-${i}`).inputValue()));
    expect(rows).toEqual(bySkill);
    await expect.poll(() => bases.locator("li").count()).toBe(expected.needs.length);
    expect(await bases.textContent()).toContain("Sphere 2018");
    await screenshot(p, SHOTS, "impact-estimate");
  });
});
