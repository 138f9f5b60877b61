/**
 * Exact min-cost flow (any amount of flow, not max flow) by successive shortest paths.
 *
 * Why it is optimal: every augmentation follows a shortest source→sink path of the residual graph, which
 * keeps the residual graph free of negative cycles; we stop when the shortest path costs ≥ 0, i.e. when no
 * further unit of flow lowers the cost. With the sink→source return that is the optimality condition of a
 * min-cost circulation. Convex edges (nondecreasing marginals) stay exact because a shortest path always
 * prices the next unit at its own marginal.
 *
 * Why it is fast: shortest-path distances from the source never decrease between augmentations, and an
 * augmentation only changes edges on its own path. So instead of a fresh Dijkstra per augmentation we keep
 * the shortest-path tree and recompute only the subtree below the first arc whose residual changed
 * (the "increase" case of dynamic shortest paths, Ramalingam & Reps), with the old distances as potentials
 * so that reduced costs stay ≥ 0. Everything outside that subtree keeps its exact distance.
 * Nodes with many uncapacitated linear in-edges (the needs, fed by every unit in range) keep those
 * in-edges in a heap keyed by tail distance + cost; as distances only grow, stale keys are lower bounds
 * and are refreshed when they surface, so re-seeding such a node costs a few heap operations, not a scan.
 */
import { MinHeap } from "./heap.js";
import { UNBOUNDED, type Network } from "./network.js";

export type FlowResult = {
  /** Flow on each edge. */
  flow: Int32Array;
  augmentations: number;
  /** Nodes whose distance was recomputed over all augmentations (the work the incremental tree did). */
  relabelled: number;
};

/** In-degree from which a node's uncapacitated linear in-edges are kept in a heap instead of scanned. */
const HEAVY_IN_DEGREE = 24;

