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
import { SKILLS } from "../../shared/domain.js";
import type { PlannerInput } from "../../shared/planner.js";
import { haversineKm } from "./geo.js";
import { balanceMarginal, personCost, type Weights } from "./model.js";
import { NetworkBuilder, UNBOUNDED, type Network } from "./network.js";

export const SKILL_INDEX: ReadonlyMap<string, number> = new Map(SKILLS.map((s, i) => [s, i]));
const K = SKILLS.length;

export type StaffClass = {
  unit: number;
  released: boolean;
  /** Bit i set: the members have SKILLS[i] and some need in range asks for it. */
  mask: number;
  /** Staff indices, cheapest (then earliest in the input) first. */
  members: number[];
  node: number;
  /** Edge pool → class. */
  poolEdge: number;
  /** Edges class → hub, one per skill bit, in skill order. */
  hubSkills: number[];
  hubEdges: number[];
};

/** Edges hub → need, as parallel arrays (one entry per unit and need in range with a matching hub). */
export type NeedEdges = { length: number; unit: Int32Array; need: Int32Array; skill: Int32Array; km: Float64Array; edge: Int32Array };

export type PlannerGraph = {
  net: Network;
  source: number;
  sink: number;
  classes: StaffClass[];
  needEdges: NeedEdges;
  /** Per unit: its staff count A_u in the input. */
  staffCount: Int32Array;
};

