/**
 * "Why this person and not the next one" for every plan line, from the input and the finished plan
 * alone (no graph): per need, the cheapest person the plan left out who could have taken that place
 * (skill, range, not their own unit's spike, their unit's floor, raised by the donor cap, still allowing
 * one more), priced as the objective prices a line, and what set the chosen person apart.
 * Work: one pass over the staff (read once into the roster the graph was built from) and one over
 * units × needs.
 */
import type { PlanLineWhy, PlannerInput, PlanResult } from "../../shared/planner.js";
import { effectiveFloor } from "../../shared/rules.js";
import { balanceMarginal, unitLoad, type Weights } from "./model.js";
import { K, lowBit, type Roster } from "./roster.js";

/** Differences smaller than these are no reason (rounding, not a choice). */
const KM_EPS = 0.05;
const HOURS_EPS = 0.5;
const LOAD_EPS = 0.005;

/** `staffOf[k]`: the input index of assignment k's person (no map from 10,000 ids to find them again). */
export function explainChoices(input: PlannerInput, result: PlanResult, staffOf: Int32Array, r: Roster, w: Weights): PlanResult {
  if (result.assignments.length === 0) return result;
  const U = r.U;
  const N = r.N;
  const inPlan = new Uint8Array(r.S);
  const takenAll = new Int32Array(U);
  const takenKept = new Int32Array(U);
  for (let k = 0; k < staffOf.length; k++) {
    const i = staffOf[k]!;
    inPlan[i] = 1;
    takenAll[r.staffUnit[i]!]!++;
    if (r.released[i] === 0) takenKept[r.staffUnit[i]!]!++;
  }
  const canLendKept = new Uint8Array(U);
  for (let u = 0; u < U; u++) canLendKept[u] = takenKept[u]! < r.nonReleased[u]! - effectiveFloor(input.units[u]!, input.donorLoadCap) ? 1 : 0;
  // The cheapest person left out, per unit, skill and pool (kept 0 / released 1).
  const best = new Int32Array(U * K * 2).fill(-1);
  const own = r.cost;
  for (let i = 0; i < r.S; i++) {
    const u = r.staffUnit[i]!;
    if ((r.released[i] === 0 && !canLendKept[u]) || inPlan[i] === 1) continue;
    for (let m = r.staffMask[i]!; m !== 0; m &= m - 1) {
      const slot = (u * K + lowBit(m)) * 2 + r.released[i]!;
      const b = best[slot]!;
      if (b < 0 || own[i]! < own[b]!) best[slot] = i;
    }
  }
  const all = r.staffCount;

  const needIndex = new Map(input.needs.map((n, j) => [n.id, j]));
  const runnerUp = new Map<number, PlanLineWhy["runnerUp"]>();
  const wanted = new Set(result.assignments.map((a) => needIndex.get(a.needId)!));
  for (const j of wanted) {
    const k = r.needSkill[j]!;
    let pick: PlanLineWhy["runnerUp"] = null;
    for (let u = 0; u < U; u++) {
      // The roster's km: NaN where the unit is the need's own site, out of range, or has nobody with the skill.
      const km = r.kmAt[u * N + j]!;
      if (Number.isNaN(km)) continue;
      const unit = input.units[u]!;
      for (let pool = 0; pool < 2; pool++) {
        const i = best[(u * K + k) * 2 + pool]!;
        if (i < 0) continue;
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
