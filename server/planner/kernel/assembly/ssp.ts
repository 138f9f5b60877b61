/**
 * The planner's exact min-cost flow (any amount of flow, not max flow) by successive shortest paths, in
 * AssemblyScript, built to WebAssembly by `npm run build:kernel` (scripts/build-kernel.ts).
 *
 * It solves the network that graph.ts built (network.ts).
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
 *
 * The classes (graph.ts: a unit's people with the same pool and skills) are not searched as nodes. Per
 * unit, a "gadget" keeps the cheapest way through one class from each pool to each hub, from each hub back
 * to each pool (taking someone back) and from hub to hub (someone sent for one skill sent for another),
 * repriced for the classes an augmentation moved people of. These ways are exactly the two-arc paths
 * through class nodes, so distances are the same; on a varied roster, where nearly everyone is a class of
 * their own, a recompute visits a third of the nodes it did (the Kupang-size flood: 221 → 84).
 *
 * Its limit: work per augmentation is the size of the disturbed subtree, and every person moved is one
 * augmentation. When demand far exceeds the staff that can be spared, most nodes hang under the few
 * units that still have people (reached through chains of reassignments), so subtrees grow with the
 * flow. server/planner/solve.ts gives such plans to cost scaling (scaling.ts), whose work does not grow with the flow.
 */
import { C, classMask, classPool, hubEdge, hubNode, hubSkill, hubStart, poolEdge, poolNode, unitCount } from "./graph";
import { MinHeap } from "./heap";
import { arcHead, arcStart, arcs as netArcs, cap, cost, edgeCount, from, K, marginals, maxAbsCost, mStart, nodeCount, outEnd, runEnd, runStart, to, UNBOUNDED } from "./network";

/** In-degree from which a node's uncapacitated linear in-edges are kept in a heap instead of scanned. */
const HEAVY_IN_DEGREE: i32 = 24;

/**
 * Gadget arcs per unit: pool → hub (2·K), hub → pool (2·K), hub → hub (K·K). Each stands for the best
 * two-arc way through one of the unit's classes, so class nodes never enter the search (classes are two
 * thirds of what a recompute would visit on a varied roster), and the way through a class is priced once
 * per (pool, hub), not once per class.
 */
const SLOTS: i32 = 4 * K + K * K;

@inline function phSlot(u: i32, rel: i32, k: i32): i32 {
  return u * SLOTS + rel * K + k;
}

@inline function hpSlot(u: i32, k: i32, rel: i32): i32 {
  return u * SLOTS + 2 * K + 2 * k + rel;
}

@inline function hhSlot(u: i32, k1: i32, k: i32): i32 {
  return u * SLOTS + 4 * K + k1 * K + k;
}

/** Class c's edge into its hub of skill k (its pool edge when c has one skill). */
function hubEdgeOf(c: i32, k: i32): i32 {
  for (let i = hubStart[c]; i < hubStart[c + 1]; i++) if (hubSkill[i] == k) return hubEdge[i];
  return -1;
}

let solver: IncrementalSsp | null = null;

/**
 * Min-cost flow from source to sink; returns 1 when optimal, 0 when more than maxRelabelled node
 * distances were recomputed first (the flow is then feasible, not yet optimal).
 */
export function solve(source: i32, sink: i32, maxRelabelled: f64): i32 {
  const s = new IncrementalSsp(source, sink);
  solver = s;
  // Float rounding of a path sum is far below this; a path this close to 0 changes nothing anyone can see.
  const tol = 1e-12 * Math.max(1, maxAbsCost);
  while (s.dist[sink] < -tol) {
    if (<f64>s.relabelled > maxRelabelled) return 0;
    s.augment(sink);
  }
  return 1;
}

/** The flow per edge of the last solve. */
export function flow(): usize {
  return solver!.flow.dataStart;
}

export function augmentations(): i32 {
  return solver!.augmentations;
}

export function relabelled(): i32 {
  return solver!.relabelled;
}

class IncrementalSsp {
  readonly flow: Int32Array;
  readonly dist: Float64Array;
  augmentations: i32 = 0;
  relabelled: i32 = 0;