/** Builds the network for an input whose references are valid (see PlannerInput). */
export function buildGraph(input: PlannerInput, w: Weights): PlannerGraph {
  const U = input.units.length;
  const N = input.needs.length;
  const unitIndex = new Map<string, number>();
  input.units.forEach((u, i) => unitIndex.set(u.id, i));
  const staffCount = new Int32Array(U);
  const nonReleased = new Int32Array(U);
  const staffUnit = new Int32Array(input.staff.length);
  input.staff.forEach((s, i) => {
    const u = unitIndex.get(s.unitId);
    if (u === undefined) throw new Error(`staff ${s.id}: unknown unit ${s.unitId}`);
    staffUnit[i] = u;
    staffCount[u]!++;
    if (!s.released) nonReleased[u]!++;
  });

  // km from each unit with staff to each need, NaN when the need's maxDistanceKm or its own unit rules the unit out.
  const needSkill = new Int32Array(N);
  const needsOfSkill: number[][] = SKILLS.map(() => []);
  input.needs.forEach((n, j) => {
    needSkill[j] = SKILL_INDEX.get(n.skill)!;
    needsOfSkill[needSkill[j]!]!.push(j);
  });
  const kmAt = new Float64Array(U * N).fill(NaN);
  const usefulMask = new Int32Array(U);
  const reachCount = new Float64Array(U); // people the needs in range ask for: more can never leave
  for (let u = 0; u < U; u++) {
    if (staffCount[u] === 0) continue;
    const unit = input.units[u]!;
    for (let j = 0; j < N; j++) {
      const need = input.needs[j]!;
      const km = haversineKm(unit.lat, unit.lng, need.lat, need.lng);
      if (need.maxDistanceKm !== undefined && km > need.maxDistanceKm) continue;
      if (need.siteUnitId === unit.id) continue;
      kmAt[u * N + j] = km;
      usefulMask[u]! |= 1 << needSkill[j]!;
      reachCount[u]! += need.count;
    }
  }

  // Classes: same unit, same pool, same usable skills. Staff with no usable skill never enter the graph.
  const classes: StaffClass[] = [];
  const classKey = new Map<number, number>();
  const costs = new Float64Array(input.staff.length);
  input.staff.forEach((s, i) => {
    const u = staffUnit[i]!;
    let mask = 0;
    for (const sk of s.skills) mask |= 1 << SKILL_INDEX.get(sk)!;
    mask &= usefulMask[u]!;
    if (mask === 0) return;
    costs[i] = personCost(w, s);
    const key = (u * 2 + (s.released ? 1 : 0)) * 4096 + mask;
    let c = classKey.get(key);
    if (c === undefined) {
      c = classes.length;
      classKey.set(key, c);
      classes.push({ unit: u, released: s.released, mask, members: [], node: -1, poolEdge: -1, hubSkills: [], hubEdges: [] });
    }
    classes[c]!.members.push(i);
  });
  // Deterministic class order (unit, pool, mask) so that the same people get the same lines.
  classes.sort((a, b) => a.unit - b.unit || Number(a.released) - Number(b.released) || a.mask - b.mask);
  for (const c of classes) if (c.members.length > 1) c.members.sort((a, b) => costs[a]! - costs[b]! || a - b);

  // Node numbering in layer order: the topological order the solver's first pass needs.
  let next = 0;
  const source = next++;
  const poolCap = (u: number, released: boolean) => (released ? UNBOUNDED : Math.max(0, nonReleased[u]! - input.units[u]!.floor));
  const live = classes.filter((c) => poolCap(c.unit, c.released) > 0);
  const unitNode = new Int32Array(U).fill(-1);
  const poolNode = new Int32Array(2 * U).fill(-1);
  const hubNode = new Int32Array(U * K).fill(-1);
  for (const c of live) if (unitNode[c.unit]! < 0) unitNode[c.unit] = next++;
  for (const c of live) {
    const p = 2 * c.unit + (c.released ? 1 : 0);
    if (poolNode[p]! < 0) poolNode[p] = next++;
  }
  for (const c of live) c.node = next++;
  for (const c of live) {
    for (let k = 0; k < K; k++) if (c.mask & (1 << k) && hubNode[c.unit * K + k]! < 0) hubNode[c.unit * K + k] = next++;
  }
  const needNode = next;
  next += N;
  const sink = next++;

  const b = new NetworkBuilder(next);
  // Pieces past the most people a unit could ever give are never priced; leaving them out saves memory.
  const usableKept = new Int32Array(U);
  const usableReleased = new Int32Array(U);
  for (const c of live) (c.released ? usableReleased : usableKept)[c.unit]! += c.members.length;
  for (let u = 0; u < U; u++) {
    if (unitNode[u]! < 0) continue;
    const cap = Math.min(reachCount[u]!, Math.min(usableKept[u]!, poolCap(u, false)) + usableReleased[u]!);
    const marg = new Float64Array(cap);
    for (let k = 1; k <= cap; k++) marg[k - 1] = balanceMarginal(w, input.units[u]!.workload, staffCount[u]!, k);
    b.addConvexEdge(source, unitNode[u]!, marg);
  }
  for (let u = 0; u < U; u++) {
    for (const released of [false, true]) {
      const p = poolNode[2 * u + (released ? 1 : 0)]!;
      if (p >= 0) b.addEdge(unitNode[u]!, p, poolCap(u, released), 0);
    }
  }
  for (const c of live) {
    const marg = new Float64Array(c.members.length);
    c.members.forEach((i, k) => (marg[k] = costs[i]!));
    c.poolEdge = b.addConvexEdge(poolNode[2 * c.unit + (c.released ? 1 : 0)]!, c.node, marg);
  }
  for (const c of live) {
    for (let k = 0; k < K; k++) {
      if (!(c.mask & (1 << k))) continue;
      c.hubSkills.push(k);
      c.hubEdges.push(b.addEdge(c.node, hubNode[c.unit * K + k]!, c.members.length, 0));
    }
  }
  let count = 0;
  for (let u = 0; u < U; u++) {
    for (let k = 0; k < K; k++) if (hubNode[u * K + k]! >= 0) for (const j of needsOfSkill[k]!) if (!Number.isNaN(kmAt[u * N + j]!)) count++;
  }
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
  return { net: b.build(), source, sink, classes: live, needEdges: ne, staffCount };
}
