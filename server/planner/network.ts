/**
 * A flow network whose edges are either linear (one cost per unit of flow) or convex (a nondecreasing
 * list of marginal costs, one per unit). Convex edges carry the planner's "k-th person costs more"
 * terms without expanding them into parallel arcs, which keeps the residual graph as small as the model.
 * The WebAssembly kernel builds it (kernel/assembly/network.ts); node indices are a topological order
 * (every edge goes to a higher index), which the shortest-path solver's first pass relies on.
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
