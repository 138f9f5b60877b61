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
 * Why it is fast: a Dijkstra starts at one class and stops at the first demand it reaches, so it explores
 * only the part of the residual graph that is cheaper than that; and a jabatan's network is small.
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

  let stamp = 0;
  let augmentations = 0;
  for (let s = 0; s < n; s++) {
    while (supply[s]! > 0) {
      stamp++;
      heap.clear();
      dist[s] = 0;
      seen[s] = stamp;
      parent[s] = -1;
      heap.push(0, s);
      let target = -1;
      let settledCount = 0;
      while (heap.size > 0) {
        const du = heap.topKey();
        const u = heap.pop();
        if (settled[u] === stamp || du > dist[u]!) continue;
        settled[u] = stamp;
        order[settledCount++] = u;
        if (u === sink ? sinkDemand > 0 : demand[u]! > 0) {
          target = u;
          break;
        }
        const piU = pi[u]!;
        for (let k = arcStart[u]!, end = arcStart[u + 1]!; k < end; k++) {
          const a = arcs[k]!;
          if (residual(a) <= 0) continue;
          const v = (a & 1) === 0 ? head[a >> 1]! : tail[a >> 1]!;
          if (settled[v] === stamp) continue;
          let rc = arcCost(a) + piU - pi[v]!;
          if (rc < 0) rc = rc > -tol ? 0 : rc; // a real negative would mean a broken invariant; Dijkstra copes poorly but stays finite
          const nd = du + rc;
          if (seen[v] !== stamp || nd < dist[v]!) {
            seen[v] = stamp;
            dist[v] = nd;
            parent[v] = a;
            heap.push(nd, v);
          }
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
        v = (a & 1) === 0 ? tail[e]! : head[e]!;
      }
      supply[s]! -= delta;
      if (target === sink) sinkDemand -= delta;
      else demand[target]! -= delta;
      augmentations++;
    }
  }
  return { flow, augmentations };

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