  private readonly source: i32;
  /**
   * The sink's residual arcs (back into the needs it is fed by) are never relaxed: a shortest path to
   * the sink never passes through it, and distances that avoid it still only grow. Left in, every need
   * already served, with all its reassignment chains, hung below the sink, so below the best unit, and
   * was recomputed at every augmentation.
   */
  private readonly sink: i32;
  /** Residual capacity per arc, kept in step with flow: the hot loops test it before anything else. */
  private readonly res: Int32Array;
  /** Cost per arc of linear edges (the reverse arc refunds the cost). */
  private readonly linCost: Float64Array;
  /** Per arc, the cost of its next unit (valid while res > 0), kept in step by augment(). */
  private readonly now: Float64Array;
  /** Per node, the arc into it in the tree: a network arc below vbase, gadget slot (a − vbase) above. */
  private readonly parArc: Int32Array;
  private readonly firstChild: Int32Array;
  private readonly nextSib: Int32Array;
  private readonly prevSib: Int32Array;
  /** Heavy nodes: every in-edge linear and unbounded, so the forward arc into the node always exists. */
  private readonly heavy: Uint8Array;
  /**
   * Edges outside the gadgets that carry flow, linked per tail (out-lists) and per head (in-lists): only
   * their reverse arcs exist, and they are few, so walking these lists beats scanning every edge of a node.
   */
  private readonly outHead: Int32Array;
  private readonly inHead: Int32Array;
  private readonly outNext: Int32Array;
  private readonly outPrev: Int32Array;
  private readonly inNext: Int32Array;
  private readonly inPrev: Int32Array;
  private readonly listed: Uint8Array;
  /** Per heavy node: its in-edges keyed by tail distance + cost (lower bounds, refreshed lazily). */
  private readonly heaps: Array<MinHeap>;
  private readonly best: Float64Array;
  private readonly bestArc: Int32Array;
  private readonly mark: Int32Array; // stamp: node is in the current affected subtree
  private readonly done: Int32Array; // stamp: node's new distance is final
  private readonly heap: MinHeap = new MinHeap();
  /** Nodes settled without the heap (their one way in was just settled), waiting to be relaxed. */
  private readonly ready: Int32Array;
  private readyLength: i32 = 0;
  /** The nodes of the current recompute (typed arrays of n, not Arrays: their push is a call that checks capacity). */
  private readonly subtree: Int32Array;
  private readonly path: Array<i32> = [];
  private readonly before: Array<f64> = [];
  /** In-edges of heavy nodes taken out of their heap this round, to put back once their tail is settled. */
  private readonly stashed: Int32Array;
  private stashedLength: i32 = 0;
  /**
   * Per tail node, this round's stashed in-edges of heavy nodes. Only these can lower a heavy node's
   * distance: every other in-edge still in its heap has a key no lower than the seed found there.
   */
  private readonly stashHead: Int32Array;
  private readonly stashStamp: Int32Array;
  private readonly stashNext: Int32Array;
  /**
   * The arcs outside the gadgets, per node from rStart: out-arcs to non-heavy heads (to rLight), to heavy
   * heads (to rOut), then the reverses of its in-edges (to the next node's rStart).
   */
  private readonly rArcs: Int32Array;
  private readonly rStart: Int32Array;
  private readonly rLight: Int32Array;
  private readonly rOut: Int32Array;
  private stamp: i32 = 0;
  /** The key last taken off the heap in recompute(): no node still waiting can get a lower one. */
  private floorKey: f64 = 0;
  /** Nodes of the current subtree settled so far: the recompute stops once all are. */
  private settled: i32 = 0;

  // The unit gadgets. A pool's edges to its classes and the classes' edges to hubs are not searched one
  // by one: per unit, slot s holds the cheapest way through one class from its tail to its head (vCost,
  // Infinity when there is none), by class vVia. Arc id vbase + s names a slot in the tree and on paths.
  private readonly vbase: i32;
  private readonly vCost: Float64Array;
  private readonly vVia: Int32Array;
  private readonly vTail: Int32Array;
  private readonly vHead: Int32Array;
  /** Per node: 1 for a pool, 2 for a hub, 0 otherwise; its unit; its pool's released bit or its hub's skill. */
  private readonly gKind: Uint8Array;
  private readonly gUnit: Int32Array;
  private readonly gSub: Int32Array;
  /** Edges inside a gadget (pool → class, class → hub, pool → hub). */
  private readonly inGadget: Uint8Array;
  /** Per (pool, skill): its classes with that skill, ascending, and each one's edge into the hub. */
  private readonly qkStart: Int32Array;
  private readonly qkClass: Int32Array;
  private readonly qkEdge: Int32Array;
  /**
   * Which slots are open, as skill bits: per pool, its hubs ahead (phOut) and behind (hpInto); per hub,
   * its pools behind (hpFrom, released bit) and the hubs it can switch to (hhOut) or from (hhIn). Most
   * hubs send nobody and have none, so seed() and relax() skip their slots outright.
   */
  private readonly phOut: Int32Array;
  private readonly hpInto: Int32Array;
  private readonly hpFrom: Int32Array;
  private readonly hhOut: Int32Array;
  private readonly hhIn: Int32Array;
  /** Classes whose flow an augmentation changed, and the roots of the subtrees it disturbed. */
  private readonly touched: Int32Array;
  private touchedLength: i32 = 0;
  private readonly roots: Int32Array;
  private rootCount: i32 = 0;

