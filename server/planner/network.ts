/**
 * A flow network whose edges are either linear (one cost per unit of flow) or convex (a nondecreasing
 * list of marginal costs, one per unit). Convex edges carry the planner's "k-th person costs more"
 * terms without expanding them into parallel arcs, which keeps the residual graph as small as the model.
 */

export type Network = {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly from: Int32Array;
  readonly to: Int32Array;
  /** Capacity; UNBOUNDED for edges that nothing but their endpoints limit. */
  readonly cap: Int32Array;
  /** Linear cost per unit; unused for convex edges. */
  readonly cost: Float64Array;
  /** Start of the edge's marginals in `marginals`, or -1 for a linear edge. */
  readonly mStart: Int32Array;
  readonly marginals: Float64Array;
  /** For marginal i: the last index j ≥ i of the same edge with marginals[j] === marginals[i]. */
  readonly runEnd: Int32Array;
  /** For marginal i: the first index j ≤ i of the same edge with marginals[j] === marginals[i]. */
  readonly runStart: Int32Array;
  /**
   * Arcs leaving each node (CSR): arc 2e is edge e forward, arc 2e+1 is its reverse. A node's forward
   * arcs (its out-edges) come first, up to outEnd[v]; the reverses of its in-edges follow.
   */
  readonly arcStart: Int32Array;
  readonly outEnd: Int32Array;
  readonly arcs: Int32Array;
  /** Node an arc points to. */
  readonly arcHead: Int32Array;
  /** Largest |cost| of any unit of flow: the scale for numerical tolerances. */
  readonly maxAbsCost: number;
};

/** Capacity of an edge limited only by the rest of the network (flows stay far below it). */
export const UNBOUNDED = 1 << 30;

/** Collects edges; node indices must be a topological order (every edge goes to a higher index). */
export class NetworkBuilder {
  private from: Int32Array;
  private to: Int32Array;
  private cap: Int32Array;
  private cost: Float64Array;
  private mStart: Int32Array;
  private marginals: Float64Array;
  private edges = 0;
  private mCount = 0;

  /** Room for `edges` edges and `marginals` convex marginals up front (both grow as needed). */
  constructor(private readonly nodeCount: number, edges = 1024, marginals = 1024) {
    this.from = new Int32Array(edges);
    this.to = new Int32Array(edges);
    this.cap = new Int32Array(edges);
    this.cost = new Float64Array(edges);
    this.mStart = new Int32Array(edges);
    this.marginals = new Float64Array(marginals);
  }

  /** Adds a linear edge and returns its index. */
  addEdge(from: number, to: number, cap: number, cost: number): number {
    this.check(from, to);
    if (!Number.isInteger(cap) || cap < 0 || cap > UNBOUNDED) throw new Error(`edge ${from}->${to}: capacity ${cap}`);
    this.push(from, to, cap, cost, -1);
    return this.edges - 1;
  }

  /** Adds a convex edge with the first `count` marginals (capacity = count) and returns its index. */
  addConvexEdge(from: number, to: number, marginals: ArrayLike<number>, count = marginals.length): number {
    this.check(from, to);
    for (let i = 1; i < count; i++) {
      if (!(marginals[i]! >= marginals[i - 1]!)) throw new Error(`edge ${from}->${to}: marginals must be nondecreasing`);
    }
    if (this.mCount + count > this.marginals.length) this.marginals = grow(this.marginals, this.mCount + count);
    for (let i = 0; i < count; i++) this.marginals[this.mCount + i] = marginals[i]!;
    this.push(from, to, count, 0, this.mCount);
    this.mCount += count;
    return this.edges - 1;
  }

  private check(from: number, to: number) {
    // The initial shortest-path pass relies on this order instead of a Bellman-Ford with negative costs.
    if (!(from >= 0 && from < to && to < this.nodeCount)) throw new Error(`edge ${from}->${to} breaks the topological order`);
  }

  private push(from: number, to: number, cap: number, cost: number, mStart: number) {
    if (this.edges === this.from.length) {
      const n = this.edges * 2;
      this.from = grow(this.from, n);
      this.to = grow(this.to, n);
      this.cap = grow(this.cap, n);
      this.cost = grow(this.cost, n);
      this.mStart = grow(this.mStart, n);
    }
    const e = this.edges++;
    this.from[e] = from;
    this.to[e] = to;
    this.cap[e] = cap;
    this.cost[e] = cost;
    this.mStart[e] = mStart;
  }

