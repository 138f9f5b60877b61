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
import { takeKernel, view } from "./kernel/index.js";
import { K, type Roster } from "./roster.js";

/** Differences smaller than these are no reason (rounding, not a choice). */
const KM_EPS = 0.05;
const HOURS_EPS = 0.5;
const LOAD_EPS = 0.005;

/** `staffOf[k]`: the input index of assignment k's person, in the order of result.assignments. */
export function explainChoices(input: PlannerInput, result: PlanResult, staffOf: Int32Array, r: Roster, w: Weights): PlanResult {
  if (result.assignments.length === 0) return result;
  // One function per pass: each loop runs once per plan, and the JIT compiles a hot loop on its own
  // (on-stack replacement); one function holding them all was compiled for its first loop and thrown away
  // at the next, at every plan.
  const taken = takenFrom(input, staffOf, r);
  const best = cheapestLeftOut(r, taken);
  const needIndex = new Map(input.needs.map((n, j) => [n.id, j]));
  const runnerUp = runnersUp(input, result, needIndex, r, w, taken.all, best);
  const assignments = result.assignments.map((a) => {
    const next = runnerUp.get(needIndex.get(a.needId)!) ?? null;
    return { ...a, why: { reasons: reasonsAgainst(a, next), runnerUp: next } };
  });
  return { ...result, assignments };
}

type Taken = {
  /** Per person: 1 when the plan takes them. */
  inPlan: Uint8Array;
  /** Per unit: the people the plan takes from it. */
  all: Int32Array;
  /** Per unit: 1 when its kept (non-released) pool may give one more above its floor. */
  canLendKept: Uint8Array;
};

/** `staffOf[k]`: the input index of assignment k's person (no map from 10,000 ids to find them again). */
function takenFrom(input: PlannerInput, staffOf: Int32Array, r: Roster): Taken {
  const inPlan = new Uint8Array(r.S);
  const all = new Int32Array(r.U);
  const kept = new Int32Array(r.U);
  for (let k = 0; k < staffOf.length; k++) {
    const i = staffOf[k]!;
    inPlan[i] = 1;
    all[r.staffUnit[i]!]!++;
    if (r.released[i] === 0) kept[r.staffUnit[i]!]!++;
  }
  const canLendKept = new Uint8Array(r.U);
  for (let u = 0; u < r.U; u++) canLendKept[u] = kept[u]! < r.nonReleased[u]! - effectiveFloor(input.units[u]!, input.donorLoadCap) ? 1 : 0;
  return { inPlan, all, canLendKept };
}

/**
 * The cheapest person left out, per unit, skill and pool (kept 0 / released 1), at ((u·K + skill)·2 + pool):
 * one pass over the staff, in the kernel (kernel/assembly/leftout.ts).
 */
function cheapestLeftOut(r: Roster, taken: Taken): Int32Array {
  const k = takeKernel().kernel;
  k.startLeftOut(r.U, r.S);
  const at = (i: number) => k.leftOutField(i);
  view(k, Int32Array, at(0), r.S).set(r.staffUnit);
  view(k, Int32Array, at(1), r.S).set(r.staffMask);
  view(k, Float64Array, at(2), r.S).set(r.cost);
  view(k, Uint8Array, at(3), r.S).set(r.released);
  view(k, Uint8Array, at(4), r.S).set(taken.inPlan);
  view(k, Uint8Array, at(5), r.U).set(taken.canLendKept);
  k.cheapestLeftOut();
  return view(k, Int32Array, at(6), r.U * K * 2).slice();
}

/** Per need the plan fills: the cheapest one left out who could have taken one more place there, priced as a line. */
function runnersUp(input: PlannerInput, result: PlanResult, needIndex: Map<string, number>, r: Roster, w: Weights, takenAll: Int32Array, best: Int32Array) {
  const { U, N } = r;
  const all = r.staffCount;
  const own = r.cost;
  const runnerUp = new Map<number, PlanLineWhy["runnerUp"]>();
  const wanted = new Set(result.assignments.map((a) => needIndex.get(a.needId)!));
  // What one more person would cost each unit: once per unit, not once per unit and need (a flood's 150 needs).
  const oneMore = new Float64Array(U);
  for (let u = 0; u < U; u++) oneMore[u] = balanceMarginal(w, input.units[u]!.workload, all[u]!, takenAll[u]! + 1);
  for (const j of wanted) {
    const k = r.needSkill[j]!;
    let pick: PlanLineWhy["runnerUp"] = null;
    for (let u = 0; u < U; u++) {
      // The roster's km: NaN where the unit is the need's own site, out of range, or has nobody with the skill.
      const km = r.kmAt[u * N + j]!;
      if (Number.isNaN(km)) continue;
      for (let pool = 0; pool < 2; pool++) {
        const i = best[(u * K + k) * 2 + pool]!;
        if (i < 0) continue;
        const cost = w.distance * km + own[i]! + oneMore[u]!;
        if (pick && pick.cost <= cost) continue;
        const s = input.staff[i]!;
        const unit = input.units[u]!;
        pick = { staffId: s.id, unitId: unit.id, km, fatigueHours: s.fatigueHours, volunteer: s.volunteer, released: s.released, unitLoadAfter: unitLoad(unit.workload, all[u]!, takenAll[u]! + 1), cost };
      }
    }
    runnerUp.set(j, pick);
  }
  return runnerUp;
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