  constructor(source: i32, sink: i32) {
    const n = nodeCount;
    const m = edgeCount;
    this.source = source;
    this.sink = sink;
    this.flow = new Int32Array(m);
    this.res = new Int32Array(2 * m);
    this.linCost = new Float64Array(2 * m);
    this.now = new Float64Array(2 * m);
    this.dist = new Float64Array(n).fill(Infinity);
    this.parArc = new Int32Array(n).fill(-1);
    this.firstChild = new Int32Array(n).fill(-1);
    this.nextSib = new Int32Array(n).fill(-1);
    this.prevSib = new Int32Array(n).fill(-1);
    this.ready = new Int32Array(n);
    this.stashed = new Int32Array(m);
    this.subtree = new Int32Array(n);
    this.best = new Float64Array(n);
    this.bestArc = new Int32Array(n);
    this.mark = new Int32Array(n);
    this.done = new Int32Array(n);
    this.heavy = new Uint8Array(n);
    this.outHead = new Int32Array(n).fill(-1);
    this.inHead = new Int32Array(n).fill(-1);
    this.outNext = new Int32Array(m);
    this.outPrev = new Int32Array(m);
    this.inNext = new Int32Array(m);
    this.inPrev = new Int32Array(m);
    this.listed = new Uint8Array(m);
    this.heaps = new Array<MinHeap>(0);
    this.stashHead = new Int32Array(n);
    this.stashStamp = new Int32Array(n);
    this.stashNext = new Int32Array(m);
    this.rArcs = new Int32Array(2 * m);
    this.rStart = new Int32Array(n + 1);
    this.rLight = new Int32Array(n);
    this.rOut = new Int32Array(n);
    const slots = unitCount * SLOTS;
    this.vbase = 2 * m;
    this.vCost = new Float64Array(slots).fill(Infinity);
    this.vVia = new Int32Array(slots).fill(-1);
    this.vTail = new Int32Array(slots).fill(-1);
    this.vHead = new Int32Array(slots).fill(-1);
    this.gKind = new Uint8Array(n);
    this.gUnit = new Int32Array(n);
    this.gSub = new Int32Array(n);
    this.inGadget = new Uint8Array(m);
    this.qkStart = new Int32Array(2 * unitCount * K + 1);
    this.qkClass = new Int32Array(hubStart[C]);
    this.qkEdge = new Int32Array(hubStart[C]);
    this.phOut = new Int32Array(2 * unitCount);
    this.hpInto = new Int32Array(2 * unitCount);
    this.hpFrom = new Int32Array(unitCount * K);
    this.hhOut = new Int32Array(unitCount * K);
    this.hhIn = new Int32Array(unitCount * K);
    this.touched = new Int32Array(n);
    this.roots = new Int32Array(n + 1);
    this.initialArcs();
    this.initialGadgets();
    this.markHeavy();
    this.orderArcs();
    this.initialDistances();
    this.initialHeaps();
  }

  /** Residuals and next-unit costs at zero flow. */
  private initialArcs(): void {
    const m = edgeCount;
    const res = this.res;
    const linCost = this.linCost;
    const now = this.now;
    for (let e = 0; e < m; e++) {
      const c = cost[e];
      res[2 * e] = cap[e];
      linCost[2 * e] = c;
      linCost[2 * e + 1] = -c;
      const s = mStart[e];
      // At zero flow a convex arc's next unit is its first marginal; its reverse has nothing to give back.
      now[2 * e] = s < 0 ? c : cap[e] > 0 ? marginals[s] : 0;
      now[2 * e + 1] = s < 0 ? -c : 0;
    }
  }

  /** The gadgets' nodes, edges, class lists and slots; at zero flow only pool → hub slots exist. */
  private initialGadgets(): void {
    const U = unitCount;
    for (let q = 0; q < 2 * U; q++) {
      const v = poolNode[q];
      if (v < 0) continue;
      this.gKind[v] = 1;
      this.gUnit[v] = q >> 1;
      this.gSub[v] = q & 1;
    }
    for (let h = 0; h < U * K; h++) {
      const v = hubNode[h];
      if (v < 0) continue;
      this.gKind[v] = 2;
      this.gUnit[v] = h / K;
      this.gSub[v] = h % K;
    }
    const qkStart = this.qkStart;
    for (let c = 0; c < C; c++) {
      this.inGadget[poolEdge[c]] = 1;
      for (let i = hubStart[c]; i < hubStart[c + 1]; i++) {
        this.inGadget[hubEdge[i]] = 1;
        qkStart[classPool[c] * K + hubSkill[i] + 1]++;
      }
    }
    for (let i = 0; i < 2 * U * K; i++) qkStart[i + 1] += qkStart[i];
    const fill = qkStart.slice(0, 2 * U * K);
    for (let c = 0; c < C; c++) {
      for (let i = hubStart[c]; i < hubStart[c + 1]; i++) {
        const j = fill[classPool[c] * K + hubSkill[i]]++;
        this.qkClass[j] = c;
        this.qkEdge[j] = hubEdge[i];
      }
    }
    for (let u = 0; u < U; u++) {
      for (let k = 0; k < K; k++) {
        const hub = hubNode[u * K + k];
        if (hub < 0) continue;
        for (let rel = 0; rel < 2; rel++) {
          const pool = poolNode[2 * u + rel];
          if (pool < 0) continue;
          this.vTail[phSlot(u, rel, k)] = pool;
          this.vHead[phSlot(u, rel, k)] = hub;
          this.vTail[hpSlot(u, k, rel)] = hub;
          this.vHead[hpSlot(u, k, rel)] = pool;
          this.priceForward(u, rel, k);
        }
        for (let k1 = 0; k1 < K; k1++) {
          const from1 = hubNode[u * K + k1];
          if (k1 == k || from1 < 0) continue;
          this.vTail[hhSlot(u, k1, k)] = from1;
          this.vHead[hhSlot(u, k1, k)] = hub;
        }
      }
    }
  }

