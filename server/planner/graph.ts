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
 *
 * The WebAssembly kernel builds it (kernel/assembly/graph.ts), and its min-cost flow solves it there;
 * this module hands it the roster and reads back what the result needs.
 */
import type { PlannerInput } from "../../shared/planner.js";
import { networkOf, takeKernel, view, type KernelNetwork } from "./kernel/index.js";
import { balanceMarginal, type Weights } from "./model.js";
import type { Network } from "./network.js";
import { K, keptCaps, type Roster } from "./roster.js";

export { K };

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
  /** The kernel holding this network, for the min-cost flow (solve.ts), until the next buildGraph. */
  kernel: KernelNetwork;
  nodeCount: number;
  edgeCount: number;
  /**
   * The same network, copied out for the solvers written in JavaScript (cost scaling, the simplex): only
   * when one of them runs, and only while the kernel still holds it (a copy is 1.5 MB at Kupang size).
   */
  network(): Network;
  source: number;
  sink: number;
  classes: StaffClasses;
  needEdges: NeedEdges;
  /** Per unit: its staff count A_u in the input. */
  staffCount: Int32Array;
};

/** Builds the network for an input whose references are valid (see PlannerInput), read into `r` once. */
export function buildGraph(input: PlannerInput, w: Weights, r: Roster): PlannerGraph {
  const { U, N, S } = r;
  const held = takeKernel();
  const k = held.kernel;
  const keptCap = keptCaps(input, r);
  // Each unit's balance marginals, k = 1 … the most it could give, priced here by the one rulebook
  // (model.ts): the kernel takes as many as the people it can use from the unit.
  const margStart = new Int32Array(U + 1);
  for (let u = 0; u < U; u++) margStart[u + 1] = margStart[u]! + Math.min(r.reachCount[u]!, keptCap[u]! + r.staffCount[u]! - r.nonReleased[u]!);
  k.startRoster(U, N, S, margStart[U]!);
  const marg = view(k, Float64Array, k.rosterField(14), margStart[U]!);
  for (let u = 0; u < U; u++) {
    const workload = input.units[u]!.workload;
    for (let i = margStart[u]!; i < margStart[u + 1]!; i++) marg[i] = balanceMarginal(w, workload, r.staffCount[u]!, i - margStart[u]! + 1);
  }
  const needCount = new Int32Array(N);
  const needPriority = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    needCount[j] = input.needs[j]!.count;
    needPriority[j] = input.needs[j]!.priority;
  }
  // In the order of kernel/assembly/graph.ts rosterField(), each of the same element type there.
  const fields = [r.staffUnit, r.staffMask, r.cost, r.released, r.staffCount, keptCap, r.usefulMask, r.reachCount, r.hubNeeds, r.kmAt, r.needSkill, needCount, needPriority, margStart];
  fields.forEach((a, i) => view(k, a.constructor as typeof Int32Array, k.rosterField(i), a.length).set(a as Int32Array));
  k.buildGraph(w.distance, w.priority);

  const C = k.graphCount(0);
  const H = k.graphCount(2);
  const E = k.graphCount(3);
  const ints = (i: number, length: number) => view(k, Int32Array, k.graphField(i), length).slice();
  const classes: StaffClasses = {
    count: C,
    unit: ints(0, C),
    memberStart: ints(1, C + 1),
    members: ints(2, k.graphCount(1)),
    poolEdge: ints(3, C),
    hubStart: ints(4, C + 1),
    hubSkill: ints(5, H),
    hubEdge: ints(6, H),
  };
  const needEdges: NeedEdges = { length: E, unit: ints(7, E), need: ints(8, E), skill: ints(9, E), km: view(k, Float64Array, k.graphField(10), E).slice(), edge: ints(11, E) };
  let net: Network | undefined;
  const network = () => (net ??= networkOf(held));
  return { kernel: held, nodeCount: k.networkCount(0), edgeCount: k.networkCount(1), network, source: k.graphCount(4), sink: k.graphCount(5), classes, needEdges, staffCount: r.staffCount };
}
