/**
 * Exact min-cost flow on one jabatan's network (graph.ts) by successive shortest paths with node demands.
 *
 * Every class node has a supply (its people), every position a demand (its lower bound, need) and the sink
 * the rest. Each round runs Dijkstra on reduced costs from one class that still has people and stops at the
 * first node that still has a demand; it augments along that path and updates the potentials of the nodes
 * it settled. That keeps every residual arc's reduced cost ≥ 0 (no negative cycle), so when all supply is
 * placed the flow is a min-cost flow meeting every demand: the optimum of the model. Convex sink arcs price
 * their next unit at its own marginal (and the reverse at minus the last one), which is exact because the
 * marginals are nondecreasing (Σ D²/h is convex). All supply must be placed whatever its cost sign: every
 * person ends somewhere.
 *
 * Why it is fast: a Dijkstra starts at one class and stops as soon as a demand is reached and nothing left
 * is nearer, so it explores only the part of the residual graph that is cheaper than that; and a jabatan's
 * network is small.
 */
import { MinHeap } from "../../planner/heap.js";
import type { JabatanNetwork } from "./graph.js";

export interface FlowOutcome {
  /** Flow per edge. */
  flow: Int32Array;
  augmentations: number;
}

export function solveJabatanFlow(net: JabatanNetwork): FlowOutcome {
  const { nodeCount: n, arcStart, arcs, head, tail, cost, cap, convex, mStart, marginals, sink } = net;
  const edges = tail.length;
  const flow = new Int32Array(edges);
  const pi = new Float64Array(n);
  const dist = new Float64Array(n);
  const seen = new Int32Array(n); // stamp: dist is of this round
  const settled = new Int32Array(n); // stamp: settled this round
  const parent = new Int32Array(n);
  const order = new Int32Array(n);
  const supply = net.supply.slice();
  const demand = net.need.slice();
  let sinkDemand = net.sinkDemand;
  const heap = new MinHeap();
  // Rounding of path sums stays far below this; reduced costs this close to 0 are 0.
  const tol = 1e-12 * Math.max(1, net.maxAbsCost) * Math.max(1, n);

  // Initial potentials: every cost is ≥ 0 except the sink marginals, which are ≤ 0 (Σ D²/h falls with h).
  let lowest = 0;
  for (let e = 0; e < edges; e++) {
    const q = convex[e]!;
    if (q >= 0 && cap[e]! > 0) lowest = Math.min(lowest, marginals[mStart[q]!]!);
  }
  pi[sink] = lowest;

  /** Cost of one more unit along an arc (forward: next marginal; reverse: minus the last one). */
  const arcCost = (a: number): number => {
    const e = a >> 1;
    const q = convex[e]!;
    if (q < 0) return (a & 1) === 0 ? cost[e]! : -cost[e]!;
    return (a & 1) === 0 ? marginals[mStart[q]! + flow[e]!]! : -marginals[mStart[q]! + flow[e]! - 1]!;
  };
  const residual = (a: number): number => {
    const e = a >> 1;
    return (a & 1) === 0 ? cap[e]! - flow[e]! : flow[e]!;
  };

  // The hub is reached by every movable class, but only the few that send people through it have a
  // reverse arc with residual: keep those in a list instead of scanning every class at each visit.
  const hub = net.hub;
  const hubOut: number[] = [];
  for (let k = arcStart[hub]!; k < arcStart[hub + 1]!; k++) if ((arcs[k]! & 1) === 0) hubOut.push(arcs[k]!);
  const hubForward = Int32Array.from(hubOut);
  const hubActive = new Int32Array(arcStart[hub + 1]! - arcStart[hub]!); // reverse arcs (into classes) with flow
  const hubSlot = new Int32Array(edges).fill(-1);
  let hubActiveCount = 0;

  let stamp = 0;
  let augmentations = 0;
  let target = -1;
  let bestD = Infinity;
  for (const s of fillOrder(net)) {
    while (supply[s]! > 0) {
      stamp++;
      heap.clear();
      dist[s] = 0;
      seen[s] = stamp;
      parent[s] = -1;
      heap.push(0, s);
      target = -1;
      bestD = Infinity;
      let settledCount = 0;
      // Targets are noticed when reached, not when settled: once nothing left in the heap is nearer than
      // the best one, it is a shortest path. (Settling it instead would first drain every node at the
      // same distance, and tight arcs make large plateaus of those.)
      while (heap.size > 0 && heap.topKey() < bestD) {
        const du = heap.topKey();
        const u = heap.pop();
        if (settled[u] === stamp || du > dist[u]!) continue;
        settled[u] = stamp;
        order[settledCount++] = u;
        if (u === hub) {
          for (let k = 0; k < hubForward.length; k++) relax(hubForward[k]!, u, du);
          for (let k = 0; k < hubActiveCount; k++) relax(hubActive[k]!, u, du);
        } else {
          for (let k = arcStart[u]!, end = arcStart[u + 1]!; k < end; k++) relax(arcs[k]!, u, du);
        }
      }
      if (target < 0) throw new Error("mutasi flow: no feasible placement (the stay solution should always exist)");

      // Potentials: π(v) += d(v) − d(target) for the settled nodes (everyone else, in effect, by 0).
      const D = dist[target]!;
      for (let i = 0; i < settledCount; i++) {
        const v = order[i]!;
        pi[v] = pi[v]! + dist[v]! - D;
      }

      // How much the path can carry: supply, demand, residuals, and equal-marginal runs of convex arcs.
      let delta = supply[s]!;
      delta = Math.min(delta, target === sink ? sinkDemand : demand[target]!);
      for (let v = target; v !== s; ) {
        const a = parent[v]!;
        delta = Math.min(delta, residual(a), convexRun(a));
        v = (a & 1) === 0 ? tail[a >> 1]! : head[a >> 1]!;
      }
      for (let v = target; v !== s; ) {
        const a = parent[v]!;
        const e = a >> 1;
        if ((a & 1) === 0) flow[e]! += delta;
        else flow[e]! -= delta;
        if (head[e] === hub) {
          if (flow[e]! > 0 && hubSlot[e]! < 0) {
            hubSlot[e] = hubActiveCount;
            hubActive[hubActiveCount++] = 2 * e + 1;
          } else if (flow[e] === 0 && hubSlot[e]! >= 0) {
            const last = hubActive[--hubActiveCount]!;
            hubActive[hubSlot[e]!] = last;
            hubSlot[last >> 1] = hubSlot[e]!;
            hubSlot[e] = -1;
          }
        }
        v = (a & 1) === 0 ? tail[e]! : head[e]!;
      }
      supply[s]! -= delta;
      if (target === sink) sinkDemand -= delta;
      else demand[target]! -= delta;
      augmentations++;
    }
  }
  return { flow, augmentations };

  function relax(a: number, u: number, du: number): void {
    if (residual(a) <= 0) return;
    const v = (a & 1) === 0 ? head[a >> 1]! : tail[a >> 1]!;
    if (settled[v] === stamp) return;
    let rc = arcCost(a) + pi[u]! - pi[v]!;
    if (rc < 0) rc = rc > -tol ? 0 : rc; // only rounding can make it negative
    const nd = du + rc;
    if (seen[v] !== stamp || nd < dist[v]!) {
      seen[v] = stamp;
      dist[v] = nd;
      parent[v] = a;
      if (nd < bestD && (v === sink ? sinkDemand > 0 : demand[v]! > 0)) {
        bestD = nd;
        target = v;
      }
      heap.push(nd, v);
    }
  }

  /** Units a convex arc can take at its current marginal (linear arcs: unlimited). */
  function convexRun(a: number): number {
    const e = a >> 1;
    const q = convex[e]!;
    if (q < 0) return Infinity;
    const base = mStart[q]!;
    const f = flow[e]!;
    if ((a & 1) === 0) {
      const m = marginals[base + f]!;
      let k = 1;
      while (f + k < cap[e]! && marginals[base + f + k] === m) k++;
      return k;
    }
    const m = marginals[base + f - 1]!;
    let k = 1;
    while (f - k > 0 && marginals[base + f - k - 1] === m) k++;
    return k;
  }
}

/**
 * The order the classes are placed in: any order is exact, but a flow built from nothing first sends
 * everyone to the emptiest, busiest positions and later pays long reassignment paths to undo that. Taking
 * the classes of all positions in step (each at its share of its position's people) keeps the partial flow
 * near "everyone stays", so most paths are short.
 */
function fillOrder(net: JabatanNetwork): Int32Array {
  const C = net.classStart.length - 1;
  const P = net.positions.length;
  const home = net.classHome;
  const total = new Int32Array(P);
  for (let c = 0; c < C; c++) total[home[c]!]! += net.supply[c]!;
  const before = new Int32Array(P);
  const key = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    const q = home[c]!;
    key[c] = (before[q]! + net.supply[c]! / 2) / total[q]!;
    before[q]! += net.supply[c]!;
  }
  return Int32Array.from({ length: C }, (_, c) => c).sort((a, b) => key[a]! - key[b]! || a - b);
}
