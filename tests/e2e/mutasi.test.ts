/**
 * The Mutasi area in real headless Chromium against a real server process on the Maulafa seed: a staff
 * member sends a wish on a phone-size page; the coordinator's Mutasi tab closes wishes, computes the plan
 * (EJ chart, moves, fairness), sends it to review; the Plh's page says he may not sign and offers no button;
 * the PPK approves on /mutasi, and the coordinator's page shows the decision and the SK live, with no reload.
 * On the way, every side is heard: the phone shows the person where the plan leaves them and takes their
 * objection, the coordinator answers it and the phone shows the answer, and the head of a unit the plan
 * touches reviews the moves out of and into the unit from their own page.
 * Needs Chromium at /usr/bin/chromium (or SIAGA_CHROMIUM); without it the suite FAILS, it never skips.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot, uiLogin, watchForReloads } from "./support/browser.js";
import { useE2E } from "./support/harness.js";
import { login, must } from "./support/server.js";

const PASSWORD = "rahasia-e2e-mutasi";
const SHOTS = "mutasi";
const e2e = useE2E({ name: SHOTS, password: PASSWORD });

function page(viewport?: { width: number; height: number }): Promise<Page> {
  return e2e.newPage(viewport ? { viewport } : {});
}

/** The newest plan of the seeded cycle, as the coordinator's state holds it. */
async function latestPlanId(token: string): Promise<string> {
  const state = await must(e2e.url, "GET", "/state", token);
  const plans = (state.mutasiPlans as { id: string; cycleId: string; createdAt: string }[]).filter((p) => p.cycleId === "cycle-2027");
  return plans.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]!.id;
}

