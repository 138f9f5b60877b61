/**
 * The donor load cap (DESIGN.md, "Donors must not be busy themselves"): a unit's effective floor is
 * max(floor, ceil(workload / cap)). The capped plan equals HiGHS's optimum of the same LP with those floors
 * (written out here, independently of the planner), keeps every donor's non-released people at or above
 * them, and says which unfilled needs the cap left open.
 */
import { describe, expect, it } from "vitest";
import { generateInstance, rng } from "../../bench/generate.js";
import { buildLp, solveLp } from "../../bench/lp.js";
import { plan } from "../../server/planner/index.js";
import type { PlannerInput } from "../../shared/planner.js";
import { checkPlan } from "./check.js";

/** The same input with the cap written into the floors, as DESIGN.md defines it, and no cap field. */
function floorsRaised(input: PlannerInput, cap: number): PlannerInput {
  const { donorLoadCap: _c, ...rest } = input;
  return { ...rest, units: input.units.map((u) => ({ ...u, floor: Math.max(u.floor, Math.ceil(u.workload / cap - 1e-9)) })) };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

function capped(seed: number): { input: PlannerInput; cap: number } {
  const r = rng(seed * 104729);
  const staff = 20 + Math.floor(r() * 300);
  const units = 2 + Math.floor(r() * 12);
  const base = generateInstance({ seed, staff, units, needs: 2 + Math.floor(r() * 10), maxCount: 2 + Math.floor(r() * 30), releasedShare: r() * 0.3, floorShare: [0, 0.4] });
  // Workloads near the staff counts, so that a cap around 1 binds in some units and not in others.
  const sizes = new Map<string, number>();
  for (const s of base.staff) sizes.set(s.unitId, (sizes.get(s.unitId) ?? 0) + 1);
  const input = { ...base, units: base.units.map((u) => ({ ...u, workload: Math.round((sizes.get(u.id) ?? 0) * (0.3 + r()) * 10) / 10 })) };
  return { input, cap: [0.6, 0.8, 1, 1.2][seed % 4]! };
}

describe("donor load cap", () => {
  it("matches HiGHS on the LP with the raised floors, on 30 instances, and leaves no lender's kept people below them", async () => {
    let binding = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const { input, cap } = capped(seed);
      const result = plan({ ...input, donorLoadCap: cap });
      const raised = floorsRaised(input, cap);
      checkPlan(raised, result);
      const lp = await solveLp(buildLp(raised, "person").text);
      expect(lp.status, `seed ${seed}`).toBe("Optimal");
      expect(rel(result.objective, lp.objective), `seed ${seed}: planner ${result.objective}, HiGHS ${lp.objective}`).toBeLessThan(1e-6);
      expect(result.metrics.donorLoadCap).toBe(cap);

      // No donor above the cap: a unit that lends a non-released person keeps load ≤ cap after.
      const keptTaken = new Map<string, number>();
      const staff = new Map(input.staff.map((s) => [s.id, s]));
      for (const a of result.assignments) if (!staff.get(a.staffId)!.released) keptTaken.set(a.explain.unitId, (keptTaken.get(a.explain.unitId) ?? 0) + 1);
      for (const [unitId, n] of keptTaken) {
        expect(n).toBeGreaterThan(0);
        expect(result.metrics.loadByUnit[unitId]!.after, `seed ${seed}, ${unitId}`).toBeLessThanOrEqual(cap + 1e-9);
      }
      const free = plan(input);
      if (free.unfilled.reduce((s, u) => s + u.count, 0) < result.unfilled.reduce((s, u) => s + u.count, 0)) binding++;
    }
    expect(binding, "the cap changes some of these plans").toBeGreaterThan(3);
  }, 120_000);

  it("marks the needs the cap left open with how many more an uncapped plan would fill", () => {
    // Two units of 4 nurses: one idle, one busy (workload 3.5, load 0.88). Without a cap both lend;
    // with cap 1.0 the busy unit keeps ceil(3.5) = 4 and lends none.
    const units = [
      { id: "idle", lat: -10.2, lng: 123.6, floor: 0, workload: 0 },
      { id: "busy", lat: -10.2, lng: 123.61, floor: 0, workload: 3.5 },
    ];
    const staff = units.flatMap((u) => [0, 1, 2, 3].map((i) => ({ id: `${u.id}-${i}`, unitId: u.id, skills: ["keperawatan" as const], fatigueHours: 0, volunteer: false, released: false })));
    const needs = [
      { id: "n1", siteId: "s", lat: -10.21, lng: 123.6, skill: "keperawatan" as const, count: 6, priority: 5 },
      { id: "n2", siteId: "s", lat: -10.21, lng: 123.6, skill: "medis" as const, count: 1, priority: 5 },
    ];
    const input: PlannerInput = { units, staff, needs };
    const free = plan(input);
    expect(free.assignments).toHaveLength(6);
    expect(free.metrics.donorLoadCap).toBeUndefined();
    const result = plan({ ...input, donorLoadCap: 1 });
    expect(result.assignments.every((a) => a.explain.unitId === "idle")).toBe(true);
    expect(result.assignments).toHaveLength(4);
    expect(result.unfilled).toEqual([
      { needId: "n1", count: 2, reason: "donor_cap", byCap: 2 },
      { needId: "n2", count: 1 }, // nobody has the skill: not the cap's doing
    ]);
    expect(result.metrics.unfilledByCap).toBe(2);
    expect(plan({ ...input, donorLoadCap: null }).assignments).toHaveLength(6);
  });
});
