/**
 * Turns a PlannerInput into the flow network of DESIGN.md's model:
 *
 *   source ─convex: k-th person's balance cost─▶ unit
 *   unit ─cap max(0, N_u − floor_u)─▶ non-released pool      unit ─▶ released pool (outside the floor)
 *   pool ─convex: members' own costs, cheapest first─▶ class (same unit, pool and usable skills)
 *   class ─▶ (unit, skill) hub ─w.distance·km─▶ need ─cap count, cost −w.priority·priority─▶ sink
 *
 * Z = Σ_n w.priority·priority_n·count_n + (cost of the flow), so a min-cost flow minimises Z exactly.
 * Members of a class can go to exactly the same needs at the same km, so only their own cost tells them
 * apart, and taking the cheapest first is optimal: the class edge's sorted marginals say just that.
 * The hub keeps edges at (classes × skills) + (units × needs) instead of (classes × needs).
 */
import type { PlannerInput } from "../../shared/planner.js";
import { balanceMarginal, type Weights } from "./model.js";
import { NetworkBuilder, UNBOUNDED, type Network } from "./network.js";
import { K, keptCaps, lowBit, type Roster } from "./roster.js";

export { K };
/** Distinct skill masks: a class key is (unit·2 + released)·MASKS + mask. */
const MASKS = 2 ** K;

/**
 * The classes (same unit, same pool, same usable skills) as parallel typed arrays: on varied rosters
 * nearly every person is a class of their own, and one object with three arrays per class was most of
 * the graph's time and garbage. Class c's members are members[memberStart[c] … memberStart[c + 1]),
 * cheapest (then earliest in the input) first; its edges to hubs are hubEdge[hubStart[c] … hubStart[c + 1]),
 * in skill order, with the skill in hubSkill (a one-skill class has no node of its own: its one "hub edge"
 * is its pool edge, which goes straight to the hub).
 */
export type StaffClasses = {
  count: number;
  unit: Int32Array;
  memberStart: Int32Array;
  members: Int32Array;
  /** Edge pool → class (or pool → hub). */
  poolEdge: Int32Array;
  hubStart: Int32Array;
  hubSkill: Int32Array;
  hubEdge: Int32Array;
};

/** Edges hub → need, as parallel arrays (one entry per unit and need in range with a matching hub). */
export type NeedEdges = { length: number; unit: Int32Array; need: Int32Array; skill: Int32Array; km: Float64Array; edge: Int32Array };

export type PlannerGraph = {
  net: Network;
  source: number;
  sink: number;
  classes: StaffClasses;
  needEdges: NeedEdges;
  /** Per unit: its staff count A_u in the input. */
  staffCount: Int32Array;
};