describe("the Mutasi area", () => {
  it("wish on a phone, plan and review by the coordinator, refusal shown to the Plh, decision by the PPK, seen live", async () => {
    // A movable person with somewhere to wish for.
    const coordToken = (await login(e2e.url, "koordinator", PASSWORD)).token;
    const staff = (await must(e2e.url, "GET", "/staff", coordToken)) as { id: string; nip: string }[];
    let nip = "";
    for (const s of staff) {
      const token = (await login(e2e.url, s.nip, PASSWORD)).token;
      const me = await must(e2e.url, "GET", "/mutasi/cycles/cycle-2027/me", token);
      if (me.eligibility.movable && me.options.length > 0) { nip = s.nip; break; }
    }
    expect(nip).not.toBe("");

    const phone = await page({ width: 390, height: 844 });
    await uiLogin(phone, e2e.url, nip, PASSWORD, "staff-view");
    await phone.getByTestId("wish-card").waitFor();
    await phone.getByTestId("choice-move").check();
    const option = await phone.getByTestId("wish-0").locator("option").nth(1).getAttribute("value");
    await phone.getByTestId("wish-0").selectOption(option!);
    await phone.getByTestId("wish-reason").selectOption("care");
    await phone.getByTestId("wish-submit").click();
    await phone.getByTestId("wish-sent").waitFor();
    expect(await phone.getByTestId("points-total").innerText()).toMatch(/^\d+$/);
    await screenshot(phone, SHOTS, "staff-wish");

    const coord = await page();
    await uiLogin(coord, e2e.url, "koordinator", PASSWORD, "coordinator-view");
    const reloads = await watchForReloads(coord);
    await coord.getByTestId("tab-mutasi").click();
    await coord.getByTestId("mutasi-panel").waitFor();
    expect(await coord.getByTestId("mutasi-panel").getAttribute("data-phase")).toBe("wishes_open");
    // Objections (to a points sheet, while wishes are open) are listed before there is any plan.
    await coord.getByTestId("mutasi-objections").waitFor();
    await coord.getByTestId("phase-wishes_closed").click();
    await expect.poll(() => coord.getByTestId("mutasi-panel").getAttribute("data-phase"), { timeout: 15_000 }).toBe("wishes_closed");
    // The phone hears it: the form goes, the points sheet stays.
    await phone.getByTestId("wish-form").waitFor({ state: "detached", timeout: 15_000 });

    await coord.getByTestId("mutasi-plan").click();
    await coord.getByTestId("mutasi-moves").waitFor({ timeout: 30_000 });
    expect(Number(await coord.getByTestId("mutasi-moved").innerText())).toBeGreaterThan(0);
    expect(await coord.getByTestId("ej-chart").locator("tbody tr").count()).toBeGreaterThan(5);
    await coord.getByTestId("review-note").fill("Sesuai ABK 2026");
    await coord.getByTestId("review-agree").click();
    await coord.getByTestId("mutasi-reviews").getByText("Sesuai ABK 2026").waitFor();
    await coord.getByTestId("phase-in_review").click();
    await expect.poll(() => coord.getByTestId("mutasi-panel").getAttribute("data-phase"), { timeout: 15_000 }).toBe("in_review");
    await screenshot(coord, SHOTS, "coordinator-plan");

    // The phone hears of the plan and shows the person their line; they object to it.
    await phone.getByTestId("my-line").waitFor({ timeout: 15_000 });
    expect(await phone.getByTestId("my-line").getAttribute("data-approved")).toBe("null");
    expect(await phone.getByTestId("my-line-text").innerText()).toMatch(/^Anda (diusulkan pindah ke|tetap di) /);
    await phone.getByTestId("objection-text").fill("Mohon TMT diundur satu bulan");
    await phone.getByTestId("objection-send").click();
    await phone.getByTestId("my-objections").getByText("Mohon TMT diundur satu bulan").waitFor();
    await screenshot(phone, SHOTS, "staff-line");
    // The coordinator's page lists it live and answers; the phone shows the answer.
    const objection = coord.getByTestId("mutasi-objections").locator("li", { hasText: "Mohon TMT diundur satu bulan" });
    await objection.waitFor({ timeout: 15_000 });
    await objection.getByTestId("answer-text").fill("TMT tetap; cuti dapat diatur dengan kepala unit");
    await objection.getByTestId("answer-send").click();
    await expect.poll(() => objection.getAttribute("data-answered"), { timeout: 15_000 }).toBe("true");
    await phone.getByTestId("my-objections").getByText("Jawaban: TMT tetap; cuti dapat diatur dengan kepala unit").waitFor({ timeout: 15_000 });

    // The head of a unit the plan moves someone out of reviews it from the unit's own page.
    const plan = await must(e2e.url, "GET", `/mutasi/plans/${await latestPlanId(coordToken)}`, coordToken);
    const unitOf = new Map((plan.input.positions as { id: string; unitId: string }[]).map((p) => [p.id, p.unitId]));
    const fromUnit = unitOf.get((plan.result.moves as { from: string }[])[0]!.from)!;
    const units = (await must(e2e.url, "GET", "/units", coordToken)) as { id: string; code: string }[];
    const head = await page();
    await uiLogin(head, e2e.url, `kepala.${units.find((u) => u.id === fromUnit)!.code}`, PASSWORD, "unit-head-view");
    await head.getByTestId("unit-mutasi").waitFor();
    expect(await head.getByTestId("unit-mutasi").locator("tbody tr").count()).toBeGreaterThan(0);
    await head.getByTestId("review-note").fill("Unit kami tetap di atas batas minimum");
    await head.getByTestId("review-agree").click();
    await coord.getByTestId("mutasi-reviews").getByText("Unit kami tetap di atas batas minimum").waitFor({ timeout: 15_000 });
    await screenshot(head, SHOTS, "unit-head-review");

    const plh = await page();
    await uiLogin(plh, e2e.url, "plh.walikota", PASSWORD, "mutasi-view");
    await plh.getByTestId("mutasi-acting").waitFor();
    expect(await plh.getByTestId("decide-approve").count()).toBe(0);

    const ppk = await page();
    await uiLogin(ppk, e2e.url, "walikota", PASSWORD, "mutasi-view");
    await ppk.getByTestId("decide-approve").click();
    await ppk.getByTestId("mutasi-decided").waitFor();
    await ppk.getByTestId("sk-download").waitFor();
    await screenshot(ppk, SHOTS, "ppk-decided");

    await coord.getByTestId("mutasi-decided").waitFor({ timeout: 15_000 });
    expect(await coord.getByTestId("mutasi-decided").getAttribute("data-approve")).toBe("true");
    expect(await coord.getByTestId("mutasi-panel").getAttribute("data-phase")).toBe("decided");
    const { navigations, markerKept } = await reloads();
    expect([navigations, markerKept]).toEqual([0, true]);
    expect(e2e.pageErrors).toEqual([]);
  }, 240_000);
});
