/**
 * The donor load cap (DESIGN.md, "Donors must not be busy themselves"), kept outside the flow core: the cap
 * only raises each unit's floor before the graph is built, and the needs it leaves open are found by
 * solving the same input once more without it.
 */
import type { PlannerInput, PlanResult } from "../../shared/planner.js";
import { effectiveFloor } from "../../shared/rules.js";

/** The input with each unit's floor raised to max(floor, ceil(workload / cap)); the input itself when no cap. */
export function withDonorCap(input: PlannerInput): PlannerInput {
  const cap = input.donorLoadCap;
  if (cap === null || cap === undefined) return input;
  return { ...input, units: input.units.map((u) => ({ ...u, floor: effectiveFloor(u, cap) })) };
}

/** Whether a capped plan left people unplaced, so that an uncapped solve could tell how many the cap cost. */
export function capMayCost(input: PlannerInput, result: PlanResult): boolean {
  return input.donorLoadCap !== null && input.donorLoadCap !== undefined && result.unfilled.length > 0;
}

/**
 * Marks the capped plan's unfilled needs that the uncapped plan fills further: `reason: "donor_cap"` and
 * `byCap`, the people more it places there (at most what is missing). Records the cap in the metrics.
 */
export function markCapCost(capped: PlanResult, uncapped: PlanResult | null, cap: number | null): PlanResult {
  const filled = (r: PlanResult) => {
    const m = new Map<string, number>();
    for (const a of r.assignments) m.set(a.needId, (m.get(a.needId) ?? 0) + 1);
    return m;
  };
  const had = filled(capped);
  const could = uncapped ? filled(uncapped) : new Map<string, number>();
  let total = 0;
  const unfilled = capped.unfilled.map((u) => {
    const more = Math.min(u.count, (could.get(u.needId) ?? 0) - (had.get(u.needId) ?? 0));
    if (more <= 0) return u;
    total += more;
    return { ...u, reason: "donor_cap" as const, byCap: more };
  });
  return { ...capped, unfilled, metrics: { ...capped.metrics, donorLoadCap: cap, unfilledByCap: total } };
}
