/**
 * Accessibility (issue 14 item 7): axe-core 4.14 (WCAG 2.0/2.1 A and AA rules, contrast included) injected
 * into real Chromium finds no serious or critical violation on the login, coordinator, unit head, staff
 * and screen views; opened forms take the focus.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { uiLogin } from "./support/browser.js";
import { useE2E } from "./support/harness.js";
import { login, must, ROOT } from "./support/server.js";

const PASSWORD = "rahasia-e2e-123";
const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");
const e2e = useE2E({ name: "a11y", password: PASSWORD });

function newPage(viewport = { width: 1440, height: 900 }): Promise<Page> {
  // bypassCSP: axe is injected as a script tag, which the app's CSP (script-src 'self') rightly refuses.
  return e2e.newPage({ viewport, bypassCSP: true });
}

/** The serious and critical violations axe finds on the page as it is now, one line each. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
  });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

let built: { unit: { id: string; code: string; floor: number }; staff: { id: string; nip: string } } | undefined;
/** A requested and a confirmed assignment, so the unit head's and the staff member's views have content (made once). */
async function scene() {
  built ??= await makeScene();
  return built;
}
async function makeScene() {
  const state = await must(e2e.url, "GET", "/state", e2e.token) as { units: { id: string; code: string; floor: number }[]; staff: { id: string; nip: string; homeUnitId: string; skills: string[]; status: string }[] };
  for (const unit of state.units) {
    const people = state.staff.filter((s) => s.homeUnitId === unit.id && s.status === "available" && s.skills.includes("logistik"));
    if (people.length < 2 || state.staff.filter((s) => s.homeUnitId === unit.id).length < unit.floor + 4) continue;
    const incident = await must(e2e.url, "POST", "/incidents", e2e.token, {
      type: "banjir", title: "Banjir Naikolan (uji aksesibilitas)", severity: 4, location: { lat: -10.2, lng: 123.6 },
      post: { name: "Posko Naikolan", phone: "081234567890" }, needs: [{ skill: "logistik", count: 2, priority: 4 }],
    });
    const first = await must(e2e.url, "POST", "/assignments", e2e.token, { staffId: people[0]!.id, needId: incident.needs[0].id });
    await must(e2e.url, "POST", "/assignments", e2e.token, { staffId: people[1]!.id, needId: incident.needs[0].id });
    const head = await login(e2e.url, `kepala.${unit.code}`, PASSWORD);
    await must(e2e.url, "POST", `/assignments/${first.id}/confirm`, head.token, { version: first.version });
    return { unit, staff: people[0]! };
  }
  throw new Error("no unit to build the scene from");
}

describe("accessibility (axe-core, WCAG 2.1 AA)", () => {
  it("no serious or critical violation on the login, coordinator, unit head, staff and screen views", async () => {
    const { unit, staff } = await scene();
    const found: Record<string, string[]> = {};

    const loginPage = await newPage({ width: 390, height: 844 });
    await loginPage.goto(e2e.url + "/");
    await loginPage.getByTestId("login-form").waitFor();
    found.login = await violations(loginPage);

    const coord = await newPage();
    await uiLogin(coord, e2e.url, "koordinator", PASSWORD, "coordinator-view");
    found.coordinator = await violations(coord);

    const head = await newPage({ width: 390, height: 844 });
    await uiLogin(head, e2e.url, `kepala.${unit.code}`, PASSWORD, "unit-head-view");
    await head.getByTestId("requests").locator(".request-item").first().waitFor();
    found.unitHead = await violations(head);

    const person = await newPage({ width: 390, height: 844 });
    await uiLogin(person, e2e.url, staff.nip, PASSWORD, "staff-view");
    await person.getByTestId("my-post").waitFor();
    found.staff = await violations(person);
    // An opened form takes the focus: "Saya tidak bisa hadir" puts it in the reason.
    await person.getByTestId("excuse").click();
    expect(await person.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? "")).toMatch(/^excuse-reason-/);

    const wall = await newPage({ width: 1920, height: 1080 });
    await uiLogin(wall, e2e.url, "layar", PASSWORD, "screen-view", "/screen");
    await wall.locator('[data-board="incidents"]').waitFor();
    found.screen = await violations(wall);

    expect(found).toEqual({ login: [], coordinator: [], unitHead: [], staff: [], screen: [] });
  });

  it("every action of the staff view is reachable by keyboard", async () => {
    const { staff } = await scene();
    const person = await newPage({ width: 390, height: 844 });
    await uiLogin(person, e2e.url, staff.nip, PASSWORD, "staff-view");
    await person.getByTestId("checkin").waitFor();
    const reached = new Set<string>();
    for (let i = 0; i < 60 && !(reached.has("checkin") && reached.has("excuse")); i++) {
      await person.keyboard.press("Tab");
      reached.add(await person.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? ""));
    }
    expect([...reached]).toEqual(expect.arrayContaining(["checkin", "excuse", "maps-link"]));
  });
});