  /** Pool → hub: the class of the pool with that skill whose next member costs least (then the first). */
  private priceForward(u: i32, rel: i32, k: i32): void {
    const q = (2 * u + rel) * K + k;
    let bestCost = Infinity;
    let via = -1;
    for (let i = this.qkStart[q]; i < this.qkStart[q + 1]; i++) {
      const c = this.qkClass[i];
      const a = 2 * poolEdge[c];
      if (this.res[a] > 0 && this.now[a] < bestCost) {
        bestCost = this.now[a];
        via = c;
      }
    }
    this.setSlot(phSlot(u, rel, k), bestCost, via);
    const q2 = 2 * u + rel;
    this.phOut[q2] = via < 0 ? this.phOut[q2] & ~(1 << k) : this.phOut[q2] | (1 << k);
  }

  /** Hub → pool: take back the costliest member that a class of the pool sends to the hub. */
  private priceBack(u: i32, k: i32, rel: i32): void {
    const q = (2 * u + rel) * K + k;
    let bestCost = Infinity;
    let via = -1;
    for (let i = this.qkStart[q]; i < this.qkStart[q + 1]; i++) {
      if (this.flow[this.qkEdge[i]] <= 0) continue;
      const c = this.qkClass[i];
      const a = 2 * poolEdge[c] + 1;
      if (this.now[a] < bestCost) {
        bestCost = this.now[a];
        via = c;
      }
    }
    this.setSlot(hpSlot(u, k, rel), bestCost, via);
    const q2 = 2 * u + rel;
    const h = u * K + k;
    if (via < 0) {
      this.hpInto[q2] &= ~(1 << k);
      this.hpFrom[h] &= ~(1 << rel);
    } else {
      this.hpInto[q2] |= 1 << k;
      this.hpFrom[h] |= 1 << rel;
    }
  }

  /** Hub → hub, free: a class that sends someone to hub k1 and has skill k sends them to k instead. */
  private priceSwitch(u: i32, k1: i32, k: i32): void {
    let via = -1;
    for (let rel = 0; rel < 2 && via < 0; rel++) {
      const q = (2 * u + rel) * K + k1;
      for (let i = this.qkStart[q]; i < this.qkStart[q + 1]; i++) {
        const c = this.qkClass[i];
        if (this.flow[this.qkEdge[i]] > 0 && ((classMask[c] >> k) & 1) == 1) {
          via = c;
          break;
        }
      }
    }
    this.setSlot(hhSlot(u, k1, k), via < 0 ? Infinity : 0, via);
    const from1 = u * K + k1;
    const to1 = u * K + k;
    if (via < 0) {
      this.hhOut[from1] &= ~(1 << k);
      this.hhIn[to1] &= ~(1 << k1);
    } else {
      this.hhOut[from1] |= 1 << k;
      this.hhIn[to1] |= 1 << k1;
    }
  }

  /** A slot's new price; a tree arc whose price rose roots a subtree to recompute. */
  @inline private setSlot(s: i32, price: f64, via: i32): void {
    const old = this.vCost[s];
    this.vCost[s] = price;
    this.vVia[s] = via;
    if (price > old) {
      const h = this.vHead[s];
      if (this.parArc[h] == this.vbase + s) this.roots[this.rootCount++] = h;
    }
  }

  /** Every slot through class c, after its flow changed. */
  private repriceClass(c: i32): void {
    const u = classPool[c] >> 1;
    const rel = classPool[c] & 1;
    const mask = classMask[c];
    for (let m = mask; m != 0; m &= m - 1) {
      const k = ctz(m);
      this.priceForward(u, rel, k);
      this.priceBack(u, k, rel);
      for (let m2 = mask & ~(1 << k); m2 != 0; m2 &= m2 - 1) this.priceSwitch(u, k, ctz(m2));
    }
  }

  /** Heavy nodes: at least HEAVY_IN_DEGREE in-edges, all linear and unbounded. */
  private markHeavy(): void {
    for (let v = 0; v < nodeCount; v++) {
      let heavy = arcStart[v + 1] - outEnd[v] >= HEAVY_IN_DEGREE && this.gKind[v] == 0;
      for (let i = outEnd[v]; i < arcStart[v + 1] && heavy; i++) {
        const e = netArcs[i] >> 1;
        heavy = mStart[e] < 0 && cap[e] == UNBOUNDED && this.inGadget[e] == 0;
      }
      this.heavy[v] = heavy ? 1 : 0;
    }
  }

