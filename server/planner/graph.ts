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
import { cosLat, haversineCosKm } from "./geo.js";
import { balanceMarginal, personCost, type Weights } from "./model.js";
import { NetworkBuilder, UNBOUNDED, type Network } from "./network.js";

const SKILL_INDEX: ReadonlyMap<string, number> = new Map(SKILLS.map((s, i) => [s, i]));
/** The number of skills: skill masks are K bits, hub keys unit·K + skill. */
export const K = SKILLS.length;

export type StaffClass = {
  unit: number;
  released: boolean;
  /** Bit i set: the members have SKILLS[i] and some need in range asks for it. */
  mask: number;
  /** Staff indices, cheapest (then earliest in the input) first. */
  members: number[];
  /** The class's node, or −1 when it has one skill: its pool edge then goes straight to that hub. */
  node: number;
  /** Edge pool → class (or pool → hub). */
  poolEdge: number;
  /** Edges class → hub, one per skill bit, in skill order (for a one-skill class: its pool edge). */
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
  const staffMask = new Int32Array(input.staff.length);
  const unitSkills = new Int32Array(U); // skills some of the unit's staff have
  input.staff.forEach((s, i) => {
    const u = unitIndex.get(s.unitId);
    if (u === undefined) throw new Error(`staff ${s.id}: unknown unit ${s.unitId}`);
    staffUnit[i] = u;
    staffCount[u]!++;
    if (!s.released) nonReleased[u]!++;
    for (const sk of s.skills) staffMask[i]! |= 1 << SKILL_INDEX.get(sk)!;
    unitSkills[u]! |= staffMask[i]!;
  });

  // km from each unit with staff to each need, NaN when the need's maxDistanceKm or its own unit rules the
  // unit out, or when none of the unit's staff has the skill (no edge then, so no haversine either).
  const needSkill = new Int32Array(N);
  const needsOfSkill: number[][] = SKILLS.map(() => []);
  input.needs.forEach((n, j) => {
    needSkill[j] = SKILL_INDEX.get(n.skill)!;
    needsOfSkill[needSkill[j]!]!.push(j);
  });
  const kmAt = new Float64Array(U * N).fill(NaN);
  const usefulMask = new Int32Array(U);
  const reachCount = new Float64Array(U); // people the needs its staff could serve ask for: more can never leave
  // Plain arrays of the needs' fields: this loop runs units × needs times.
  const needLat = Float64Array.from(input.needs, (n) => n.lat);
  const needLng = Float64Array.from(input.needs, (n) => n.lng);
  const needCos = Float64Array.from(input.needs, (n) => cosLat(n.lat));
  const needMaxKm = Float64Array.from(input.needs, (n) => n.maxDistanceKm ?? Infinity);
  const needCount = Float64Array.from(input.needs, (n) => n.count);
  const needSiteUnit = Int32Array.from(input.needs, (n) => (n.siteUnitId === undefined ? -1 : unitIndex.get(n.siteUnitId)!));
  for (let u = 0; u < U; u++) {
    if (staffCount[u] === 0) continue;
    const unit = input.units[u]!;
    const unitCos = cosLat(unit.lat);
    for (let j = 0; j < N; j++) {
      if (!(unitSkills[u]! & (1 << needSkill[j]!)) || needSiteUnit[j] === u) continue;
      const km = haversineCosKm(unit.lat, unit.lng, unitCos, needLat[j]!, needLng[j]!, needCos[j]!);
      if (km > needMaxKm[j]!) continue;
      kmAt[u * N + j] = km;
      usefulMask[u]! |= 1 << needSkill[j]!;
      reachCount[u]! += needCount[j]!;
    }
  }

  // Classes: same unit, same pool, same usable skills. Staff with no usable skill never enter the graph.
  const classes: StaffClass[] = [];
  const classKey = new Map<number, number>();
  const costs = new Float64Array(input.staff.length);
  input.staff.forEach((s, i) => {
    const u = staffUnit[i]!;
    const mask = staffMask[i]! & usefulMask[u]!;
    if (mask === 0) return;
    costs[i] = personCost(w, s);
    const key = (u * 2 + (s.released ? 1 : 0)) * 2 ** K + mask;
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
  // A one-skill class is a chain pool → class → hub with nothing else at the class: its pool edge goes to
  // the hub instead, which spares the solvers a node per such class (a fifth of them).
  const single = (c: StaffClass) => (c.mask & (c.mask - 1)) === 0;
  for (const c of live) if (!single(c)) c.node = next++;
  for (const c of live) {
    for (let k = 0; k < K; k++) if (c.mask & (1 << k) && hubNode[c.unit * K + k]! < 0) hubNode[c.unit * K + k] = next++;
  }
  const needNode = next;
  next += N;
  const sink = next++;

  let count = 0; // hub → need edges
  for (let u = 0; u < U; u++) {
    for (let k = 0; k < K; k++) if (hubNode[u * K + k]! >= 0) for (const j of needsOfSkill[k]!) if (!Number.isNaN(kmAt[u * N + j]!)) count++;
  }
  let classEdges = 0;
  for (const c of live) classEdges += single(c) ? 1 : 1 + bitCount(c.mask);
  const b = new NetworkBuilder(next, 3 * U + classEdges + count + N, 2 * input.staff.length);
  // Pieces past the most people a unit could ever give are never priced; leaving them out saves memory.
  const usableKept = new Int32Array(U);
  const usableReleased = new Int32Array(U);
  for (const c of live) (c.released ? usableReleased : usableKept)[c.unit]! += c.members.length;
  const unitMarg = new Float64Array(input.staff.length);
  for (let u = 0; u < U; u++) {
    if (unitNode[u]! < 0) continue;
    const cap = Math.min(reachCount[u]!, Math.min(usableKept[u]!, poolCap(u, false)) + usableReleased[u]!);
    for (let k = 1; k <= cap; k++) unitMarg[k - 1] = balanceMarginal(w, input.units[u]!.workload, staffCount[u]!, k);
    b.addConvexEdge(source, unitNode[u]!, unitMarg, cap);
  }
  for (let u = 0; u < U; u++) {
    for (const released of [false, true]) {
      const p = poolNode[2 * u + (released ? 1 : 0)]!;
      if (p >= 0) b.addEdge(unitNode[u]!, p, poolCap(u, released), 0);
    }
  }
  const marg = new Float64Array(input.staff.length);
  for (const c of live) {
    const ms = c.members;
    for (let k = 0; k < ms.length; k++) marg[k] = costs[ms[k]!]!;
    const to = single(c) ? hubNode[c.unit * K + Math.log2(c.mask)]! : c.node;
    c.poolEdge = b.addConvexEdge(poolNode[2 * c.unit + (c.released ? 1 : 0)]!, to, marg, ms.length);
  }
  for (const c of live) {
    if (single(c)) {
      c.hubSkills.push(Math.log2(c.mask));
      c.hubEdges.push(c.poolEdge);
      continue;
    }
    for (let k = 0; k < K; k++) {
      if (!(c.mask & (1 << k))) continue;
      c.hubSkills.push(k);
      c.hubEdges.push(b.addEdge(c.node, hubNode[c.unit * K + k]!, c.members.length, 0));
    }
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

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}
