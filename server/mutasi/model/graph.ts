/**
 * One jabatan's part of the mutasi model as a flow network. People move only within their jabatan, so each
 * jabatan is a problem of its own (Z is a sum over positions and persons): at Kota Kupang scale eight
 * networks of ~600 people and 40 positions instead of one of 5,000 × 320.
 *
 *   class c ──(stay / wish cost)──────────────▶ position q ──(convex: balance · ΔD²/h)──▶ sink
 *   class c ──(cost of "another position")──▶ hub ──(0)──▶ every position q
 *
 * A class is the movable people of one current position with the same choice, wishes and points: their
 * costs are the same everywhere, so they are interchangeable. People who may not move are not in the
 * network: they are a fixed headcount of their position. A person's cost to any position that is neither
 * their current one nor a wish is the same constant, so those arcs go through one hub per jabatan instead
 * of one arc per (class, position). The hub also reaches a class's own current and wished positions; that
 * is harmless as long as the hub cost is no lower than the direct arc (a flow through the hub then never
 * beats the direct arc, and decoding it as where the person ends costs no more). When the weights make the
 * hub cheaper than a direct arc (e.g. forced < wish · rank), that class gets direct arcs to every position.
 *
 * Lower bounds: position q must end with at least min(floor, h0) people. The fixed people count towards it;
 * the rest, need[q], is a demand of node q itself (the classic lower-bound transform), and only people
 * beyond it flow on to the sink, whose convex arc starts at the headcount fixed + need.
 */
import type { MutasiInput } from "../../../shared/mutasi.js";
import { balanceTerm, personCost, type Weights } from "./costs.js";

export interface JabatanNetwork {
  /** Global indices (into input.positions) of this jabatan's positions; local position q is positions[q]. */
  positions: Int32Array;
  /** Per class: the staff indices in it, as a CSR (classStart[c] .. classStart[c+1]). */
  classStart: Int32Array;
  classMembers: Int32Array;
  /** Node count: classes 0..C-1, positions C..C+P-1, then hub and sink. */
  nodeCount: number;
  hub: number;
  sink: number;
  /** Edges: tail, head, cost (linear edges), capacity; convex[e] = local position q for sink edges, else -1. */
  tail: Int32Array;
  head: Int32Array;
  cost: Float64Array;
  cap: Int32Array;
  convex: Int32Array;
  /** Per position q: its marginals (mStart[q] .. mStart[q] + cap of its sink edge). */
  mStart: Int32Array;
  marginals: Float64Array;
  /** Supply per class node, demand per position node (need) and of the sink. */
  supply: Int32Array;
  need: Int32Array;
  sinkDemand: number;
  /** Adjacency (CSR over nodes) of arcs: arc 2e is edge e forward, 2e+1 its reverse. */
  arcStart: Int32Array;
  arcs: Int32Array;
  /** Largest |cost| of one unit anywhere: the scale of the numeric tolerance. */
  maxAbsCost: number;
}

/** Effectively unbounded (flows never exceed the staff count). */
const UNBOUNDED = 1 << 30;