  /** The arcs outside the gadgets, per node: out-arcs to non-heavy heads, to heavy heads, in-arcs reversed. */
  private orderArcs(): void {
    const rArcs = this.rArcs;
    let j = 0;
    for (let v = 0; v < nodeCount; v++) {
      this.rStart[v] = j;
      for (let i = arcStart[v]; i < outEnd[v]; i++) {
        const a = netArcs[i];
        if (this.inGadget[a >> 1] == 0 && this.heavy[arcHead[a]] == 0) rArcs[j++] = a;
      }
      this.rLight[v] = j;
      for (let i = arcStart[v]; i < outEnd[v]; i++) {
        const a = netArcs[i];
        if (this.inGadget[a >> 1] == 0 && this.heavy[arcHead[a]] == 1) rArcs[j++] = a;
      }
      this.rOut[v] = j;
      for (let i = outEnd[v]; i < arcStart[v + 1]; i++) {
        const a = netArcs[i];
        if (this.inGadget[a >> 1] == 0) rArcs[j++] = a;
      }
    }
    this.rStart[nodeCount] = j;
  }

  /** Cost of the next unit on arc a from the marginals (0 for a convex arc with nothing left). */
  private unitCost(a: i32): f64 {
    const e = a >> 1;
    const s = mStart[e];
    if (s < 0) return this.linCost[a];
    if (this.res[a] <= 0) return 0;
    return (a & 1) == 1 ? -marginals[s + this.flow[e] - 1] : marginals[s + this.flow[e]];
  }

  /** Units that can cross arc a at its current marginal cost. */
  private runAvail(a: i32): i32 {
    const e = a >> 1;
    const s = mStart[e];
    if (s < 0) return this.res[a];
    const i = s + this.flow[e];
    return (a & 1) == 1 ? i - runStart[i - 1] : runEnd[i] - i + 1;
  }

  @inline private tailOf(a: i32): i32 {
    return a < this.vbase ? arcHead[a ^ 1] : this.vTail[a - this.vbase];
  }

  private link(v: i32): void {
    const p = this.tailOf(this.parArc[v]);
    const f = this.firstChild[p];
    this.nextSib[v] = f;
    this.prevSib[v] = -1;
    if (f >= 0) this.prevSib[f] = v;
    this.firstChild[p] = v;
  }

  private unlink(v: i32): void {
    const p = this.tailOf(this.parArc[v]);
    const nx = this.nextSib[v];
    const pv = this.prevSib[v];
    if (pv >= 0) this.nextSib[pv] = nx;
    else this.firstChild[p] = nx;
    if (nx >= 0) this.prevSib[nx] = pv;
  }

  /**
   * At zero flow only forward arcs exist and the node order is topological (pools before hubs): one pass,
   * exact distances. Class nodes stay out of the tree.
   */
  private initialDistances(): void {
    const n = nodeCount;
    const dist = this.dist;
    const parArc = this.parArc;
    const res = this.res;
    const rArcs = this.rArcs;
    dist[this.source] = 0;
    for (let v = 0; v < n; v++) {
      const dv = dist[v];
      if (dv == Infinity) continue;
      for (let i = this.rStart[v]; i < this.rOut[v]; i++) {
        const a = rArcs[i];
        if (res[a] <= 0) continue;
        const h = arcHead[a];
        const c = dv + this.now[a];
        if (c < dist[h]) {
          dist[h] = c;
          parArc[h] = a;
        }
      }
      if (this.gKind[v] != 1) continue;
      for (let k = 0; k < K; k++) {
        const s = phSlot(this.gUnit[v], this.gSub[v], k);
        const c = dv + this.vCost[s];
        const h = this.vHead[s];
        if (c < Infinity && c < dist[h]) {
          dist[h] = c;
          parArc[h] = this.vbase + s;
        }
      }
    }
    for (let v = 0; v < n; v++) if (parArc[v] >= 0) this.link(v);
  }

  /** A heap per heavy node, of its in-edges keyed by tail distance + cost (the same empty one elsewhere). */
  private initialHeaps(): void {
    const n = nodeCount;
    const none = new MinHeap();
    for (let v = 0; v < n; v++) {
      if (!this.heavy[v]) {
        this.heaps.push(none);
        continue;
      }
      const degree = arcStart[v + 1] - outEnd[v];
      const keys = new Float64Array(degree + 4);
      const edges = new Int32Array(degree + 4);
      this.heaps.push(MinHeap.of(keys, edges, this.reachedInEdges(v, keys, edges)));
    }
  }

  /** Writes v's in-edges whose tail is reached, keyed by tail distance + cost; returns how many. */
  private reachedInEdges(v: i32, keys: Float64Array, edges: Int32Array): i32 {
    let size = 0;
    for (let i = outEnd[v]; i < arcStart[v + 1]; i++) {
      const e = netArcs[i] >> 1;
      const d = this.dist[from[e]];
      if (d == Infinity) continue;
      keys[size] = d + cost[e];
      edges[size++] = e;
    }
    return size;
  }

  /** Moves delta units over edge e, forward or back. */
  private push(e: i32, forward: bool, delta: i32): void {
    const a = forward ? 2 * e : 2 * e + 1;
    this.flow[e] += forward ? delta : -delta;
    this.res[a] -= delta;
    this.res[a ^ 1] += delta;
    if (mStart[e] >= 0) {
      this.now[a] = this.unitCost(a);
      this.now[a ^ 1] = this.unitCost(a ^ 1);
    }
  }

