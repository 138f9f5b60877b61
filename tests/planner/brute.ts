/**
 * Exhaustive search over every assignment of a tiny instance: the slowest possible oracle, and the one
 * that assumes nothing about flows or LPs. Only for instances with (needs+1)^staff in the thousands.
 */
import type { PlannerInput } from "../../shared/planner.js";
import { objectiveOf } from "./check.js";

/** The least Z over all feasible assignments (hard constraints checked here, independently). */
export function bruteForceOptimum(input: PlannerInput): number {
  const S = input.staff.length;
  const J = input.needs.length;
  const unit = new Map(input.units.map((u) => [u.id, u]));
  const kept = new Map<string, number>();
  for (const s of input.staff) if (!s.released) kept.set(s.unitId, (kept.get(s.unitId) ?? 0) + 1);
  const dist = (s: PlannerInput["staff"][number], j: number) => {
    const u = unit.get(s.unitId)!;
    const n = input.needs[j]!;
    const r = (d: number) => (d * Math.PI) / 180;
    const h = Math.sin(r(n.lat - u.lat) / 2) ** 2 + Math.cos(r(u.lat)) * Math.cos(r(n.lat)) * Math.sin(r(n.lng - u.lng) / 2) ** 2;
    return 2 * 6371.0088 * Math.asin(Math.sqrt(Math.min(1, h)));
  };
  const options = input.staff.map((s) => [
    -1,
    ...input.needs.flatMap((n, j) => (s.skills.includes(n.skill) && n.siteUnitId !== s.unitId && (n.maxDistanceKm === undefined || dist(s, j) <= n.maxDistanceKm) ? [j] : [])),
  ]);
  let best = Infinity;
  const choice = new Array<number>(S).fill(-1);
  const filled = new Array<number>(J).fill(0);
  const keptTaken = new Map<string, number>();
  const go = (i: number) => {
    if (i === S) {
      const lines = choice.flatMap((j, k) => (j < 0 ? [] : [{ staffId: input.staff[k]!.id, needId: input.needs[j]!.id }]));
      best = Math.min(best, objectiveOf(input, lines));
      return;
    }
    const s = input.staff[i]!;
    for (const j of options[i]!) {
      if (j >= 0) {
        if (filled[j]! >= input.needs[j]!.count) continue;
        const cap = Math.max(0, (kept.get(s.unitId) ?? 0) - unit.get(s.unitId)!.floor);
        if (!s.released && (keptTaken.get(s.unitId) ?? 0) >= cap) continue;
        filled[j]!++;
        if (!s.released) keptTaken.set(s.unitId, (keptTaken.get(s.unitId) ?? 0) + 1);
      }
      choice[i] = j;
      go(i + 1);
      if (j >= 0) {
        filled[j]!--;
        if (!s.released) keptTaken.set(s.unitId, keptTaken.get(s.unitId)! - 1);
      }
    }
    choice[i] = -1;
  };
  go(0);
  return best;
}
