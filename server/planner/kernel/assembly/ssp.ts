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
 * Its limit: work per augmentation is the size of the disturbed subtree, and every person moved is one
 * augmentation. When demand far exceeds the staff that can be spared, most nodes hang under the few
 * units that still have people (reached through chains of reassignments), so subtrees grow with the
 * flow. server/planner/solve.ts gives such plans to cost scaling (scaling.ts), whose work does not grow with the flow.
 */
import { MinHeap } from "./heap";
import { arcHead, arcStart, arcs as netArcs, cap, cost, edgeCount, from, marginals, maxAbsCost, mStart, nodeCount, outEnd, runEnd, runStart, to, UNBOUNDED } from "./network";

/** In-degree from which a node's uncapacitated linear in-edges are kept in a heap instead of scanned. */
const HEAVY_IN_DEGREE: i32 = 24;

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
  private readonly parArc: Int32Array;
  private readonly firstChild: Int32Array;
  private readonly nextSib: Int32Array;
  private readonly prevSib: Int32Array;
  /** Heavy nodes: every in-edge linear and unbounded, so the forward arc into the node always exists. */
  private readonly heavy: Uint8Array;
  /**
   * Edges that carry flow, linked per tail (out-lists) and per head (in-lists): only their reverse arcs
   * exist, and they are few, so walking these lists beats scanning every edge of a node.
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
  /** The solver's own copy of the arcs, out-arcs to non-heavy heads first (up to lightOutEnd). */
  private readonly arcs: Int32Array;
  private readonly lightOutEnd: Int32Array;
  private stamp: i32 = 0;
  /** The key last taken off the heap in recompute(): no node still waiting can get a lower one. */
  private floorKey: f64 = 0;
  /** Nodes of the current subtree settled so far: the recompute stops once all are. */
  private settled: i32 = 0;

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
    this.arcs = netArcs.slice();
    this.lightOutEnd = new Int32Array(n);
    this.initialArcs();
    this.initialDistances();
    this.initialHeaps();
    this.orderOutArcs();
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

  /** Puts each node's out-arcs into heavy nodes last: relax() reaches those through the stash instead. */
  private orderOutArcs(): void {
    const arcs = this.arcs;
    for (let v = 0; v < nodeCount; v++) {
      let j = arcStart[v];
      for (let i = arcStart[v]; i < outEnd[v]; i++) {
        const a = arcs[i];
        if (this.heavy[arcHead[a]]) continue;
        arcs[i] = arcs[j];
        arcs[j++] = a;
      }
      this.lightOutEnd[v] = j;
    }
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

  private link(v: i32): void {
    const p = arcHead[this.parArc[v] ^ 1];
    const f = this.firstChild[p];
    this.nextSib[v] = f;
    this.prevSib[v] = -1;
    if (f >= 0) this.prevSib[f] = v;
    this.firstChild[p] = v;
  }

  private unlink(v: i32): void {
    const p = arcHead[this.parArc[v] ^ 1];
    const nx = this.nextSib[v];
    const pv = this.prevSib[v];
    if (pv >= 0) this.nextSib[pv] = nx;
    else this.firstChild[p] = nx;
    if (nx >= 0) this.prevSib[nx] = pv;
  }

  /** At zero flow only forward arcs exist and the node order is topological: one pass, exact distances. */
  private initialDistances(): void {
    const n = nodeCount;
    const dist = this.dist;
    const parArc = this.parArc;
    const res = this.res;
    dist[this.source] = 0;
    for (let v = 0; v < n; v++) {
      const dv = dist[v];
      if (dv == Infinity) continue;
      for (let i = arcStart[v]; i < outEnd[v]; i++) {
        const a = netArcs[i];
        if (res[a] <= 0) continue;
        const h = arcHead[a];
        const c = dv + this.now[a];
        if (c < dist[h]) {
          dist[h] = c;
          parArc[h] = a;
        }
      }
    }
    for (let v = 0; v < n; v++) if (parArc[v] >= 0) this.link(v);
  }

  /** A heap per heavy node, of its in-edges keyed by tail distance + cost (the same empty one elsewhere). */
  private initialHeaps(): void {
    this.markHeavy();
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

  /** Heavy nodes: at least HEAVY_IN_DEGREE in-edges, all linear and unbounded. */
  private markHeavy(): void {
    for (let v = 0; v < nodeCount; v++) {
      let heavy = arcStart[v + 1] - outEnd[v] >= HEAVY_IN_DEGREE;
      for (let i = outEnd[v]; i < arcStart[v + 1] && heavy; i++) {
        const e = netArcs[i] >> 1;
        heavy = mStart[e] < 0 && cap[e] == UNBOUNDED;
      }
      this.heavy[v] = heavy ? 1 : 0;
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

  /** Pushes flow along the tree path to the sink, then repairs the tree where that path disturbed it. */
  augment(sink: i32): void {
    const path = this.path;
    const before = this.before;
    const res = this.res;
    const flow = this.flow;
    path.length = 0;
    for (let v = sink; v != this.source; v = arcHead[this.parArc[v] ^ 1]) path.push(this.parArc[v]);
    path.reverse();
    let delta: i32 = i32.MAX_VALUE;
    for (let i = 0; i < path.length; i++) delta = min(delta, this.runAvail(path[i]));
    before.length = 0;
    for (let i = 0; i < path.length; i++) before.push(this.now[path[i]]);
    for (let i = 0; i < path.length; i++) {
      const a = path[i];
      const e = a >> 1;
      flow[e] += (a & 1) == 1 ? -delta : delta;
      res[a] -= delta;
      res[a ^ 1] += delta;
      if (mStart[e] >= 0) {
        this.now[a] = this.unitCost(a);
        this.now[a ^ 1] = this.unitCost(a ^ 1);
      }
      this.trackFlowing(e);
    }
    this.augmentations++;
    // The first arc whose residual changed roots the only subtree whose distances can have changed.
    for (let i = 0; i < path.length; i++) {
      const a = path[i];
      if (res[a] <= 0 || this.now[a] != before[i]) {
        this.recompute(arcHead[a]);
        return;
      }
    }
    abort("augmentation changed no arc"); // cannot happen: delta ends a run
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

  /** Recomputes exact distances for the subtree under root (Dijkstra on reduced costs inside it). */
  private recompute(root: i32): void {
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
    let size = 1;
    subtree[0] = root;
    for (let i = 0; i < size; i++) {
      for (let c = firstChild[subtree[i]]; c >= 0; c = nextSib[c]) subtree[size++] = c;
    }
    // Until a node is settled, dist holds its old distance (the potential of the keys below) and parArc and
    // the child lists its old place in the tree, which most nodes keep: settle() moves only those that change.
    for (let i = 0; i < size; i++) {
      const v = subtree[i];
      mark[v] = stamp;
      best[v] = Infinity;
    }
    this.relabelled += size;

    heap.clear();
    this.floorKey = 0;
    this.stashedLength = 0;
    for (let i = 0; i < size; i++) {
      const v = subtree[i];
      // A node whose one way in is its tree parent's arc has nothing outside the subtree to offer.
      if (v == root || !this.singleEntry(v)) this.seed(v, stamp);
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
    if (this.heavy[v]) this.seedHeavy(v, stamp);
    else {
      // Forward arcs of v's in-edges (stored as their reverses after outEnd).
      for (let i = outEnd[v]; i < arcStart[v + 1]; i++) {
        const a = netArcs[i];
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
    return arcStart[h + 1] - outEnd[h] == 1 && this.outHead[h] < 0 && this.heavy[h] == 0;
  }

  /** Offers v's new distance to the affected nodes it reaches. */
  private relax(v: i32, stamp: i32): void {
    const res = this.res;
    const mark = this.mark;
    const done = this.done;
    const best = this.best;
    const arcs = this.arcs;
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
    for (let i = arcStart[v]; i < this.lightOutEnd[v]; i++) {
      const a = arcs[i];
      if (res[a] <= 0) continue;
      const h = arcHead[a];
      if (mark[h] != stamp || done[h] == stamp) continue;
      const c = dv + this.now[a];
      if (this.singleEntry(h)) {
        // Its only way in is this arc, so its distance is final now: no need to queue it (most classes).
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
