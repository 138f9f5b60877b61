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

export type StaffClass = {
  unit: number;
  released: boolean;
  /** Bit i set: the members have SKILLS[i] and some reachable need asks for it. */
  mask: number;
  /** Staff indices, cheapest (then earliest in the input) first. */
  members: number[];
  node: number;
  /** Edge pool → class. */
  poolEdge: number;
  /** Edges class → hub, one per skill bit, in skill order. */
  hubEdges: { skill: number; edge: number }[];
};

export type PlannerGraph = {
  net: Network;
  source: number;
  sink: number;
  classes: StaffClass[];
  /** Per unit: edge source → unit, or -1 when nobody there can serve any need. */
  unitEdge: Int32Array;
  /** Edges hub → need: the unit, the need and the km. */
  needEdges: { unit: number; need: number; skill: number; km: number; edge: number }[];
  /** Per unit: its staff count A_u in the input. */
  staffCount: Int32Array;
  /** Per need: edge need → sink, or -1 when no unit can reach it. */
  sinkEdge: Int32Array;
};

/** Builds the network for an input whose references are valid (see PlannerInput). */
export function buildGraph(input: PlannerInput, w: Weights): PlannerGraph {
  const U = input.units.length;
  const N = input.needs.length;
  const unitIndex = new Map(input.units.map((u, i) => [u.id, i]));
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

  // Which needs each unit can reach, and so which of its people's skills are of any use.
  const needSkill = input.needs.map((n) => SKILL_INDEX.get(n.skill)!);
  const reach: { need: number; km: number }[][][] = [];
  const usefulMask = new Int32Array(U);
  const reachCount = new Float64Array(U); // total count of the needs a unit can reach
  for (let u = 0; u < U; u++) {
    const unit = input.units[u]!;
    const bySkill: { need: number; km: number }[][] = SKILLS.map(() => []);
    if (staffCount[u]! > 0) {
      for (let j = 0; j < N; j++) {
        const need = input.needs[j]!;
        const km = haversineKm(unit.lat, unit.lng, need.lat, need.lng);
        if (need.maxDistanceKm !== undefined && km > need.maxDistanceKm) continue;
        bySkill[needSkill[j]!]!.push({ need: j, km });
        usefulMask[u]! |= 1 << needSkill[j]!;
        reachCount[u]! += need.count;
      }
    }
    reach.push(bySkill);
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
      classes.push({ unit: u, released: s.released, mask, members: [], node: -1, poolEdge: -1, hubEdges: [] });
    }
    classes[c]!.members.push(i);
  });
  // Deterministic class order (unit, pool, mask) so that the same people get the same lines.
  classes.sort((a, b) => a.unit - b.unit || Number(a.released) - Number(b.released) || a.mask - b.mask);
  for (const c of classes) c.members.sort((a, b) => costs[a]! - costs[b]! || a - b);

  // Node numbering in layer order: the topological order the solver's first pass needs.
  let next = 0;
  const source = next++;
  const unitNode = new Int32Array(U).fill(-1);
  const poolNode = new Int32Array(2 * U).fill(-1);
  const poolCap = (u: number, released: boolean) => (released ? UNBOUNDED : Math.max(0, nonReleased[u]! - input.units[u]!.floor));
  for (const c of classes) if (poolCap(c.unit, c.released) > 0 && unitNode[c.unit]! < 0) unitNode[c.unit] = next++;
  for (const c of classes) {
    const p = 2 * c.unit + (c.released ? 1 : 0);
    if (unitNode[c.unit]! >= 0 && poolCap(c.unit, c.released) > 0 && poolNode[p]! < 0) poolNode[p] = next++;
  }
  const live = classes.filter((c) => poolNode[2 * c.unit + (c.released ? 1 : 0)]! >= 0);
  for (const c of live) c.node = next++;
  const hubNode = new Int32Array(U * SKILLS.length).fill(-1);
  for (const c of live) {
    for (let k = 0; k < SKILLS.length; k++) if (c.mask & (1 << k) && hubNode[c.unit * SKILLS.length + k]! < 0) hubNode[c.unit * SKILLS.length + k] = next++;
  }
  const needNode = new Int32Array(N);
  for (let j = 0; j < N; j++) needNode[j] = next++;
  const sink = next++;

  const b = new NetworkBuilder(next);
  const unitEdge = new Int32Array(U).fill(-1);
  // Pieces past the most people a unit could ever give are never priced; leaving them out saves memory.
  const usableKept = new Int32Array(U);
  const usableReleased = new Int32Array(U);
  for (const c of live) (c.released ? usableReleased : usableKept)[c.unit]! += c.members.length;
  for (let u = 0; u < U; u++) {
    if (unitNode[u]! < 0) continue;
    const cap = Math.min(reachCount[u]!, Math.min(usableKept[u]!, poolCap(u, false)) + usableReleased[u]!);
    const marg: number[] = [];
    for (let k = 1; k <= cap; k++) marg.push(balanceMarginal(w, input.units[u]!.workload, staffCount[u]!, k));
    unitEdge[u] = b.addConvexEdge(source, unitNode[u]!, marg);
  }
  for (let u = 0; u < U; u++) {
    for (const released of [false, true]) {
      const p = poolNode[2 * u + (released ? 1 : 0)]!;
      if (p >= 0) b.addEdge(unitNode[u]!, p, poolCap(u, released), 0);
    }
  }
  for (const c of live) {
    c.poolEdge = b.addConvexEdge(poolNode[2 * c.unit + (c.released ? 1 : 0)]!, c.node, c.members.map((i) => costs[i]!));
  }
  for (const c of live) {
    for (let k = 0; k < SKILLS.length; k++) {
      if (c.mask & (1 << k)) c.hubEdges.push({ skill: k, edge: b.addEdge(c.node, hubNode[c.unit * SKILLS.length + k]!, c.members.length, 0) });
    }
  }
  const needEdges: PlannerGraph["needEdges"] = [];
  for (let u = 0; u < U; u++) {
    for (let k = 0; k < SKILLS.length; k++) {
      const h = hubNode[u * SKILLS.length + k]!;
      if (h < 0) continue;
      for (const { need, km } of reach[u]![k]!) {
        needEdges.push({ unit: u, need, skill: k, km, edge: b.addEdge(h, needNode[need]!, UNBOUNDED, w.distance * km) });
      }
    }
  }
  const sinkEdge = new Int32Array(N).fill(-1);
  const reached = new Uint8Array(N);
  for (const e of needEdges) reached[e.need] = 1;
  for (let j = 0; j < N; j++) {
    const need = input.needs[j]!;
    if (reached[j]) sinkEdge[j] = b.addEdge(needNode[j]!, sink, need.count, -w.priority * need.priority);
  }
  return { net: b.build(), source, sink, classes: live, unitEdge, needEdges, staffCount, sinkEdge };
}