  /** Freezes the edges into typed arrays with adjacency and run tables. */
  build(): Network {
    const m = this.edges;
    const n = this.nodeCount;
    // Views, not copies: at province scale a copy of every array is tens of megabytes of garbage.
    const from = this.from.subarray(0, m);
    const to = this.to.subarray(0, m);
    const cap = this.cap.subarray(0, m);
    const cost = this.cost.subarray(0, m);
    const mStart = this.mStart.subarray(0, m);
    const marginals = this.marginals.subarray(0, this.mCount);
    // One loop per function below, which ends with it: the JIT compiles a hot loop on its own (on-stack
    // replacement), and code after the loop that had not run yet when it did (the next loop, even a call or
    // an object to return) threw that compiled code away again, at every plan.
    const runStart = new Int32Array(marginals.length);
    const runEnd = new Int32Array(marginals.length);
    runTables(cap, mStart, marginals, runStart, runEnd);
    const arcStart = degrees(from, to, n);
    prefixSums(arcStart);
    const fill = arcStart.slice(0, n);
    const arcs = new Int32Array(2 * m);
    const arcHead = new Int32Array(2 * m);
    placeForwardArcs(from, to, fill, arcs, arcHead);
    const outEnd = fill.slice();
    placeReverseArcs(to, fill, arcs);
    return {
      nodeCount: n,
      edgeCount: m,
      from,
      to,
      cap,
      cost,
      mStart,
      marginals,
      runEnd,
      runStart,
      arcStart,
      outEnd,
      arcs,
      arcHead,
      maxAbsCost: Math.max(largestLinearCost(cost, mStart), largestMarginal(marginals)),
    };
  }
}

/** For each marginal, the first and last index of its edge's run of equal marginals. */
function runTables(cap: Int32Array, mStart: Int32Array, marginals: Float64Array, runStart: Int32Array, runEnd: Int32Array) {
  for (let e = 0; e < mStart.length; e++) {
    const s = mStart[e]!;
    if (s < 0) continue;
    const end = s + cap[e]!;
    for (let i = s; i < end; i++) runStart[i] = i > s && marginals[i - 1] === marginals[i] ? runStart[i - 1]! : i;
    for (let i = end - 1; i >= s; i--) runEnd[i] = i < end - 1 && marginals[i + 1] === marginals[i] ? runEnd[i + 1]! : i;
  }
}

function largestLinearCost(cost: Float64Array, mStart: Int32Array): number {
  let max = 0;
  for (let e = 0; e < cost.length; e++) if (mStart[e]! < 0) max = Math.max(max, Math.abs(cost[e]!));
  return max;
}

function largestMarginal(marginals: Float64Array): number {
  let max = 0;
  for (let i = 0; i < marginals.length; i++) max = Math.max(max, Math.abs(marginals[i]!));
  return max;
}

/** Node v's arc count (out-edges and in-edges) at v + 1: the CSR starts once summed (prefixSums). */
function degrees(from: Int32Array, to: Int32Array, n: number): Int32Array {
  const arcStart = new Int32Array(n + 1);
  for (let e = 0; e < from.length; e++) {
    arcStart[from[e]! + 1]!++;
    arcStart[to[e]! + 1]!++;
  }
  return arcStart;
}

function prefixSums(a: Int32Array) {
  for (let v = 1; v < a.length; v++) a[v]! += a[v - 1]!;
}

/** Arc 2e (edge e forward) at its tail's next free slot, with its head; the reverse's head too. */
function placeForwardArcs(from: Int32Array, to: Int32Array, fill: Int32Array, arcs: Int32Array, arcHead: Int32Array) {
  for (let e = 0; e < from.length; e++) {
    arcs[fill[from[e]!]!++] = 2 * e;
    arcHead[2 * e] = to[e]!;
    arcHead[2 * e + 1] = from[e]!;
  }
}

/** Arc 2e + 1 (edge e reversed) at its head's next free slot, after that node's forward arcs. */
function placeReverseArcs(to: Int32Array, fill: Int32Array, arcs: Int32Array) {
  for (let e = 0; e < to.length; e++) arcs[fill[to[e]!]!++] = 2 * e + 1;
}

function grow<T extends Int32Array | Float64Array>(a: T, atLeast: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(atLeast, a.length * 2));
  b.set(a);
  return b;
}