  /** Units that can cross gadget slot s by its class at its current price. */
  private slotAvail(s: i32): i32 {
    const c = this.vVia[s];
    const local = s % SLOTS;
    if (local < 2 * K) return this.runAvail(2 * poolEdge[c]);
    if (local < 4 * K) return min(this.flow[hubEdgeOf(c, (local - 2 * K) >> 1)], this.runAvail(2 * poolEdge[c] + 1));
    return this.flow[hubEdgeOf(c, (local - 4 * K) / K)];
  }

  /** Moves delta units across gadget slot s: over the edges of its class. */
  private pushSlot(s: i32, delta: i32): void {
    const c = this.vVia[s];
    const pe = poolEdge[c];
    const local = s % SLOTS;
    if (local < 2 * K) {
      this.push(pe, true, delta);
      const he = hubEdgeOf(c, local % K);
      if (he != pe) this.push(he, true, delta);
    } else if (local < 4 * K) {
      const he = hubEdgeOf(c, (local - 2 * K) >> 1);
      if (he != pe) this.push(he, false, delta);
      this.push(pe, false, delta);
    } else {
      const t = local - 4 * K;
      this.push(hubEdgeOf(c, t / K), false, delta);
      this.push(hubEdgeOf(c, t % K), true, delta);
    }
    this.touched[this.touchedLength++] = c;
  }

  /** Pushes flow along the tree path to the sink, then repairs the tree where that path disturbed it. */
  augment(sink: i32): void {
    const path = this.path;
    const before = this.before;
    const res = this.res;
    const vbase = this.vbase;
    path.length = 0;
    for (let v = sink; v != this.source; v = this.tailOf(this.parArc[v])) path.push(this.parArc[v]);
    path.reverse();
    let delta: i32 = i32.MAX_VALUE;
    for (let i = 0; i < path.length; i++) {
      const a = path[i];
      delta = min(delta, a < vbase ? this.runAvail(a) : this.slotAvail(a - vbase));
    }
    before.length = 0;
    for (let i = 0; i < path.length; i++) before.push(path[i] < vbase ? this.now[path[i]] : 0);
    this.touchedLength = 0;
    for (let i = 0; i < path.length; i++) {
      const a = path[i];
      if (a >= vbase) {
        this.pushSlot(a - vbase, delta);
        continue;
      }
      const e = a >> 1;
      this.push(e, (a & 1) == 0, delta);
      this.trackFlowing(e);
    }
    this.augmentations++;
    // The first network arc whose residual or cost changed roots the subtree below it. A slot's price only
    // rises when people cross it (its class's next member costs no less, the one taken back no more), and
    // repriceClass() roots every tree slot whose price rose, on the path or off it.
    this.rootCount = 0;
    for (let i = 0; i < path.length; i++) {
      const a = path[i];
      if (a < vbase && (res[a] <= 0 || this.now[a] != before[i])) {
        this.roots[this.rootCount++] = arcHead[a];
        break;
      }
    }
    for (let i = 0; i < this.touchedLength; i++) this.repriceClass(this.touched[i]);
    // None when the run that ended was a class's and another class of the gadget offers the same price:
    // then every tree arc still costs what it did, and every distance stands.
    if (this.rootCount > 0) this.recompute();
  }

  private trackFlowing(e: i32): void {
    const carries = this.flow[e] > 0;
    if (carries == (this.listed[e] == 1)) return;
    const v = from[e];
    const w = to[e];
    const outHead = this.outHead;
    const outNext = this.outNext;
    const outPrev = this.outPrev;
    const inHead = this.inHead;
    const inNext = this.inNext;
    const inPrev = this.inPrev;
    if (carries) {
      this.listed[e] = 1;
      outNext[e] = outHead[v];
      outPrev[e] = -1;
      if (outHead[v] >= 0) outPrev[outHead[v]] = e;
      outHead[v] = e;
      inNext[e] = inHead[w];
      inPrev[e] = -1;
      if (inHead[w] >= 0) inPrev[inHead[w]] = e;
      inHead[w] = e;
    } else {
      this.listed[e] = 0;
      if (outPrev[e] >= 0) outNext[outPrev[e]] = outNext[e];
      else outHead[v] = outNext[e];
      if (outNext[e] >= 0) outPrev[outNext[e]] = outPrev[e];
      if (inPrev[e] >= 0) inNext[inPrev[e]] = inNext[e];
      else inHead[w] = inNext[e];
      if (inNext[e] >= 0) inPrev[inNext[e]] = inPrev[e];
    }
  }

