/**
 * The flow network (server/planner/network.ts documents its layout), built here by graph.ts and read by
 * ssp.ts: one per instance, as module globals, which the host reads through index.ts field().
 * Edges are either linear (one cost per unit of flow) or convex (nondecreasing marginals, one per unit).
 */

/** Capacity of an edge limited only by the rest of the network (server/planner/network.ts UNBOUNDED). */
export const UNBOUNDED: i32 = 1 << 30;
/** The number of skills (shared/domain.ts SKILLS): masks are K bits, hub keys unit·K + skill. */
export const K: i32 = 12;

export let nodeCount: i32 = 0;
export let edgeCount: i32 = 0;
export let marginalCount: i32 = 0;
export let from = new Int32Array(0);
export let to = new Int32Array(0);
export let cap = new Int32Array(0);
export let cost = new Float64Array(0);
export let mStart = new Int32Array(0);
export let marginals = new Float64Array(0);
export let runEnd = new Int32Array(0);
export let runStart = new Int32Array(0);
export let arcStart = new Int32Array(0);
export let outEnd = new Int32Array(0);
export let arcs = new Int32Array(0);
export let arcHead = new Int32Array(0);
export let maxAbsCost: f64 = 0;

/** Starts a network of n nodes with room for `edges` edges and `marginalRoom` convex marginals (exact bounds). */
export function startNetwork(n: i32, edges: i32, marginalRoom: i32): void {
  nodeCount = n;
  edgeCount = 0;
  marginalCount = 0;
  from = new Int32Array(edges);
  to = new Int32Array(edges);
  cap = new Int32Array(edges);
  cost = new Float64Array(edges);
  mStart = new Int32Array(edges);
  marginals = new Float64Array(marginalRoom);
}

/** Adds a linear edge and returns its index. */
export function addEdge(tail: i32, head: i32, capacity: i32, unitCost: f64): i32 {
  check(tail, head);
  if (capacity < 0 || capacity > UNBOUNDED) abort("edge capacity out of range");
  return push(tail, head, capacity, unitCost, -1);
}

/** Adds a convex edge with marginals list[at … at + count) (capacity = count) and returns its index. */
export function addConvexEdge(tail: i32, head: i32, list: Float64Array, at: i32, count: i32): i32 {
  check(tail, head);
  for (let i = 1; i < count; i++) {
    if (!(list[at + i] >= list[at + i - 1])) abort("marginals must be nondecreasing");
  }
  if (marginalCount + count > marginals.length) abort("marginals beyond the network's room");
  for (let i = 0; i < count; i++) marginals[marginalCount + i] = list[at + i];
  const e = push(tail, head, count, 0, marginalCount);
  marginalCount += count;
  return e;
}

function check(tail: i32, head: i32): void {
  // The initial shortest-path pass relies on this order instead of a Bellman-Ford with negative costs.
  if (!(tail >= 0 && tail < head && head < nodeCount)) abort("edge breaks the topological order");
}

function push(tail: i32, head: i32, capacity: i32, unitCost: f64, start: i32): i32 {
  if (edgeCount == from.length) abort("edges beyond the network's room");
  const e = edgeCount++;
  from[e] = tail;
  to[e] = head;
  cap[e] = capacity;
  cost[e] = unitCost;
  mStart[e] = start;
  return e;
}

/** Freezes the edges: run tables of the marginals, adjacency (CSR), the cost scale. */
export function finishNetwork(): void {
  const m = edgeCount;
  const n = nodeCount;
  runStart = new Int32Array(marginalCount);
  runEnd = new Int32Array(marginalCount);
  for (let e = 0; e < m; e++) {
    const s = mStart[e];
    if (s < 0) continue;
    const end = s + cap[e];
    for (let i = s; i < end; i++) runStart[i] = i > s && marginals[i - 1] == marginals[i] ? runStart[i - 1] : i;
    for (let i = end - 1; i >= s; i--) runEnd[i] = i < end - 1 && marginals[i + 1] == marginals[i] ? runEnd[i + 1] : i;
  }
  // Arcs leaving each node: arc 2e is edge e forward, arc 2e+1 its reverse; a node's forward arcs first.
  arcStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    arcStart[from[e] + 1]++;
    arcStart[to[e] + 1]++;
  }
  for (let v = 1; v <= n; v++) arcStart[v] += arcStart[v - 1];
  const fill = arcStart.slice(0, n);
  arcs = new Int32Array(2 * m);
  arcHead = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    arcs[fill[from[e]]++] = 2 * e;
    arcHead[2 * e] = to[e];
    arcHead[2 * e + 1] = from[e];
  }
  outEnd = fill.slice();
  for (let e = 0; e < m; e++) arcs[fill[to[e]]++] = 2 * e + 1;
  let max: f64 = 0;
  for (let e = 0; e < m; e++) if (mStart[e] < 0) max = Math.max(max, Math.abs(cost[e]));
  for (let i = 0; i < marginalCount; i++) max = Math.max(max, Math.abs(marginals[i]));
  maxAbsCost = max;
}

/**
 * What can leave `source` and enter `sink` at most: the smaller of their edges' capacities, which bounds
 * the flow (server/planner/solve.ts picks its algorithm by it).
 */
export function flowBound(source: i32, sink: i32): f64 {
  let out: f64 = 0;
  let into: f64 = 0;
  for (let i = arcStart[source]; i < outEnd[source]; i++) out += <f64>cap[arcs[i] >> 1];
  for (let i = outEnd[sink]; i < arcStart[sink + 1]; i++) into += <f64>cap[arcs[i] >> 1];
  return Math.min(out, into);
}