export function buildJabatanNetwork(
  input: MutasiInput,
  w: Weights,
  posIndex: ReadonlyMap<string, number>,
  positions: Int32Array,
  staffIdx: Int32Array,
  current: Int32Array,
  h0: Int32Array,
): JabatanNetwork {
  const P = positions.length;
  const local = new Map<number, number>();
  positions.forEach((g, q) => local.set(g, q));
  const fixed = new Int32Array(P);
  const classOf = new Map<string, number>();
  const classKeys: number[][] = [];
  for (const i of staffIdx) {
    const s = input.staff[i]!;
    const q = local.get(current[i]!)!;
    if (!s.movable) {
      fixed[q]!++;
      continue;
    }
    const key = `${q}|${s.choice}|${s.points}|${s.wishes.join("\u0000")}`;
    let c = classOf.get(key);
    if (c === undefined) {
      c = classKeys.length;
      classOf.set(key, c);
      classKeys.push([]);
    }
    classKeys[c]!.push(i);
  }
  const C = classKeys.length;
  const classStart = new Int32Array(C + 1);
  for (let c = 0; c < C; c++) classStart[c + 1] = classStart[c]! + classKeys[c]!.length;
  const classMembers = new Int32Array(classStart[C]!);
  classKeys.forEach((m, c) => classMembers.set(m, classStart[c]!));

  const hub = C + P;
  const sink = C + P + 1;
  const nodeCount = C + P + 2;
  const tail: number[] = [];
  const head: number[] = [];
  const cost: number[] = [];
  const cap: number[] = [];
  const convex: number[] = [];
  const edge = (u: number, v: number, c: number, k: number, q = -1) => {
    tail.push(u);
    head.push(v);
    cost.push(c);
    cap.push(k);
    convex.push(q);
  };
  const supply = new Int32Array(nodeCount);
  let maxAbsCost = 0;
  let usesHub = false;
  for (let c = 0; c < C; c++) {
    const members = classKeys[c]!;
    const s = input.staff[members[0]!]!;
    supply[c] = members.length;
    const cur = local.get(current[members[0]!]!)!;
    const direct = [cur, ...s.wishes.map((id) => local.get(posIndex.get(id)!)!)];
    const directCost = direct.map((q) => personCost(s, input.positions[positions[q]!]!.id, w));
    // The cost of "another position" is the same for every position that is neither current nor wished.
    let otherCost = Infinity;
    for (let q = 0; q < P && otherCost === Infinity; q++) {
      if (!direct.includes(q)) otherCost = personCost(s, input.positions[positions[q]!]!.id, w);
    }
    const viaHub = otherCost !== Infinity && directCost.every((d) => otherCost >= d);
    for (const cst of directCost) maxAbsCost = Math.max(maxAbsCost, cst);
    if (viaHub || otherCost === Infinity) {
      direct.forEach((q, k) => edge(c, C + q, directCost[k]!, UNBOUNDED));
      if (otherCost !== Infinity) {
        edge(c, hub, otherCost, UNBOUNDED);
        usesHub = true;
        maxAbsCost = Math.max(maxAbsCost, otherCost);
      }
    } else {
      for (let q = 0; q < P; q++) {
        const cst = personCost(s, input.positions[positions[q]!]!.id, w);
        edge(c, C + q, cst, UNBOUNDED);
        maxAbsCost = Math.max(maxAbsCost, cst);
      }
    }
  }
  if (usesHub) for (let q = 0; q < P; q++) edge(hub, C + q, 0, UNBOUNDED);

  // Headcount bounds: h ∈ [min(floor, h0), max(capacity, h0)]; the fixed people are in h already.
  const need = new Int32Array(nodeCount);
  const mStart = new Int32Array(P + 1);
  const sinkCap = new Int32Array(P);
  let sinkDemand = 0;
  for (let q = 0; q < P; q++) {
    const g = positions[q]!;
    const p = input.positions[g]!;
    const lower = Math.min(p.floor, h0[g]!);
    const upper = Math.max(p.capacity, h0[g]!);
    const movableHere = h0[g]! - fixed[q]!;
    const n = Math.max(0, lower - fixed[q]!);
    need[C + q] = n;
    sinkDemand += movableHere - n;
    sinkCap[q] = upper - fixed[q]! - n;
    mStart[q + 1] = mStart[q]! + sinkCap[q]!;
  }
  const marginals = new Float64Array(mStart[P]!);
  for (let q = 0; q < P; q++) {
    const p = input.positions[positions[q]!]!;
    const base = fixed[q]! + need[C + q]!;
    for (let k = 0; k < sinkCap[q]!; k++) {
      const m = w.balance * (balanceTerm(p.needFte, base + k + 1) - balanceTerm(p.needFte, base + k));
      marginals[mStart[q]! + k] = m;
      maxAbsCost = Math.max(maxAbsCost, Math.abs(m));
    }
    edge(C + q, sink, 0, sinkCap[q]!, q);
  }

  const m = tail.length;
  const arcStart = new Int32Array(nodeCount + 1);
  for (let e = 0; e < m; e++) {
    arcStart[tail[e]! + 1]!++;
    arcStart[head[e]! + 1]!++;
  }
  for (let v = 0; v < nodeCount; v++) arcStart[v + 1]! += arcStart[v]!;
  const fill = arcStart.slice(0, nodeCount);
  const arcs = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    arcs[fill[tail[e]!]!++] = 2 * e;
    arcs[fill[head[e]!]!++] = 2 * e + 1;
  }
  return {
    positions, classStart, classMembers, nodeCount, hub, sink,
    tail: Int32Array.from(tail), head: Int32Array.from(head), cost: Float64Array.from(cost),
    cap: Int32Array.from(cap), convex: Int32Array.from(convex), mStart, marginals,
    supply, need, sinkDemand, arcStart, arcs, maxAbsCost,
  };
}