  /** Recomputes exact distances for the subtrees under the roots (Dijkstra on reduced costs inside them). */
  private recompute(): void {
    const subtree = this.subtree;
    const mark = this.mark;
    const best = this.best;
    const firstChild = this.firstChild;
    const nextSib = this.nextSib;
    const dist = this.dist;
    const parArc = this.parArc;
    const done = this.done;
    const heap = this.heap;
    const stamp = ++this.stamp;
    let size = 0;
    for (let r = 0; r < this.rootCount; r++) {
      const root = this.roots[r];
      if (mark[root] == stamp) continue; // below an earlier root
      mark[root] = stamp;
      let i = size;
      subtree[size++] = root;
      for (; i < size; i++) {
        for (let c = firstChild[subtree[i]]; c >= 0; c = nextSib[c]) {
          // A root gathered earlier: its subtree is in already.
          if (mark[c] == stamp) continue;
          mark[c] = stamp;
          subtree[size++] = c;
        }
      }
    }
    // Until a node is settled, dist holds its old distance (the potential of the keys below) and parArc and
    // the child lists its old place in the tree, which most nodes keep: settle() moves only those that change.
    for (let i = 0; i < size; i++) best[subtree[i]] = Infinity;
    this.relabelled += size;

    heap.clear();
    this.floorKey = 0;
    this.stashedLength = 0;
    // The loop below skips nodes with one way in; a root's may be what changed.
    for (let r = 0; r < this.rootCount; r++) if (this.singleEntry(this.roots[r])) this.seed(this.roots[r], stamp);
    for (let i = 0; i < size; i++) {
      const v = subtree[i];
      // A node whose one way in is its tree parent's arc has nothing outside the subtree to offer.
      if (!this.singleEntry(v)) this.seed(v, stamp);
      if (best[v] < Infinity) heap.push(Math.max(0, best[v] - dist[v]), v);
    }
    // Once every node is settled, what is left in the heap is stale (most seeds: their nodes were settled
    // along their tree arc first), so the loop stops there instead of popping it all.
    this.settled = 0;
    while (heap.size > 0 && this.settled < size) {
      const key = heap.topKey();
      const v = heap.pop();
      if (done[v] == stamp || key != Math.max(0, best[v] - dist[v])) continue;
      this.floorKey = key;
      this.settle(v, best[v], this.bestArc[v], stamp);
      this.relax(v, stamp);
      while (this.readyLength > 0) this.relax(this.ready[--this.readyLength], stamp);
    }
    // Unreached now means unreachable for good: out of the tree.
    if (this.settled < size) {
      for (let i = 0; i < size; i++) {
        const v = subtree[i];
        if (done[v] == stamp) continue;
        this.unlink(v);
        parArc[v] = -1;
        dist[v] = Infinity;
      }
    }
    for (let i = 0; i < this.stashedLength; i++) {
      const e = this.stashed[i];
      const d = dist[from[e]];
      if (d < Infinity) this.heaps[to[e]].push(d + cost[e], e);
    }
  }

  /** Best way into affected node v from outside the affected subtree, whose distances are still exact. */
  private seed(v: i32, stamp: i32): void {
    const res = this.res;
    const mark = this.mark;
    const dist = this.dist;
    const best = this.best;
    const bestArc = this.bestArc;
    const rArcs = this.rArcs;
    if (this.heavy[v]) this.seedHeavy(v, stamp);
    else {
      // Forward arcs of v's in-edges (stored as their reverses).
      for (let i = this.rOut[v]; i < this.rStart[v + 1]; i++) {
        const a = rArcs[i];
        const r = a ^ 1;
        if (res[r] <= 0) continue;
        const w = arcHead[a];
        if (mark[w] == stamp) continue;
        const dw = dist[w];
        if (dw == Infinity) continue;
        const c = dw + this.now[r];
        if (c < best[v]) {
          best[v] = c;
          bestArc[v] = r;
        }
      }
    }
    // Reverse arcs of v's out-edges that carry flow.
    for (let e = this.outHead[v]; e >= 0; e = this.outNext[e]) {
      const w = to[e];
      if (mark[w] == stamp || w == this.sink) continue;
      const dw = dist[w];
      if (dw == Infinity) continue;
      const r = 2 * e + 1;
      const c = dw + this.now[r];
      if (c < best[v]) {
        best[v] = c;
        bestArc[v] = r;
      }
    }
    const kind = this.gKind[v];
    if (kind == 0) return;
    const u = this.gUnit[v];
    const sub = this.gSub[v];
    if (kind == 1) {
      for (let m = this.hpInto[2 * u + sub]; m != 0; m &= m - 1) this.seedSlot(v, hpSlot(u, ctz(m), sub), stamp);
    } else {
      this.seedSlot(v, phSlot(u, 0, sub), stamp);
      this.seedSlot(v, phSlot(u, 1, sub), stamp);
      for (let m = this.hhIn[u * K + sub]; m != 0; m &= m - 1) this.seedSlot(v, hhSlot(u, ctz(m), sub), stamp);
    }
  }

  @inline private seedSlot(v: i32, s: i32, stamp: i32): void {
    const price = this.vCost[s];
    if (price == Infinity) return;
    const w = this.vTail[s];
    if (this.mark[w] == stamp) return;
    const c = this.dist[w] + price;
    if (c < this.best[v]) {
      this.best[v] = c;
      this.bestArc[v] = this.vbase + s;
    }
  }

