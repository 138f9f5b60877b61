/**
 * Exact min-cost flow by the primal network simplex (any amount of flow: a circulation with a free
 * sink→source arc). It backs up cost scaling (solve.ts) and is a third independent exact algorithm for
 * the tests to hold to HiGHS; on supply-starved plans it is exact but slow (a million mostly degenerate
 * pivots at province scale, about 20 s, where cost scaling takes under 2 s).
 *
 * Convex edges become parallel arcs, one per run of equal marginals: costs strictly increase along the
 * runs, so at an optimum the cheap runs fill first and the edge's flow prices exactly its first units.
 * Anti-cycling: a strongly feasible spanning tree with Cunningham's leaving-arc rule (as in LEMON).
 * Optimality: a full pricing pass finds no arc whose reduced cost improves the objective, with potentials
 * recomputed exactly from the tree first, so float drift cannot fake it.
 */
import { UNBOUNDED, type Network } from "./network.js";

export type SimplexResult = { flow: Int32Array; pivots: number };

const LOWER = 1;
const UPPER = -1;
const TREE = 0;

/** Min-cost circulation of `net` plus a free arc sink → source; returns the flow on each edge of `net`. */
export function networkSimplex(net: Network, source: number, sink: number): SimplexResult {
  const n = net.nodeCount;
  const root = n;
  const N = n + 1;

  // Arcs: expanded real edges, the free return arc, then one artificial arc v → root per node. Arcs only
  // enter the root, so no cycle can use them and they carry no flow: they only make the first tree.
  let runs = 0;
  for (let e = 0; e < net.edgeCount; e++) runs += countRuns(net, e);
  const M = runs + 1 + n;
  const from = new Int32Array(M);
  const to = new Int32Array(M);
  const cap = new Int32Array(M);
  const cost = new Float64Array(M);
  const orig = new Int32Array(M).fill(-1);
  const firstArc = new Int32Array(net.edgeCount);
  let k = 0;
  for (let e = 0; e < net.edgeCount; e++) {
    const s = net.mStart[e]!;
    firstArc[e] = k;
    if (s < 0) {
      from[k] = net.from[e]!;
      to[k] = net.to[e]!;
      cap[k] = net.cap[e]!;
      cost[k] = net.cost[e]!;
      orig[k++] = e;
      continue;
    }
    for (let i = s; i < s + net.cap[e]!; i = net.runEnd[i]! + 1) {
      from[k] = net.from[e]!;
      to[k] = net.to[e]!;
      cap[k] = net.runEnd[i]! - i + 1;
      cost[k] = net.marginals[i]!;
      orig[k++] = e;
    }
  }
  from[k] = sink;
  to[k] = source;
  cap[k] = UNBOUNDED;
  k++;
  const artificial = k;
  // Artificial arcs cost more than any path, so that they never look worth entering.
  const big = 4 * (n + 1) * Math.max(1, net.maxAbsCost);
  for (let v = 0; v < n; v++, k++) {
    from[k] = v;
    to[k] = root;
    cap[k] = UNBOUNDED;
    cost[k] = big;
  }

  const flow = new Int32Array(M);
  const state = new Int8Array(M).fill(LOWER);
  const parent = new Int32Array(N).fill(-1);
  const pred = new Int32Array(N).fill(-1);
  const up = new Uint8Array(N); // 1: pred arc points from the node to its parent
  const depth = new Int32Array(N);
  const pi = new Float64Array(N);
  const firstChild = new Int32Array(N).fill(-1);
  const nextSib = new Int32Array(N).fill(-1);
  const prevSib = new Int32Array(N).fill(-1);
  const addChild = (p: number, v: number) => {
    const f = firstChild[p]!;
    nextSib[v] = f;
    prevSib[v] = -1;
    if (f >= 0) prevSib[f] = v;
    firstChild[p] = v;
  };
  const removeChild = (p: number, v: number) => {
    const nx = nextSib[v]!;
    const pv = prevSib[v]!;
    if (pv >= 0) nextSib[pv] = nx;
    else firstChild[p] = nx;
    if (nx >= 0) prevSib[nx] = pv;
  };
  // First tree: shortest paths to the sink at zero flow (the node order is topological, so one backward
  // pass finds them). Every tree arc points towards the root with room to grow, so the tree is strongly
  // feasible, and with potentials −(distance to the sink) only the return arc prices out at the start:
  // the simplex begins where shortest paths would, instead of from an all-artificial star.
  const toSink = new Float64Array(n).fill(Infinity);
  toSink[sink] = 0;
  for (let v = n - 1; v >= 0; v--) {
    if (v !== sink) {
      for (let i = net.arcStart[v]!; i < net.outEnd[v]!; i++) {
        const e = net.arcs[i]! >> 1;
        const a = firstArc[e]!;
        if (cap[a]! <= 0) continue;
        const d = cost[a]! + toSink[to[a]!]!;
        if (d < toSink[v]!) {
          toSink[v] = d;
          pred[v] = a;
        }
      }
    }
    const a = toSink[v] === Infinity || v === sink ? artificial + v : pred[v]!;
    pred[v] = a;
    parent[v] = to[a]!;
    up[v] = 1;
    state[a] = TREE;
  }
  depth[root] = 0;
  for (let v = n - 1; v >= 0; v--) {
    const p = parent[v]!;
    depth[v] = depth[p]! + 1;
    pi[v] = pi[p]! - cost[pred[v]!]!;
    addChild(p, v);
  }

  const stack: number[] = [];
  /** Potentials and depths of the subtree under v, from its tree arc (reduced cost 0 on tree arcs). */
  const refresh = (top: number) => {
    stack.length = 0;
    stack.push(top);
    while (stack.length > 0) {
      const v = stack.pop()!;
      const p = parent[v]!;
      const a = pred[v]!;
      // Tree arcs have reduced cost c + pi[from] − pi[to] = 0.
      pi[v] = up[v] ? pi[p]! - cost[a]! : pi[p]! + cost[a]!;
      depth[v] = depth[p]! + 1;
      for (let c = firstChild[v]!; c >= 0; c = nextSib[c]!) stack.push(c);
    }
  };

  const tol = 1e-11 * Math.max(1, net.maxAbsCost);
  const block = Math.max(16, Math.ceil(Math.sqrt(M)));
  let nextArc = 0;
  let pivots = 0;

  /** An arc whose reduced cost improves the objective (block search), or -1 when none does. */
  const entering = (): number => {
    let best = -1;
    let bestV = -tol;
    let scanned = 0;
    let inBlock = 0;
    for (let i = nextArc; scanned < M; scanned++) {
      const st = state[i]!;
      if (st !== TREE) {
        const v = st * (cost[i]! + pi[from[i]!]! - pi[to[i]!]!);
        if (v < bestV) {
          bestV = v;
          best = i;
        }
      }
      if (++i === M) i = 0;
      if (++inBlock === block) {
        inBlock = 0;
        if (best >= 0) {
          nextArc = i;
          return best;
        }
      }
    }
    nextArc = 0;
    return best;
  };

  for (;;) {
    let inArc = entering();
    if (inArc < 0) {
      // Confirm optimality against potentials rebuilt exactly from the tree.
      for (let c = firstChild[root]!; c >= 0; c = nextSib[c]!) refresh(c);
      nextArc = 0;
      inArc = entering();
      if (inArc < 0) break;
    }
    pivots++;
    if (pivots % 4096 === 0) for (let c = firstChild[root]!; c >= 0; c = nextSib[c]!) refresh(c);

    const forwardIn = state[inArc] === LOWER;
    const first = forwardIn ? from[inArc]! : to[inArc]!;
    const second = forwardIn ? to[inArc]! : from[inArc]!;
    // One walk up from both ends finds the join and the largest push around the cycle first → second →
    // (up) join → (down) first. The last blocking arc in cycle order from the join leaves (Cunningham),
    // which keeps the tree strongly feasible: on first's side the deepest minimum, on second's side the
    // shallowest, second's side before the entering arc before first's side on ties.
    let minFirst = UNBOUNDED;
    let outFirst = -1;
    let minSecond = UNBOUNDED;
    let outSecond = -1;
    let a = first;
    let b = second;
    while (a !== b) {
      if (depth[a]! >= depth[b]!) {
        const e = pred[a]!;
        const d = up[a] ? flow[e]! : cap[e]! - flow[e]!;
        if (d < minFirst) {
          minFirst = d;
          outFirst = a;
        }
        a = parent[a]!;
      } else {
        const e = pred[b]!;
        const d = up[b] ? cap[e]! - flow[e]! : flow[e]!;
        if (d <= minSecond) {
          minSecond = d;
          outSecond = b;
        }
        b = parent[b]!;
      }
    }
    const join = a;
    let delta = cap[inArc]!;
    let out = -1;
    let side = 0;
    if (minFirst < delta) {
      delta = minFirst;
      out = outFirst;
      side = 1;
    }
    if (outSecond >= 0 && minSecond <= delta) {
      delta = minSecond;
      out = outSecond;
      side = 2;
    }
    if (delta >= UNBOUNDED) throw new Error("network simplex: unbounded cycle"); // a negative cycle with no capacity limit
    if (delta > 0) {
      const val = (forwardIn ? 1 : -1) * delta;
      flow[inArc]! += val;
      for (let u = first; u !== join; u = parent[u]!) flow[pred[u]!]! += up[u] ? -delta : delta;
      for (let u = second; u !== join; u = parent[u]!) flow[pred[u]!]! += up[u] ? delta : -delta;
    }
    if (side === 0) {
      state[inArc] = -state[inArc]! as 1 | -1;
      continue;
    }
    const outArc = pred[out]!;
    state[outArc] = flow[outArc] === 0 ? LOWER : UPPER;
    state[inArc] = TREE;

    // Re-hang the cut-off subtree (it holds `out` and uIn) from vIn through the entering arc.
    const uIn = side === 1 ? first : second;
    const vIn = side === 1 ? second : first;
    removeChild(parent[out]!, out);
    let x = uIn;
    let newParent = vIn;
    let newPred = inArc;
    let newUp = from[inArc] === uIn ? 1 : 0;
    for (;;) {
      const oldParent = parent[x]!;
      const oldPred = pred[x]!;
      const oldUp = up[x]!;
      if (x !== out) removeChild(oldParent, x);
      parent[x] = newParent;
      pred[x] = newPred;
      up[x] = newUp;
      addChild(newParent, x);
      if (x === out) break;
      newParent = x;
      newPred = oldPred;
      newUp = oldUp ? 0 : 1;
      x = oldParent;
    }
    refresh(uIn);
  }

  const result = new Int32Array(net.edgeCount);
  for (let i = 0; i < runs; i++) result[orig[i]!]! += flow[i]!;
  return { flow: result, pivots };
}

function countRuns(net: Network, e: number): number {
  const s = net.mStart[e]!;
  if (s < 0) return 1;
  let runs = 0;
  for (let i = s; i < s + net.cap[e]!; i = net.runEnd[i]! + 1) runs++;
  return runs;
}
