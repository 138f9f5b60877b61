/** Edge cases of the planner model, each checked by the independent checker and by what it must mean. */
import { describe, expect, it } from "vitest";
import { generateInstance } from "../../bench/generate.js";
import { plan } from "../../server/planner/index.js";
import { PlannerInput, type PlannerNeed, type PlannerStaff, type PlannerUnit } from "../../shared/planner.js";
import { checkPlan } from "./check.js";

const unit = (id: string, o: Partial<PlannerUnit> = {}): PlannerUnit => ({ id, lat: -10.17, lng: 123.6, floor: 0, workload: 2, ...o });
const person = (id: string, unitId: string, o: Partial<PlannerStaff> = {}): PlannerStaff => ({
  id, unitId, skills: ["medis"], fatigueHours: 0, volunteer: false, released: false, ...o,
});
const need = (id: string, o: Partial<PlannerNeed> = {}): PlannerNeed => ({
  id, siteId: "pos-sikumana", lat: -10.2, lng: 123.62, skill: "medis", count: 1, priority: 3, ...o,
});
const solve = (input: PlannerInput) => {
  const valid = PlannerInput.parse(input);
  const result = plan(valid);
  checkPlan(valid, result);
  return result;
};

describe("planner edge cases", () => {
  it("with nobody to send, every need is unfilled at its full penalty", () => {
    const r = solve({ units: [unit("u1")], staff: [], needs: [need("n1", { count: 3, priority: 2 }), need("n2", { priority: 5 })] });
    expect(r.assignments).toEqual([]);
    expect(r.unfilled).toEqual([{ needId: "n1", count: 3 }, { needId: "n2", count: 1 }]);
    expect(r.objective).toBe(100_000 * (2 * 3 + 5 * 1));
    expect(r.metrics.coverage).toBe(0);
  });

  it("a unit's own spike draws from other units only, even when its own staff are nearest", () => {
    const input = {
      units: [unit("pkm", { lat: -10.2, lng: 123.62 }), unit("far", { lat: -10.15, lng: 123.58 })],
      staff: [person("mine", "pkm"), person("theirs", "far")],
      needs: [need("spike", { siteUnitId: "pkm", lat: -10.2, lng: 123.62, count: 2 })],
    };
    const r = solve(input);
    expect(r.assignments.map((a) => a.staffId)).toEqual(["theirs"]);
    expect(r.unfilled).toEqual([{ needId: "spike", count: 1 }]);
    expect(() => PlannerInput.parse({ ...input, needs: [need("x", { siteUnitId: "nowhere" })] })).toThrow(/unknown unit nowhere/);
  });

  it("with no needs, nobody moves and coverage is 1", () => {
    const r = solve({ units: [unit("u1")], staff: [person("s1", "u1")], needs: [] });
    expect(r.assignments).toEqual([]);
    expect(r.unfilled).toEqual([]);
    expect(r.objective).toBe(0);
    expect(r.metrics.coverage).toBe(1);
    expect(r.metrics.loadByUnit.u1).toEqual({ before: 2, after: 2, taken: 0 });
  });

  it("an empty input gives an empty plan", () => {
    const r = solve({ units: [], staff: [], needs: [] });
    expect(r).toMatchObject({ assignments: [], unfilled: [], objective: 0, metrics: { coverage: 1, maxLoadBefore: 0, maxLoadAfter: 0, loadByUnit: {} } });
  });

  it("when every floor binds, only released staff move", () => {
    const input = generateInstance({ seed: 5, staff: 300, units: 12, needs: 10, floorShare: [1, 1.4], releasedShare: 0.15 });
    const r = solve(input);
    const staff = new Map(input.staff.map((s) => [s.id, s]));
    expect(r.assignments.length).toBeGreaterThan(0);
    expect(r.assignments.every((a) => staff.get(a.staffId)!.released)).toBe(true);
    const none = solve({ ...input, staff: input.staff.map((s) => ({ ...s, released: false })) });
    expect(none.assignments).toEqual([]);
  });

  it("a unit with zero workload costs no balance and its load stays 0", () => {
    const r = solve({ units: [unit("u1", { workload: 0 })], staff: [person("s1", "u1"), person("s2", "u1")], needs: [need("n1", { count: 2 })] });
    expect(r.assignments).toHaveLength(2);
    expect(r.assignments.every((a) => a.explain.costTerms.balance === 0)).toBe(true);
    expect(r.metrics.loadByUnit.u1).toEqual({ before: 0, after: 0, taken: 2 });
  });

  it("maxDistanceKm can exclude everyone", () => {
    const input = generateInstance({ seed: 9, staff: 200, units: 10, needs: 8, radiusKm: 20 });
    const far = { ...input, needs: input.needs.map((n) => ({ ...n, lat: -8.5, lng: 121.0, maxDistanceKm: 5 })) };
    const r = solve(far);
    expect(r.assignments).toEqual([]);
    expect(r.unfilled.map((u) => u.needId)).toEqual(far.needs.map((n) => n.id));
  });

  it("a tiny case computed by hand: the lighter unit gives, and the volunteer goes first", () => {
    // u1: A=2, workload 1 → taking its 1st person costs 10·1/max(1, 2−1) = 10.
    // u2: A=2, workload 4 → 10·4/1 = 40. Both units sit where the need is (0 km).
    // s1 (u1, volunteer, 8 h): 0 + 8/8 − 2 = −1; s2 (u1): 0. Best: s1 from u1, Z = 10 − 1 = 9.
    const at = { lat: -10.2, lng: 123.62 };
    const r = solve({
      units: [unit("u1", { ...at, workload: 1 }), unit("u2", { ...at, workload: 4 })],
      staff: [person("s1", "u1", { volunteer: true, fatigueHours: 8 }), person("s2", "u1"), person("s3", "u2"), person("s4", "u2")],
      needs: [need("n1")],
    });
    expect(r.assignments.map((a) => a.staffId)).toEqual(["s1"]);
    expect(r.objective).toBeCloseTo(9, 12);
    expect(r.assignments[0]!.explain.costTerms).toEqual({ distance: 0, fatigue: 1, volunteer: -2, released: 0, balance: 10 });
    expect(r.assignments[0]!.explain).toMatchObject({ unitLoadBefore: 0.5, unitLoadAfter: 1 });
  });

  it("scarce people go to the higher priority need", () => {
    const r = solve({
      units: [unit("u1")],
      staff: [person("s1", "u1")],
      needs: [need("low", { priority: 1, lat: -10.17, lng: 123.6 }), need("high", { priority: 4, lat: -10.5, lng: 123.9 })],
    });
    expect(r.assignments.map((a) => a.needId)).toEqual(["high"]);
    expect(r.unfilled).toEqual([{ needId: "low", count: 1 }]);
  });

  it("with no reward for filling, only lines that pay for themselves are made", () => {
    const r = solve({
      units: [unit("u1", { workload: 0 })],
      staff: [person("vol", "u1", { volunteer: true }), person("plain", "u1")],
      needs: [need("n1", { count: 2, lat: -10.17, lng: 123.601 })],
      weights: { priority: 0 },
    });
    expect(r.assignments.map((a) => a.staffId)).toEqual(["vol"]);
    expect(r.objective).toBeLessThan(0);
  });

  it("released staff are outside the floor", () => {
    const r = solve({
      units: [unit("u1", { floor: 2 })],
      staff: [person("a", "u1"), person("b", "u1"), person("c", "u1", { released: true })],
      needs: [need("n1", { count: 3 })],
    });
    expect(r.assignments.map((a) => a.staffId)).toEqual(["c"]);
    expect(r.unfilled).toEqual([{ needId: "n1", count: 2 }]);
  });

  it("the same input gives the same plan, also after a JSON round trip", () => {
    const input = generateInstance({ seed: 77, staff: 2000, units: 40, needs: 25 });
    // Timings (solveMs and its phases, graphMs …) are the only stats allowed to differ.
    const strip = (r: ReturnType<typeof plan>) => ({ ...r, stats: Object.fromEntries(Object.entries(r.stats).filter(([k]) => !k.endsWith("Ms"))) });
    const a = strip(plan(input));
    expect(strip(plan(input))).toEqual(a);
    expect(strip(plan(JSON.parse(JSON.stringify(input)) as PlannerInput))).toEqual(a);
    const b = strip(plan(input, undefined, { solver: "simplex" }));
    expect(strip(plan(input, undefined, { solver: "simplex" }))).toEqual(b);
  });

  // Shortest paths fill the most urgent need first, then repair: these two repairs go through a person's
  // class (the kernel's unit gadgets: hub to hub, hub back to pool), and every algorithm must agree.
  const agree = (input: PlannerInput) => {
    const r = solve(input);
    for (const solver of ["paths", "scaling", "simplex"] as const) expect(plan(PlannerInput.parse(input), undefined, { solver }).objective).toBeCloseTo(r.objective, 6);
    return Object.fromEntries(r.assignments.map((a) => [a.needId, a.staffId]));
  };

  it("someone sent for one skill is sent for the other when only they have it", () => {
    const r = agree({
      units: [unit("u1")],
      // Ana is cheaper, so the urgent medis need takes her first; only she has logistik.
      staff: [person("ana", "u1", { skills: ["medis", "logistik"] }), person("budi", "u1", { fatigueHours: 40 })],
      needs: [need("med", { priority: 5 }), need("log", { skill: "logistik", priority: 1 })],
    });
    expect(r).toEqual({ med: "budi", log: "ana" });
  });

  it("someone a floor lets go is taken back when another of their unit is needed more", () => {
    const r = agree({
      // u1 may give one of two; only Budi has logistik, and Citra is far but can take medis.
      units: [unit("u1", { floor: 1 }), unit("far", { lat: -10.12, lng: 123.55 })],
      staff: [person("ana", "u1"), person("budi", "u1", { skills: ["logistik"] }), person("citra", "far")],
      needs: [need("med", { priority: 5 }), need("log", { skill: "logistik", priority: 4 })],
    });
    expect(r).toEqual({ med: "citra", log: "budi" });
  });

  it("lines' costs plus unfilled penalties add up to the objective", () => {
    const input = generateInstance({ seed: 78, staff: 1500, units: 30, needs: 40, maxCount: 30 });
    const r = solve(input);
    const penalty = r.unfilled.reduce((s, u) => s + 100_000 * input.needs.find((n) => n.id === u.needId)!.priority * u.count, 0);
    const lines = r.assignments.reduce((s, a) => s + a.cost, 0);
    expect(Math.abs(penalty + lines - r.objective)).toBeLessThan(1e-6 * Math.max(1, Math.abs(r.objective)));
  });
});