  /** The cheapest unaffected in-edge of a heavy node, from its heap of lower bounds. */
  private seedHeavy(v: i32, stamp: i32): void {
    const h = this.heaps[v];
    while (h.size > 0) {
      const key = h.topKey();
      const e = h.topNode();
      const w = from[e];
      const dw = this.dist[w];
      if (this.mark[w] == stamp) {
        h.pop(); // its distance is being recomputed: put back once known
        this.stashed[this.stashedLength++] = e; // at most once a round: an edge is in its heap once
        if (this.stashStamp[w] != stamp) {
          this.stashStamp[w] = stamp;
          this.stashHead[w] = -1;
        }
        this.stashNext[e] = this.stashHead[w];
        this.stashHead[w] = e;
      } else if (dw == Infinity) {
        h.pop(); // unreachable for good
      } else if (key < dw + cost[e]) {
        h.replaceTop(dw + cost[e], e); // a lower bound gone stale: distances only grow
      } else {
        const c = dw + cost[e];
        if (c < this.best[v]) {
          this.best[v] = c;
          this.bestArc[v] = 2 * e;
        }
        return;
      }
    }
  }

  /** True when node h has exactly one residual arc in: its one in-edge, and no out-edge carries flow. */
  @inline private singleEntry(h: i32): bool {
    return this.rStart[h + 1] - this.rOut[h] == 1 && this.outHead[h] < 0 && this.heavy[h] == 0 && this.gKind[h] == 0;
  }

  /** Offers v's new distance to the affected nodes it reaches. */
  private relax(v: i32, stamp: i32): void {
    const res = this.res;
    const mark = this.mark;
    const done = this.done;
    const best = this.best;
    const rArcs = this.rArcs;
    if (v == this.sink) return;
    const dv = this.dist[v];
    if (this.stashStamp[v] == stamp) {
      for (let e = this.stashHead[v]; e >= 0; e = this.stashNext[e]) {
        const h = to[e];
        if (done[h] == stamp) continue;
        const c = dv + cost[e];
        if (c < best[h]) this.offer(h, c, 2 * e, stamp);
      }
    }
    for (let i = this.rStart[v]; i < this.rLight[v]; i++) {
      const a = rArcs[i];
      if (res[a] <= 0) continue;
      const h = arcHead[a];
      if (mark[h] != stamp || done[h] == stamp) continue;
      const c = dv + this.now[a];
      if (this.singleEntry(h)) {
        // Its only way in is this arc, so its distance is final now: no need to queue it.
        this.settle(h, c, a, stamp);
        this.ready[this.readyLength++] = h;
      } else if (c < best[h]) this.offer(h, c, a, stamp);
    }
    // Reverse arcs of v's in-edges that carry flow.
    for (let e = this.inHead[v]; e >= 0; e = this.inNext[e]) {
      const h = from[e];
      if (mark[h] != stamp || done[h] == stamp) continue;
      const a = 2 * e + 1;
      const c = dv + this.now[a];
      if (c < best[h]) this.offer(h, c, a, stamp);
    }
    const kind = this.gKind[v];
    if (kind == 0) return;
    const u = this.gUnit[v];
    const sub = this.gSub[v];
    if (kind == 1) {
      for (let m = this.phOut[2 * u + sub]; m != 0; m &= m - 1) this.relaxSlot(dv, phSlot(u, sub, ctz(m)), stamp);
    } else {
      const h = u * K + sub;
      for (let m = this.hpFrom[h]; m != 0; m &= m - 1) this.relaxSlot(dv, hpSlot(u, sub, ctz(m)), stamp);
      for (let m = this.hhOut[h]; m != 0; m &= m - 1) this.relaxSlot(dv, hhSlot(u, sub, ctz(m)), stamp);
    }
  }

  @inline private relaxSlot(dv: f64, s: i32, stamp: i32): void {
    const price = this.vCost[s];
    if (price == Infinity) return;
    const h = this.vHead[s];
    if (this.mark[h] != stamp || this.done[h] == stamp) return;
    const c = dv + price;
    if (c < this.best[h]) this.offer(h, c, this.vbase + s, stamp);
  }

  /** Node v's distance is final: c, by arc a. */
  @inline private settle(v: i32, c: f64, a: i32, stamp: i32): void {
    this.done[v] = stamp;
    this.dist[v] = c;
    if (a != this.parArc[v]) {
      this.unlink(v);
      this.parArc[v] = a;
      this.link(v);
    }
    this.settled++;
  }

  /**
   * A better way into affected node h: c by arc a. When its rise over the old distance is no more than the
   * heap's last key, nothing waiting can beat it, so h is final at once (most nodes rise by exactly the
   * root's rise, along the old tree): it skips the heap, and the offers still to come see it done.
   */
  @inline private offer(h: i32, c: f64, a: i32, stamp: i32): void {
    const key = Math.max(0, c - this.dist[h]); // h is not settled: its old distance
    if (key <= this.floorKey) {
      this.settle(h, c, a, stamp);
      this.ready[this.readyLength++] = h;
      return;
    }
    this.best[h] = c;
    this.bestArc[h] = a;
    this.heap.push(key, h);
  }
}