/** Builds the network for an input whose references are valid (see PlannerInput), read into `r` once. */
export function buildGraph(input: PlannerInput, w: Weights, r: Roster): PlannerGraph {
  const { U, N, S, staffUnit, staffCount, kmAt, reachCount, needsOfSkill, hubNeeds } = r;
  const keptCap = keptCaps(input, r);
  const costs = r.cost;

  // Node numbering in layer order: the topological order the solver's first pass needs.
  let next = 0;
  const source = next++;
  const poolCap = (u: number, released: number) => (released ? UNBOUNDED : keptCap[u]!);

  // Classes: same unit, same pool, same usable skills. Staff with no usable skill, or in a pool that may
  // give nobody, never enter the graph. Two stable counting passes (by mask, then by pool) group them by
  // class in the deterministic order (unit, pool, mask) and keep input order inside a class.
  const staffKey = new Float64Array(S);
  const byMask = new Int32Array(MASKS + 1);
  const byPool = new Int32Array(2 * U + 1);
  const usableKept = new Int32Array(U);
  const usableReleased = new Int32Array(U);
  let liveStaff = 0;
  for (let i = 0; i < S; i++) {
    const u = staffUnit[i]!;
    const rel = r.released[i]!;
    const mask = r.staffMask[i]! & r.usefulMask[u]!;
    if (mask === 0 || poolCap(u, rel) === 0) {
      staffKey[i] = -1;
      continue;
    }
    (rel ? usableReleased : usableKept)[u]!++;
    staffKey[i] = (u * 2 + rel) * MASKS + mask;
    byMask[mask + 1]!++;
    byPool[u * 2 + rel + 1]!++;
    liveStaff++;
  }
  for (let m = 0; m < MASKS; m++) byMask[m + 1]! += byMask[m]!;
  for (let p = 0; p < 2 * U; p++) byPool[p + 1]! += byPool[p]!;
  const maskOrder = new Int32Array(liveStaff);
  for (let i = 0; i < S; i++) if (staffKey[i]! >= 0) maskOrder[byMask[staffKey[i]! % MASKS]!++] = i;
  const members = new Int32Array(liveStaff);
  for (let n = 0; n < liveStaff; n++) {
    const i = maskOrder[n]!;
    members[byPool[Math.floor(staffKey[i]! / MASKS)]!++] = i;
  }
  const starts = new Int32Array(liveStaff + 1);
  let C = 0;
  for (let n = 0; n < liveStaff; n++) if (n === 0 || staffKey[members[n - 1]!] !== staffKey[members[n]!]) starts[C++] = n;
  const memberStart = starts.subarray(0, C + 1);
  memberStart[C] = liveStaff;
  const classUnit = new Int32Array(C);
  const classPool = new Int32Array(C);
  const classMask = new Int32Array(C);
  for (let c = 0; c < C; c++) {
    const key = staffKey[members[memberStart[c]!]!]!;
    classMask[c] = key % MASKS;
    const pool = (key - classMask[c]!) / MASKS;
    classPool[c] = pool;
    classUnit[c] = pool >> 1;
    sortByCost(members, memberStart[c]!, memberStart[c + 1]!, costs);
  }

  const unitNode = new Int32Array(U).fill(-1);
  const poolNode = new Int32Array(2 * U).fill(-1);
  const hubNode = new Int32Array(U * K).fill(-1);
  for (let c = 0; c < C; c++) if (unitNode[classUnit[c]!]! < 0) unitNode[classUnit[c]!] = next++;
  for (let c = 0; c < C; c++) if (poolNode[classPool[c]!]! < 0) poolNode[classPool[c]!] = next++;
  // A one-skill class is a chain pool → class → hub with nothing else at the class: its pool edge goes to
  // the hub instead, which spares the solvers a node per such class.
  const classNode = new Int32Array(C).fill(-1);
  const hubStart = new Int32Array(C + 1);
  for (let c = 0; c < C; c++) {
    const mask = classMask[c]!;
    const single = (mask & (mask - 1)) === 0;
    if (!single) classNode[c] = next++;
    hubStart[c + 1] = hubStart[c]! + (single ? 1 : bitCount(mask));
  }
  for (let c = 0; c < C; c++) {
    const u = classUnit[c]!;
    for (let m = classMask[c]!; m !== 0; m &= m - 1) {
      const hub = u * K + lowBit(m);
      if (hubNode[hub]! < 0) hubNode[hub] = next++;
    }
  }
  const needNode = next;
  next += N;
  const sink = next++;

  let count = 0; // hub → need edges
  for (let h = 0; h < U * K; h++) if (hubNode[h]! >= 0) count += hubNeeds[h]!;
  const H = hubStart[C]!;
  const b = new NetworkBuilder(next, 3 * U + C + H + count + N, 2 * liveStaff);
  // Pieces past the most people a unit could ever give are never priced; leaving them out saves memory.
  const unitMarg = new Float64Array(S);
  for (let u = 0; u < U; u++) {
    if (unitNode[u]! < 0) continue;
    const cap = Math.min(reachCount[u]!, Math.min(usableKept[u]!, poolCap(u, 0)) + usableReleased[u]!);
    for (let k = 1; k <= cap; k++) unitMarg[k - 1] = balanceMarginal(w, input.units[u]!.workload, staffCount[u]!, k);
    b.addConvexEdge(source, unitNode[u]!, unitMarg, cap);
  }
  for (let u = 0; u < U; u++) {
    for (let rel = 0; rel < 2; rel++) {
      const p = poolNode[2 * u + rel]!;
      if (p >= 0) b.addEdge(unitNode[u]!, p, poolCap(u, rel), 0);
    }
  }
  const poolEdge = new Int32Array(C);
  const hubSkill = new Int32Array(H);
  const hubEdge = new Int32Array(H);
  const marg = new Float64Array(S);
  for (let c = 0; c < C; c++) {
    const m0 = memberStart[c]!;
    const size = memberStart[c + 1]! - m0;
    for (let k = 0; k < size; k++) marg[k] = costs[members[m0 + k]!]!;
    const to = classNode[c]! < 0 ? hubNode[classUnit[c]! * K + lowBit(classMask[c]!)]! : classNode[c]!;
    poolEdge[c] = b.addConvexEdge(poolNode[classPool[c]!]!, to, marg, size);
  }
  for (let c = 0; c < C; c++) {
    let h = hubStart[c]!;
    if (classNode[c]! < 0) {
      hubSkill[h] = lowBit(classMask[c]!);
      hubEdge[h] = poolEdge[c]!;
      continue;
    }
    const size = memberStart[c + 1]! - memberStart[c]!;
    for (let m = classMask[c]!; m !== 0; m &= m - 1) {
      const k = lowBit(m);
      hubSkill[h] = k;
      hubEdge[h++] = b.addEdge(classNode[c]!, hubNode[classUnit[c]! * K + k]!, size, 0);
    }
  }
  const classes: StaffClasses = { count: C, unit: classUnit, memberStart, members, poolEdge, hubStart, hubSkill, hubEdge };
  const ne: NeedEdges = { length: 0, unit: new Int32Array(count), need: new Int32Array(count), skill: new Int32Array(count), km: new Float64Array(count), edge: new Int32Array(count) };
  const reached = new Uint8Array(N);
  for (let u = 0; u < U; u++) {
    for (let k = 0; k < K; k++) {
      const h = hubNode[u * K + k]!;
      if (h < 0) continue;
      for (const j of needsOfSkill[k]!) {
        const km = kmAt[u * N + j]!;
        if (Number.isNaN(km)) continue;
        const i = ne.length++;
        ne.unit[i] = u;
        ne.need[i] = j;
        ne.skill[i] = k;
        ne.km[i] = km;
        ne.edge[i] = b.addEdge(h, needNode + j, UNBOUNDED, w.distance * km);
        reached[j] = 1;
      }
    }
  }
  for (let j = 0; j < N; j++) {
    const need = input.needs[j]!;
    if (reached[j]) b.addEdge(needNode + j, sink, need.count, -w.priority * need.priority);
  }
  return { net: b.build(), source, sink, classes, needEdges: ne, staffCount };
}

/** Sorts members[from … to) by cost, then staff index (insertion sort: classes are small; numeric sort past that). */
function sortByCost(members: Int32Array, from: number, to: number, costs: Float64Array) {
  if (to - from > 32) {
    members.subarray(from, to).sort((a, b) => costs[a]! - costs[b]! || a - b);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const x = members[i]!;
    const cx = costs[x]!;
    let j = i - 1;
    while (j >= from && (costs[members[j]!]! > cx || (costs[members[j]!]! === cx && members[j]! > x))) {
      members[j + 1] = members[j]!;
      j--;
    }
    members[j + 1] = x;
  }
}


function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}
