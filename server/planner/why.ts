/**
 * "Why this person and not the next one" for every plan line, from the input and the finished plan
 * alone (no graph): per need, the cheapest person the plan left out who could have taken that place
 * (skill, range, not their own unit's spike, their unit's floor, raised by the donor cap, still allowing
 * one more), priced as the objective prices a line, and what set the chosen person apart.
 * Work: one pass over the staff and one over units × needs, the same order as building the graph.
 */
import { SKILLS } from "../../shared/domain.js";
import type { PlanLineWhy, PlannerInput, PlanResult } from "../../shared/planner.js";
import { effectiveFloor } from "../../shared/rules.js";
import { cosLat, haversineCosKm } from "./geo.js";
import { balanceMarginal, personCost, resolveWeights, unitLoad } from "./model.js";

/** Differences smaller than these are no reason (rounding, not a choice). */
const KM_EPS = 0.05;
const HOURS_EPS = 0.5;
const LOAD_EPS = 0.005;

export function explainChoices(input: PlannerInput, result: PlanResult): PlanResult {
  if (result.assignments.length === 0) return result;
  const w = resolveWeights(input.weights);
  const K = SKILLS.length;
  const skillIndex = new Map<string, number>(SKILLS.map((s, i) => [s, i]));
  const unitIndex = new Map(input.units.map((u, i) => [u.id, i]));
  const U = input.units.length;
  const inPlan = new Set(result.assignments.map((a) => a.staffId));
  // One pass over the staff for the counts (one unit lookup each), one over the people left out.
  const staffUnit = new Int32Array(input.staff.length);
  const all = new Int32Array(U);
  const kept = new Int32Array(U);
  const takenAll = new Int32Array(U);
  const takenKept = new Int32Array(U);
  input.staff.forEach((s, i) => {
    const u = unitIndex.get(s.unitId)!;
    staffUnit[i] = u;
    all[u]!++;
    if (!s.released) kept[u]!++;
    if (inPlan.has(s.id)) {
      takenAll[u]!++;
      if (!s.released) takenKept[u]!++;
    }
  });
  const canLendKept = new Uint8Array(U);
  for (let u = 0; u < U; u++) canLendKept[u] = takenKept[u]! < kept[u]! - effectiveFloor(input.units[u]!, input.donorLoadCap) ? 1 : 0;
  // The cheapest person left out, per unit, skill and pool (kept 0 / released 1).
  const best = new Int32Array(U * K * 2).fill(-1);
  const own = new Float64Array(input.staff.length);
  input.staff.forEach((s, i) => {
    const u = staffUnit[i]!;
    if ((!s.released && !canLendKept[u]) || inPlan.has(s.id)) return;
    own[i] = personCost(w, s);
    for (const sk of s.skills) {
      const slot = (u * K + skillIndex.get(sk)!) * 2 + (s.released ? 1 : 0);
      const b = best[slot]!;
      if (b < 0 || own[i]! < own[b]!) best[slot] = i;
    }
  });

  const needIndex = new Map(input.needs.map((n, j) => [n.id, j]));
  const runnerUp = new Map<number, PlanLineWhy["runnerUp"]>();
  const wanted = new Set(result.assignments.map((a) => needIndex.get(a.needId)!));
  const unitCos = input.units.map((u) => cosLat(u.lat));
  for (const j of wanted) {
    const n = input.needs[j]!;
    const k = skillIndex.get(n.skill)!;
    const nCos = cosLat(n.lat);
    let pick: PlanLineWhy["runnerUp"] = null;
    for (let u = 0; u < U; u++) {
      const unit = input.units[u]!;
      if (unit.id === n.siteUnitId) continue;
      for (const pool of [0, 1]) {
        const i = best[(u * K + k) * 2 + pool]!;
        if (i < 0) continue;
        const km = haversineCosKm(unit.lat, unit.lng, unitCos[u]!, n.lat, n.lng, nCos);
        if (n.maxDistanceKm !== undefined && km > n.maxDistanceKm) continue;
        const cost = w.distance * km + own[i]! + balanceMarginal(w, unit.workload, all[u]!, takenAll[u]! + 1);
        if (pick && pick.cost <= cost) continue;
        const s = input.staff[i]!;
        pick = { staffId: s.id, unitId: unit.id, km, fatigueHours: s.fatigueHours, volunteer: s.volunteer, released: s.released, unitLoadAfter: unitLoad(unit.workload, all[u]!, takenAll[u]! + 1), cost };
      }
    }
    runnerUp.set(j, pick);
  }

  const assignments = result.assignments.map((a) => {
    const next = runnerUp.get(needIndex.get(a.needId)!) ?? null;
    return { ...a, why: { reasons: reasonsAgainst(a, next), runnerUp: next } };
  });
  return { ...result, assignments };
}

function reasonsAgainst(a: PlanResult["assignments"][number], next: PlanLineWhy["runnerUp"]): PlanLineWhy["reasons"] {
  if (!next) return ["only_candidate"];
  const e = a.explain;
  const out: PlanLineWhy["reasons"] = [];
  if (a.km < next.km - KM_EPS) out.push("closer");
  if (e.fatigueHours < next.fatigueHours - HOURS_EPS) out.push("less_tired");
  if (e.volunteer && !next.volunteer) out.push("volunteer");
  if (e.released && !next.released) out.push("released");
  if (e.unitLoadAfter < next.unitLoadAfter - LOAD_EPS) out.push("lighter_unit");
  return out;
}
