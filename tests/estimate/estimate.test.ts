/** Needs from impact figures (issue 15): counts grow with the figures and name the ratio they came from. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPACT_FIGURES, RATIOS, estimateNeeds, type EstimateBody } from "../../shared/estimate.js";
import { mulberry32 } from "../../seed/prng.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;
beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
  coord = await server.as("koordinator");
});
afterAll(() => server?.close());

// Cyclone Seroja in Kota Kupang (4–5 April 2021): 4,248 people / 1,062 households affected, about 10 shelters.
const SEROJA: EstimateBody = { affected: 4248, evacuees: 1500, households: 1062, shelters: 10, kitchens: 2 };

describe("POST /api/estimate/needs", () => {
  it("[N1] answers needs per skill, each naming a ratio with its source, computed as ceil(figure × people / of)", async () => {
    const res = await coord.post("/estimate/needs", SEROJA);
    expect(res.status).toBe(200);
    const needs = res.body.needs as { skill: string; count: number; basis: string }[];
    expect(needs.length).toBeGreaterThan(5);
    for (const n of needs) {
      const ratio = RATIOS.find((r) => r.id === n.basis)!;
      expect(ratio, n.basis).toBeDefined();
      expect(ratio.source.length).toBeGreaterThan(20);
      expect(n.skill).toBe(ratio.skill);
      expect(n.count).toBe(Math.ceil((SEROJA[ratio.figure] * ratio.people) / ratio.of));
    }
    expect(needs.find((n) => n.basis === "sphere-health-doctors")!.count).toBe(4); // 4,248 × 8 / 10,000 = 3.4 → 4
    expect(needs.find((n) => n.basis === "tagana-kitchen-team")!.count).toBe(16);
    expect(res.body.needs).toEqual(estimateNeeds(SEROJA));
  });

  it("[N2] no figure, no need; counts never fall when any figure grows (random pairs)", () => {
    expect(estimateNeeds({ affected: 0, evacuees: 0, households: 0, shelters: 0, kitchens: 0 })).toEqual([]);
    const random = mulberry32(7);
    const draw = (max: number) => Math.floor(random() * max);
    for (let i = 0; i < 500; i++) {
      const a = { affected: draw(50_000), evacuees: draw(20_000), households: draw(12_000), shelters: draw(60), kitchens: draw(20) };
      const b = { ...a };
      const grown = IMPACT_FIGURES[draw(IMPACT_FIGURES.length)]!;
      b[grown] += 1 + draw(5_000);
      const before = new Map(estimateNeeds(a).map((n) => [n.basis, n.count]));
      const after = new Map(estimateNeeds(b).map((n) => [n.basis, n.count]));
      for (const [basis, count] of before) expect(after.get(basis)!, `${basis} after ${grown} grew`).toBeGreaterThanOrEqual(count);
    }
    // At the bounds a count stops at a need's maximum, still without falling.
    const huge = estimateNeeds({ affected: 5_000_000, evacuees: 5_000_000, households: 2_000_000, shelters: 10_000, kitchens: 10_000 });
    expect(Math.max(...huge.map((n) => n.count))).toBe(10_000);
  });

  it("[N3] bad figures are a 400 naming the field; only coordinators may ask", async () => {
    for (const [field, value] of [["affected", -1], ["evacuees", 1.5], ["shelters", 10_001], ["kitchens", "2"]] as const) {
      const res = await coord.post("/estimate/needs", { ...SEROJA, [field]: value });
      expect(res.status, field).toBe(400);
      expect(res.body.error.details[0].path).toBe(field);
    }
    expect((await coord.post("/estimate/needs", { ...SEROJA, extra: 1 })).status).toBe(400);
    const { kitchens: _k, ...missing } = SEROJA;
    expect((await coord.post("/estimate/needs", missing)).status).toBe(400);
    expect((await (await server.as("layar")).post("/estimate/needs", SEROJA)).status).toBe(403);
  });
});

describe("the ratios in the dashboard", () => {
  it("[N4] every ratio has its sentence in both languages (the incident form names the basis of each proposed need)", async () => {
    const { dictionary, loadLocale } = await import("../../client/i18n/index.js");
    for (const r of RATIOS) for (const locale of ["id", "en"] as const) {
      await loadLocale(locale);
      expect((dictionary(locale) as Record<string, string>)[`estimate.ratio.${r.id}`], `${locale} ${r.id}`).toBeTruthy();
    }
  });
});