/** Min-cost flow from source to sink on a network whose node order is topological. */
export function minCostFlow(net: Network, source: number, sink: number): FlowResult {
  const { nodeCount: n, edgeCount: m, from, to, cap, cost, mStart, marginals, runEnd, runStart, arcStart, outEnd, arcs, arcHead } = net;
  const flow = new Int32Array(m);
  // Float rounding of a path sum is far below this; a path this close to 0 changes nothing anyone can see.
  const tol = 1e-12 * Math.max(1, net.maxAbsCost);

  // Residual capacity per arc, kept in step with flow: the hot loops test it before anything else.
  const res = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) res[2 * e] = cap[e]!;
  // Cost per arc of linear edges (the reverse arc refunds the cost).
  const linCost = new Float64Array(2 * m);
  for (let e = 0; e < m; e++) {
    linCost[2 * e] = cost[e]!;
    linCost[2 * e + 1] = -cost[e]!;
  }
  /** Cost of the next unit on residual arc a (only when res[a] > 0). */
  const arcCost = (a: number) => {
    const e = a >> 1;
    const s = mStart[e]!;
    if (s < 0) return linCost[a]!;
    return (a & 1) === 1 ? -marginals[s + flow[e]! - 1]! : marginals[s + flow[e]!]!;
  };
  /** Units that can cross arc a at its current marginal cost. */
  const runAvail = (a: number) => {
    const e = a >> 1;
    const s = mStart[e]!;
    if (s < 0) return res[a]!;
    const i = s + flow[e]!;
    return (a & 1) === 1 ? i - runStart[i - 1]! : runEnd[i]! - i + 1;
  };

  // Heavy nodes: every in-edge linear and unbounded, so the forward arc into the node always exists.
  const heavy = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    if (arcStart[v + 1]! - outEnd[v]! < HEAVY_IN_DEGREE) continue;
    let ok = true;
    for (let i = outEnd[v]!; i < arcStart[v + 1]! && ok; i++) {
      const e = arcs[i]! >> 1;
      ok = mStart[e]! < 0 && cap[e]! === UNBOUNDED;
    }
    if (ok) heavy[v] = 1;
  }
  // Per heavy node: in-edges that carry flow (the only reverse arcs worth relaxing), with positions.
  const flowing: number[][] = [];
  const flowingPos = new Int32Array(m).fill(-1);
  const heaps: MinHeap[] = [];

  const dist = new Float64Array(n).fill(Infinity);
  const parArc = new Int32Array(n).fill(-1);
  const firstChild = new Int32Array(n).fill(-1);
  const nextSib = new Int32Array(n).fill(-1);
  const prevSib = new Int32Array(n).fill(-1);
  const link = (v: number) => {
    const p = arcHead[parArc[v]! ^ 1]!;
    const f = firstChild[p]!;
    nextSib[v] = f;
    prevSib[v] = -1;
    if (f >= 0) prevSib[f] = v;
    firstChild[p] = v;
  };
  const unlink = (v: number) => {
    const p = arcHead[parArc[v]! ^ 1]!;
    const nx = nextSib[v]!;
    const pv = prevSib[v]!;
    if (pv >= 0) nextSib[pv] = nx;
    else firstChild[p] = nx;
    if (nx >= 0) prevSib[nx] = pv;
  };

  // At zero flow only forward arcs exist and the node order is topological: one pass gives exact distances
  // even with negative costs, which Dijkstra alone could not.
  dist[source] = 0;
  for (let v = 0; v < n; v++) {
    const dv = dist[v]!;
    if (dv === Infinity) continue;
    for (let i = arcStart[v]!; i < outEnd[v]!; i++) {
      const a = arcs[i]!;
      if (res[a]! <= 0) continue;
      const h = arcHead[a]!;
      const c = dv + arcCost(a);
      if (c < dist[h]!) {
        dist[h] = c;
        parArc[h] = a;
      }
    }
  }
  for (let v = 0; v < n; v++) if (parArc[v]! >= 0) link(v);
  const none = new MinHeap();
  const noList: number[] = [];
  for (let v = 0; v < n; v++) {
    flowing.push(heavy[v] ? [] : noList);
    const h = heavy[v] ? new MinHeap() : none;
    heaps.push(h);
    if (!heavy[v]) continue;
    for (let i = outEnd[v]!; i < arcStart[v + 1]!; i++) {
      const e = arcs[i]! >> 1;
      const d = dist[from[e]!]!;
      if (d < Infinity) h.push(d + cost[e]!, e);
    }
  }

  const oldDist = new Float64Array(n);
  const best = new Float64Array(n);
  const bestArc = new Int32Array(n);
  const mark = new Int32Array(n); // stamp: node is in the current affected subtree
  const done = new Int32Array(n); // stamp: node's new distance is final
  const heap = new MinHeap();
  const subtree: number[] = [];
  const path: number[] = [];
  const before: number[] = [];
  const stashNode: number[] = [];
  const stashEdge: number[] = [];
  let stamp = 0;
  let augmentations = 0;
  let relabelled = 0;

  /** Best way into heavy node v from outside the affected subtree, via its in-edge heap. */
  const seedHeavy = (v: number) => {
    const h = heaps[v]!;
    while (h.size > 0) {
      const key = h.topKey();
      const e = h.topNode();
      const w = from[e]!;
      const dw = dist[w]!;
      if (dw === Infinity) {
        h.pop(); // unreachable for good
      } else if (mark[w] === stamp) {
        h.pop(); // its distance is being recomputed: put back once known
        stashNode.push(v);
        stashEdge.push(e);
      } else if (key < dw + cost[e]!) {
        h.pop(); // a lower bound gone stale: distances only grow
        h.push(dw + cost[e]!, e);
      } else {
        const c = dw + cost[e]!;
        if (c < best[v]!) {
          best[v] = c;
          bestArc[v] = 2 * e;
        }
        return;
      }
    }
  };

  while (dist[sink]! < -tol) {
    path.length = 0;
    for (let v = sink; v !== source; v = arcHead[parArc[v]! ^ 1]!) path.push(parArc[v]!);
    path.reverse();
    let delta = Infinity;
    for (const a of path) delta = Math.min(delta, runAvail(a));
    before.length = 0;
    for (const a of path) before.push(arcCost(a));
    for (const a of path) {
      const e = a >> 1;
      flow[e]! += (a & 1) === 1 ? -delta : delta;
      res[a]! -= delta;
      res[a ^ 1]! += delta;
      if (heavy[to[e]!]) {
        const list = flowing[to[e]!]!;
        if (flow[e]! > 0 && flowingPos[e]! < 0) {
          flowingPos[e] = list.length;
          list.push(e);
        } else if (flow[e] === 0 && flowingPos[e]! >= 0) {
          const last = list.pop()!;
          if (last !== e) {
            list[flowingPos[e]!] = last;
            flowingPos[last] = flowingPos[e]!;
          }
          flowingPos[e] = -1;
        }
      }
    }
    augmentations++;

    // The first arc whose residual changed roots the only subtree whose distances can have changed.
    let root = -1;
    for (let i = 0; i < path.length; i++) {
      const a = path[i]!;
      if (res[a]! <= 0 || arcCost(a) !== before[i]) {
        root = arcHead[a]!;
        break;
      }
    }
    if (root < 0) throw new Error("augmentation changed no arc"); // cannot happen: delta ends a run

    stamp++;
    subtree.length = 0;
    subtree.push(root);
    for (let i = 0; i < subtree.length; i++) {
      for (let c = firstChild[subtree[i]!]!; c >= 0; c = nextSib[c]!) subtree.push(c);
    }
    unlink(root);
    for (const v of subtree) {
      mark[v] = stamp;
      oldDist[v] = dist[v]!;
      best[v] = Infinity;
      bestArc[v] = -1;
      firstChild[v] = -1;
    }
    relabelled += subtree.length;

    // Seed each affected node from its unaffected neighbours, whose distances are still exact.
    heap.clear();
    stashNode.length = 0;
    stashEdge.length = 0;
    for (const v of subtree) {
      const end = heavy[v] ? outEnd[v]! : arcStart[v + 1]!;
      for (let i = arcStart[v]!; i < end; i++) {
        const a = arcs[i]!;
        const r = a ^ 1; // the arc from the neighbour into v
        if (res[r]! <= 0) continue;
        const w = arcHead[a]!;
        if (mark[w] === stamp) continue;
        const dw = dist[w]!;
        if (dw === Infinity) continue;
        const c = dw + arcCost(r);
        if (c < best[v]!) {
          best[v] = c;
          bestArc[v] = r;
        }
      }
      if (heavy[v]) seedHeavy(v);
      if (best[v]! < Infinity) heap.push(Math.max(0, best[v]! - oldDist[v]!), v);
    }
    // Dijkstra inside the subtree on reduced costs (old distances as potentials, so keys are ≥ 0).
    while (heap.size > 0) {
      const key = heap.topKey();
      const v = heap.pop();
      if (done[v] === stamp || key !== Math.max(0, best[v]! - oldDist[v]!)) continue;
      done[v] = stamp;
      const dv = best[v]!;
      dist[v] = dv;
      parArc[v] = bestArc[v]!;
      link(v);
      const end = heavy[v] ? outEnd[v]! : arcStart[v + 1]!;
      for (let i = arcStart[v]!; i < end; i++) {
        const a = arcs[i]!;
        if (res[a]! <= 0) continue;
        const h = arcHead[a]!;
        if (mark[h] !== stamp || done[h] === stamp) continue;
        const c = dv + arcCost(a);
        if (c < best[h]!) {
          best[h] = c;
          bestArc[h] = a;
          heap.push(Math.max(0, c - oldDist[h]!), h);
        }
      }
      if (heavy[v]) {
        for (const e of flowing[v]!) {
          const h = from[e]!;
          if (mark[h] !== stamp || done[h] === stamp) continue;
          const c = dv - cost[e]!;
          if (c < best[h]!) {
            best[h] = c;
            bestArc[h] = 2 * e + 1;
            heap.push(Math.max(0, c - oldDist[h]!), h);
          }
        }
      }
    }
    // Unreached now means unreachable for good: new residual arcs only ever join nodes on a path.
    for (const v of subtree) {
      if (done[v] !== stamp) {
        dist[v] = Infinity;
        parArc[v] = -1;
      }
    }
    for (let i = 0; i < stashNode.length; i++) {
      const e = stashEdge[i]!;
      const d = dist[from[e]!]!;
      if (d < Infinity) heaps[stashNode[i]!]!.push(d + cost[e]!, e);
    }
  }
  return { flow, augmentations, relabelled };
}
