/**
 * The residual graph cost scaling works on (scaling.ts), laid out for its hot loops: arcs in CSR order by
 * tail, one typed array per field, and everything a loop over one node's arcs needs readable at that arc's
 * own position, so that it never jumps to the mate arc (those jumps were most of a price update's time).
 * A plain record of arrays, which the solver keeps in its own fields.
 *
 * The sink is merged into the source: flow that reaches the sink starts again, so "any amount of flow" is
 * a circulation and needs no return arc. Convex edges keep their marginals: the next unit forward costs
 * marginals[flow], the last unit back refunds marginals[flow − 1].
 */
import type { Network } from "./network.js";

/** Kinds of arc. Importers copy them into module constants: under tsx an imported binding is a getter. */
export const ArcKind = { LINEAR: 0, CONVEX_FORWARD: 1, CONVEX_REVERSE: 2 } as const;
const { CONVEX_FORWARD, CONVEX_REVERSE } = ArcKind;

/** In-degree from which a node keeps its flow-carrying in-edges in a list (see Residual.heavy). */
const HEAVY_IN_DEGREE = 64;

export type Residual = {
  /**
   * Node v owns arc positions first[v] … first[v + 1] − 1: the reverse arcs of its in-edges up to
   * split[v], then its forward arcs (searching backwards first keeps excess near where it came from,
   * which measured faster). Each edge has a forward and a reverse arc, linked by mate[].
   */
  first: Int32Array;
  split: Int32Array;
  head: Int32Array;
  mate: Int32Array;
  /** Residual capacity, at zero flow. */
  res: Int32Array;
  /** The edge's capacity, at both of its arcs: an arc's mate has capE − res left. */
  capE: Int32Array;
  /** Cost of one unit along a linear arc (the reverse arc refunds it). */
  cost: Float64Array;
  /** An ArcKind: one byte, so that loops over linear arcs read little. */
  kind: Uint8Array;
  /** Convex arcs: where the edge's marginals start in the network's marginals. */
  mStart: Int32Array;
  /** Per edge of the network: its forward arc. */
  edgeArc: Int32Array;
  /**
   * Heavy nodes (a need, fed by every unit in range) have hundreds of in-edges of which few carry flow;
   * the solver keeps those in a list per node (see scaling.ts).
   */
  heavy: Uint8Array;
};

/** The residual graph of `net` at zero flow, with the sink merged into the source. */
export function residualGraph(net: Network, source: number, sink: number): Residual {
  const n = net.nodeCount;
  const m = net.edgeCount;
  const caps = tightCaps(net, source, sink);
  // Plain typed-array passes (no closure per edge): this runs once per solve over every edge, much of
  // it before the JIT has warmed up.
  const tail = net.from;
  const headOf = new Int32Array(m);
  for (let e = 0; e < m; e++) headOf[e] = net.to[e] === sink ? source : net.to[e]!;

  const first = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    first[tail[e]! + 1]!++;
    first[headOf[e]! + 1]!++;
  }
  for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
  const nextIn = first.slice(0, n);
  const split = nextIn.slice();
  for (let e = 0; e < m; e++) split[headOf[e]!]!++;
  const nextOut = split.slice();
  const r: Residual = {
    first,
    split,
    head: new Int32Array(2 * m),
    mate: new Int32Array(2 * m),
    res: new Int32Array(2 * m),
    capE: new Int32Array(2 * m),
    cost: new Float64Array(2 * m),
    kind: new Uint8Array(2 * m),
    mStart: new Int32Array(2 * m),
    edgeArc: new Int32Array(m),
    heavy: new Uint8Array(n),
  };
  const { head, mate, res, capE, cost, kind, mStart, edgeArc } = r;
  for (let e = 0; e < m; e++) {
    const t = tail[e]!;
    const h = headOf[e]!;
    const p = nextOut[t]!++;
    const q = nextIn[h]!++;
    edgeArc[e] = p;
    head[p] = h;
    head[q] = t;
    mate[p] = q;
    mate[q] = p;
    const c = caps[e]!;
    res[p] = c;
    capE[p] = capE[q] = c;
    const ms = net.mStart[e]!;
    if (ms >= 0) {
      kind[p] = CONVEX_FORWARD;
      kind[q] = CONVEX_REVERSE;
      mStart[p] = mStart[q] = ms;
    } else {
      cost[p] = net.cost[e]!;
      cost[q] = -net.cost[e]!;
    }
  }
  for (let v = 0; v < n; v++) if (split[v]! - first[v]! >= HEAVY_IN_DEGREE) r.heavy[v] = 1;
  return r;
}

/**
 * Capacities no flow can exceed: an edge never carries more than its tail can receive or its head can
 * pass on (the node order is topological, so one pass each way). A phase start saturates edges wholesale,
 * and an UNBOUNDED edge would make excess that then has to be moved all the way back.
 */
function tightCaps(net: Network, source: number, sink: number): Int32Array {
  const n = net.nodeCount;
  const reach = new Float64Array(n);
  const drain = new Float64Array(n);
  reach[source] = Infinity;
  for (let v = 0; v < n; v++) {
    if (v === source) continue;
    for (let i = net.outEnd[v]!; i < net.arcStart[v + 1]!; i++) {
      const e = net.arcs[i]! >> 1;
      reach[v]! += Math.min(net.cap[e]!, reach[net.from[e]!]!);
    }
  }
  drain[sink] = Infinity;
  for (let v = n - 1; v >= 0; v--) {
    if (v === sink) continue;
    for (let i = net.arcStart[v]!; i < net.outEnd[v]!; i++) {
      const e = net.arcs[i]! >> 1;
      drain[v]! += Math.min(net.cap[e]!, drain[net.to[e]!]!);
    }
  }
  const caps = new Int32Array(net.edgeCount);
  for (let e = 0; e < net.edgeCount; e++) {
    const t = net.from[e]!;
    const h = net.to[e]!;
    caps[e] = Math.min(net.cap[e]!, reach[t]!, drain[t]!, reach[h]!, drain[h]!);
  }
  return caps;
}
