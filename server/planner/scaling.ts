/**
 * Exact min-cost flow by cost scaling (Goldberg & Tarjan's push-relabel with Goldberg's partial
 * augment-relabel, global price updates, price refinement and early termination, as in CS2 and LEMON),
 * for plans that move many people: its work depends on the size of the graph and on the number of
 * scaling phases, not on the amount of flow, which successive shortest paths pay for per person moved.
 *
 * A circulation with prices π is ε-optimal when every residual arc has reduced cost c + π(tail) − π(head)
 * ≥ −ε (residual.ts merges the sink into the source, so any amount of flow is a circulation). The zero
 * circulation is C-optimal (C = the largest |cost|); each phase divides ε by ALPHA, saturates the arcs
 * that break the new ε and moves the excess this makes along arcs of negative reduced cost, lowering the
 * price of nodes that have none. Convex edges are priced per unit, as in the other solvers.
 *
 * Why the result is exact: whenever new prices alone make the flow ε-optimal, the solver also tries for
 * prices under which no residual arc has a negative reduced cost at all (beyond float noise); that
 * succeeds exactly when the flow is optimal, and is where it normally stops (`exact`). Failing that, the
 * phases go on down to float noise, and the flow must still leave every residual arc at ≥ −FINAL_EPS·C,
 * ten times tighter than what the network simplex accepts. A final pass re-derives every reduced cost from the prices; should it ever
 * disagree (float trouble), `finished` is false and the caller falls back to the simplex.
 */
import type { Network } from "./network.js";
import { ArcKind, residualGraph } from "./residual.js";

// Module constants, not imported bindings: the hot loops compare against these at every arc.
const { LINEAR, CONVEX_FORWARD } = ArcKind;

export type ScalingResult = {
  /** Flow on each edge of the network. */
  flow: Int32Array;
  /** False when the final check failed: the flow must not be trusted. */
  finished: boolean;
  /** True when prices prove the flow optimal outright (no residual arc below −float noise). */
  exact: boolean;
  phases: number;
  relabels: number;
  priceUpdates: number;
};

/** Factor by which ε shrinks per phase (8 to 32 measured alike; 64 and more were much slower). */
const ALPHA = 16;
/** The certificate every result must pass, relative to the largest |cost| (the simplex accepts 1e-11). */
const FINAL_EPS = 1e-12;
/**
 * Float noise in a reduced cost, relative to the largest |cost| or price: 16 units in the last place.
 * The exact certificate allows this much, and when the flow is not yet provably optimal at FINAL_EPS
 * (weights far apart, as priority 1e9 with distance 1e-3, leave the small costs unsettled there), the
 * phases go on down to it, but not below: a relabel must still lower a price by a representable step.
 */
const NOISE = 2 ** -48;
/** Relabels per node between two global price updates (1 to 4 measured alike on the starved plans). */
const UPDATE_EVERY = 2;
/** Longest walk of a partial augmentation (LEMON's default). */
const MAX_WALK = 4;
/** Passes over the arcs a price fit may take before it gives up (it also stops at a negative cycle). */
const FIT_PASSES = 16;
/** Dial buckets of the price update: its distances, in units of ε, stay far below this in practice. */
const MAX_LEVEL = 4096;

/** Min-cost flow from source to sink (any amount) by cost scaling; see the module comment for exactness. */
export function costScalingFlow(net: Network, source: number, sink: number): ScalingResult {
  return new CostScaling(net, source, sink).run();
}

class CostScaling {
  private readonly n: number;
  // The residual graph (see residual.ts for what each array holds).
  private readonly first: Int32Array;
  private readonly split: Int32Array;
  private readonly head: Int32Array;
  private readonly mate: Int32Array;
  private readonly res: Int32Array;
  private readonly capE: Int32Array;
  private readonly cost: Float64Array;
  private readonly kind: Uint8Array;
  private readonly mStart: Int32Array;
  private readonly marginals: Float64Array;
  private readonly edgeArc: Int32Array;
  /**
   * Per arc, the cost of its next unit (valid while it has residual capacity), and in `back` the same for
   * its mate: kept up to date by move(), so that the scans read one array in order instead of looking a
   * convex arc's marginal up through mStart, capE and res at every visit.
   */
  private readonly now: Float64Array;
  private readonly back: Float64Array;
  /**
   * Heavy nodes have hundreds of in-edges of which few carry flow, and only those give a residual
   * reverse arc. While they have residual capacity, such reverse arcs are kept in a list per node, so
   * that searching and relabelling a heavy node skip the rest. An arc joins the list with a positive
   * reduced cost (flow just crossed its mate at a negative one), so adding it at the front never hides
   * an admissible arc from the node's cursor.
   */
  private readonly heavy: Uint8Array;
  private readonly listHead: Int32Array;
  private readonly listNext: Int32Array;
  private readonly listPrev: Int32Array;
  /** Per heavy node: where its search resumes in its list (−1: at the end). */
  private readonly listCursor: Int32Array;

  private readonly pi: Float64Array;
  private readonly excess: Float64Array;
  /** Per node: where its search for an admissible arc resumes (valid until the node is relabelled). */
  private readonly current: Int32Array;
  private readonly queue: Int32Array;
  private readonly queued: Uint8Array;
  /** Tail and size of the queue while fitPrices runs (relax() appends to it). */
  private qTail = 0;
  private qSize = 0;
  /** The current partial augmentation: its arcs, and the node each leaves from. */
  private readonly walk = new Int32Array(MAX_WALK);
  private readonly walkTail = new Int32Array(MAX_WALK);
  /** Heads of the arcs the last augmentation moved flow along (they may have excess now). */
  private readonly touched = new Int32Array(MAX_WALK);
  private touchedCount = 0;
  /** Left by a failed nextAdmissible for relabel(): where that scan began, and its best π(head) − cost. */
  private scannedFrom = 0;
  private scannedBest = -Infinity;
  private readonly maxCost: number;
  private eps = 0;
  private relabelsSinceUpdate = 0;
  private phases = 0;
  private relabels = 0;
  private priceUpdates = 0;
  // Scratch for price updates and fits.
  private readonly dist: Float64Array;
  private readonly seen: Int32Array;
  private readonly parent: Int32Array;
  private stamp = 0;
  private readonly bucketHead: Int32Array;
  private entryNode: Int32Array;
  private entryNext: Int32Array;

  constructor(net: Network, source: number, sink: number) {
    const n = net.nodeCount;
    this.n = n;
    const r = residualGraph(net, source, sink);
    this.first = r.first;
    this.split = r.split;
    this.head = r.head;
    this.mate = r.mate;
    this.res = r.res;
    this.capE = r.capE;
    this.cost = r.cost;
    this.kind = r.kind;
    this.mStart = r.mStart;
    this.edgeArc = r.edgeArc;
    this.heavy = r.heavy;
    this.marginals = net.marginals;
    this.maxCost = net.maxAbsCost;
    this.now = new Float64Array(r.head.length);
    this.back = new Float64Array(r.head.length);
    // At zero flow: a forward arc's next unit is its first (a convex edge's first marginal), and a
    // convex reverse arc has nothing to give back; a linear reverse arc refunds the cost.
    for (let e = 0; e < r.edgeArc.length; e++) {
      const p = r.edgeArc[e]!;
      const q = r.mate[p]!;
      const fwd = r.kind[p] === LINEAR ? r.cost[p]! : r.res[p]! > 0 ? net.marginals[r.mStart[p]!]! : 0;
      const rev = r.kind[p] === LINEAR ? r.cost[q]! : 0;
      this.now[p] = this.back[q] = fwd;
      this.now[q] = this.back[p] = rev;
    }
    this.listHead = new Int32Array(n).fill(-1);
    this.listCursor = new Int32Array(n).fill(-1);
    this.listNext = new Int32Array(r.head.length);
    this.listPrev = new Int32Array(r.head.length);
    this.pi = new Float64Array(n);
    this.excess = new Float64Array(n);
    this.current = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.queued = new Uint8Array(n);
    this.dist = new Float64Array(n);
    this.seen = new Int32Array(n);
    this.parent = new Int32Array(n);
    this.bucketHead = new Int32Array(Math.min(n, MAX_LEVEL) + 1);
    this.entryNode = new Int32Array(2 * n);
    this.entryNext = new Int32Array(2 * n);
  }

  run(): ScalingResult {
    const finalEps = FINAL_EPS * Math.max(1, this.maxCost);
    let noise = NOISE * Math.max(1, this.maxCost);
    let exact = this.maxCost === 0;
    this.eps = this.maxCost;
    while (!exact && this.eps > noise) {
      noise = NOISE * Math.max(1, this.maxCost, this.largestPrice());
      this.eps = Math.max(this.eps / ALPHA, noise);
      this.phases++;
      // Price refinement: when new prices alone make the flow ε-optimal, the phase has nothing to do.
      // Only then can the flow be optimal already, so only then is early termination worth a try: once
      // the flow is optimal, prices that prove it exist, and the remaining phases would be idle.
      if (this.phases > 1 && this.fitPrices(this.eps, 0)) exact = this.fitPrices(0, noise);
      else this.refine();
    }
    // The last phase ran without the check; an exact certificate is worth one more try.
    if (!exact) exact = this.fitPrices(0, noise);
    const flow = new Int32Array(this.edgeArc.length);
    for (let e = 0; e < flow.length; e++) flow[e] = this.capE[this.edgeArc[e]!]! - this.res[this.edgeArc[e]!]!;
    return { flow, finished: this.certified(finalEps), exact, phases: this.phases, relabels: this.relabels, priceUpdates: this.priceUpdates };
  }

  private largestPrice(): number {
    let most = 0;
    for (let v = 0; v < this.n; v++) most = Math.max(most, Math.abs(this.pi[v]!));
    return most;
  }

  /** Cost of the next unit along arc p (only when it has residual capacity). */
  private arcCost(p: number): number {
    return this.now[p]!;
  }

  /** Cost of the next unit along arc p from the marginals (0 for a convex arc with nothing left). */
  private unitCost(p: number): number {
    const k = this.kind[p]!;
    if (k === LINEAR) return this.cost[p]!;
    if (this.res[p]! <= 0) return 0;
    const s = this.mStart[p]!;
    return k === CONVEX_FORWARD ? this.marginals[s + this.capE[p]! - this.res[p]!]! : -this.marginals[s + this.res[p]! - 1]!;
  }

  /** Moves `units` along arc p from node `from` (its tail). */
  private move(p: number, from: number, units: number) {
    const q = this.mate[p]!;
    const to = this.head[p]!;
    this.res[p]! -= units;
    // Listed arcs are the reverse arcs of heavy nodes: those before split[] (node arrays stay in cache).
    if (this.res[p] === 0 && this.heavy[from] && p < this.split[from]!) this.unlist(from, p);
    if (this.res[q] === 0 && this.heavy[to] && q < this.split[to]!) this.enlist(to, q);
    this.res[q]! += units;
    if (this.kind[p] !== LINEAR) {
      const cp = this.unitCost(p);
      const cq = this.unitCost(q);
      this.now[p] = this.back[q] = cp;
      this.now[q] = this.back[p] = cq;
    }
    this.excess[from]! -= units;
    this.excess[to]! += units;
  }

  private enlist(v: number, p: number) {
    const h = this.listHead[v]!;
    this.listNext[p] = h;
    this.listPrev[p] = -1;
    if (h >= 0) this.listPrev[h] = p;
    this.listHead[v] = p;
  }

  private unlist(v: number, p: number) {
    const nx = this.listNext[p]!;
    const pv = this.listPrev[p]!;
    if (pv >= 0) this.listNext[pv] = nx;
    else this.listHead[v] = nx;
    if (nx >= 0) this.listPrev[nx] = pv;
    if (this.listCursor[v] === p) this.listCursor[v] = nx;
  }

  /** Resets v's search to its first arc. */
  private rewind(v: number) {
    this.current[v] = this.heavy[v] ? this.split[v]! : this.first[v]!;
    this.listCursor[v] = this.listHead[v]!;
  }

  /** The next admissible arc out of v from its cursor on, or −1; moves the cursor there. */
  private nextAdmissible(v: number): number {
    const { res, head, pi, current, now } = this;
    const pv = pi[v]!;
    if (this.heavy[v]) {
      let q = this.listCursor[v]!;
      for (; q >= 0; q = this.listNext[q]!) {
        if (now[q]! + pv - pi[head[q]!]! < 0) break;
      }
      this.listCursor[v] = q;
      if (q >= 0) return q;
    }
    const end = this.first[v + 1]!;
    const from = current[v]!;
    let best = -Infinity;
    let p = from;
    // The hottest loop of all: nothing but typed arrays, read in order.
    for (; p < end; p++) {
      if (res[p]! <= 0) continue;
      const c = now[p]!;
      const h = pi[head[p]!]!;
      if (c + pv - h < 0) break;
      if (h - c > best) best = h - c;
    }
    current[v] = p;
    if (p < end) return p;
    // A relabel follows: it needs the best of all arcs, and this scan has seen the ones from `from` on.
    this.scannedFrom = from;
    this.scannedBest = best;
    return -1;
  }

  /**
   * Units that arc p out of a node priced piTail can take at a negative reduced cost, at most `limit`:
   * a linear arc all its residual capacity, a convex arc the marginals that stay below the price gap.
   */
  private admissibleUnits(p: number, piTail: number, limit: number, below = 0): number {
    const r = this.res[p]!;
    if (r <= 0) return 0;
    const piHead = this.pi[this.head[p]!]!;
    const kind = this.kind[p]!;
    if (kind === LINEAR) return this.cost[p]! + piTail - piHead < below ? Math.min(r, limit) : 0;
    const s = this.mStart[p]!;
    const mg = this.marginals;
    const most = Math.min(r, limit);
    let k = 0;
    if (kind === CONVEX_FORWARD) {
      const f = s + this.capE[p]! - r;
      while (k < most && mg[f + k]! + piTail - piHead < below) k++;
    } else {
      const f = s + r - 1;
      while (k < most && -mg[f - k]! + piTail - piHead < below) k++;
    }
    return k;
  }

  /**
   * One phase: saturate every arc whose reduced cost is below −ε, which makes the flow an ε-optimal
   * pseudoflow, then move the excess this made to deficits. (Goldberg saturates every negative arc; those
   * between −ε and 0 already satisfy the new ε, and flipping them only made excess to carry back.)
   */
  private refine() {
    const { n, first, excess, pi, res, now, head } = this;
    const below = -this.eps;
    for (let v = 0; v < n; v++) {
      const pv = pi[v]!;
      for (let p = first[v]!; p < first[v + 1]!; p++) {
        // The next unit is the cheapest one left (marginals only grow): when it is not below, none is.
        if (res[p]! <= 0 || now[p]! + pv - pi[head[p]!]! >= below) continue;
        const units = this.admissibleUnits(p, pv, Infinity, below);
        if (units > 0) this.move(p, v, units);
      }
    }
    this.priceUpdate();
    let qHead = 0;
    let qTail = 0;
    let size = 0;
    const { queue, queued } = this;
    for (let v = 0; v < n; v++) {
      queued[v] = excess[v]! > 0 ? 1 : 0;
      if (queued[v]) {
        queue[qTail++] = v;
        size++;
      }
    }
    if (qTail === n) qTail = 0;
    // FIFO over nodes with excess; a node stays at the front until its excess is gone.
    while (size > 0) {
      const v = queue[qHead]!;
      if (excess[v]! > 0) {
        this.augmentFrom(v);
        for (let k = 0; k < this.touchedCount; k++) {
          const w = this.touched[k]!;
          if (excess[w]! > 0 && !queued[w]) {
            queued[w] = 1;
            queue[qTail] = w;
            qTail = qTail + 1 === n ? 0 : qTail + 1;
            size++;
          }
        }
        if (this.relabelsSinceUpdate > UPDATE_EVERY * n) this.priceUpdate();
      }
      if (excess[v]! <= 0) {
        queued[v] = 0;
        qHead = qHead + 1 === n ? 0 : qHead + 1;
        size--;
      }
    }
  }

  /**
   * Partial augment-relabel (Goldberg 2008): walks admissible arcs from `start` for at most MAX_WALK
   * steps or until a node with a deficit, relabelling dead ends on the way back, then moves as much as
   * the walk takes.
   */
  private augmentFrom(start: number) {
    const { walk, walkTail, head, pi, excess } = this;
    let len = 0;
    let tip = start;
    while (len < MAX_WALK && (tip === start || excess[tip]! >= 0)) {
      const p = this.nextAdmissible(tip);
      if (p >= 0) {
        walkTail[len] = tip;
        walk[len++] = p;
        tip = head[p]!;
        if (tip === start) break;
        continue;
      }
      this.relabel(tip);
      if (tip !== start) tip = walkTail[--len]!;
      else if (this.relabelsSinceUpdate > UPDATE_EVERY * this.n) break;
    }
    let u = start;
    let k = 0;
    for (; k < len; k++) {
      const p = walk[k]!;
      const units = this.admissibleUnits(p, pi[u]!, excess[u]!);
      if (units <= 0) break;
      this.move(p, u, units);
      u = head[p]!;
      this.touched[k] = u;
    }
    this.touchedCount = k;
  }

  /** Lowers v's price until some residual arc out of v has reduced cost −ε; right after nextAdmissible(v) failed. */
  private relabel(v: number) {
    const { first, head, pi, res, now } = this;
    let best = this.scannedBest;
    for (let p = this.heavy[v] ? this.split[v]! : first[v]!; p < this.scannedFrom; p++) {
      if (res[p]! <= 0) continue;
      const q = pi[head[p]!]! - now[p]!;
      if (q > best) best = q;
    }
    if (this.heavy[v]) {
      for (let p = this.listHead[v]!; p >= 0; p = this.listNext[p]!) {
        const q = pi[head[p]!]! - this.arcCost(p);
        if (q > best) best = q;
      }
    }
    // The zero circulation is feasible, so a node with excess always has a residual arc out.
    if (best === -Infinity) throw new Error("cost scaling: excess with no way out");
    pi[v] = best - this.eps;
    this.rewind(v);
    this.relabels++;
    this.relabelsSinceUpdate++;
  }

  /**
   * Goldberg's global price update: lowers every price by ε times the node's distance to a deficit in
   * the residual graph, where an arc of reduced cost rc counts floor(rc/ε) + 1 steps. That keeps the flow
   * ε-optimal and gives every node with excess an admissible path at once, instead of one relabel at a
   * time. It stops once every node with excess has its distance; the rest get that last distance.
   */
  private priceUpdate() {
    this.priceUpdates++;
    this.relabelsSinceUpdate = 0;
    const { n, dist, seen, eps, excess, first, head, res, capE, pi, bucketHead, back } = this;
    const inv = 1 / eps;
    let { entryNode, entryNext } = this;
    const maxLevel = bucketHead.length - 1;
    const stamp = ++this.stamp;
    bucketHead.fill(-1);
    let entries = 0;
    let pending = 0;
    let active = 0;
    for (let v = 0; v < n; v++) {
      dist[v] = Infinity;
      if (excess[v]! < 0) {
        dist[v] = 0;
        entryNode[entries] = v;
        entryNext[entries] = bucketHead[0]!;
        bucketHead[0] = entries++;
        pending++;
      } else if (excess[v]! > 0) active++;
    }
    // Dial's buckets: distances are small integers (a few dozen in practice). Past maxLevel the search
    // stops early; the nodes not reached then keep the level reached, which is still ε-optimal.
    let level = 0;
    let bucket = 0;
    while (active > 0 && pending > 0) {
      while (bucketHead[bucket]! < 0) bucket++;
      const x = bucketHead[bucket]!;
      bucketHead[bucket] = entryNext[x]!;
      pending--;
      const w = entryNode[x]!;
      if (seen[w] === stamp || dist[w]! !== bucket) continue;
      seen[w] = stamp;
      level = bucket;
      if (excess[w]! > 0) active--;
      const pw = pi[w]!;
      // Arcs into w are the mates of w's arcs: mate[p] runs from head[p] to w. Its residual and cost are
      // read from p's side (capE, cost): this loop visits nearly every arc, several times per phase.
      for (let p = first[w]!; p < first[w + 1]!; p++) {
        const rq = capE[p]! - res[p]!;
        if (rq <= 0) continue;
        const v = head[p]!;
        if (seen[v] === stamp) continue;
        // The mate's cost, kept beside p (back) so that this loop reads p's side only.
        const c = back[p]!;
        const steps = Math.floor((c + pi[v]! - pw) * inv) + 1;
        const nd = steps > 0 ? bucket + steps : bucket;
        if (nd < dist[v]! && nd <= maxLevel) {
          dist[v] = nd;
          if (entries === entryNode.length) {
            this.growEntries();
            entryNode = this.entryNode;
            entryNext = this.entryNext;
          }
          entryNode[entries] = v;
          entryNext[entries] = bucketHead[nd]!;
          bucketHead[nd] = entries++;
          pending++;
        }
      }
    }
    for (let v = 0; v < n; v++) {
      const d = seen[v] === stamp ? dist[v]! : level;
      if (d > 0) pi[v]! -= eps * d;
      this.rewind(v);
    }
  }

  private growEntries() {
    const node = new Int32Array(this.entryNode.length * 2);
    node.set(this.entryNode);
    const next = new Int32Array(this.entryNext.length * 2);
    next.set(this.entryNext);
    this.entryNode = node;
    this.entryNext = next;
  }

  /**
   * Tries to change the prices so that every residual arc has reduced cost ≥ −slack (up to `noise`):
   * shortest paths over reduced cost + slack by a queue-based Bellman-Ford from all nodes at once. It
   * fails at a negative cycle, which the parent arcs reveal (Bellman-Ford's witness), or past its budget;
   * with slack 0 it succeeds exactly when the flow is optimal.
   */
  private fitPrices(slack: number, noise: number): boolean {
    const { n, first, res, pi, queue, queued, parent } = this;
    const d = this.dist;
    d.fill(0);
    parent.fill(-1);
    for (let v = 0; v < n; v++) {
      queue[v] = v;
      queued[v] = 1;
    }
    let qHead = 0;
    this.qTail = 0;
    this.qSize = n;
    let work = 0;
    let pops = 0;
    const budget = FIT_PASSES * first[n]!;
    let fitted = true;
    while (this.qSize > 0) {
      if (++pops % n === 0 && this.parentCycle()) {
        fitted = false;
        break;
      }
      const v = queue[qHead]!;
      qHead = qHead + 1 === n ? 0 : qHead + 1;
      this.qSize--;
      queued[v] = 0;
      const dv = d[v]! + pi[v]! + slack;
      const start = this.heavy[v] ? this.split[v]! : first[v]!;
      work += first[v + 1]! - start;
      if (work > budget) {
        fitted = false;
        break;
      }
      if (this.heavy[v]) for (let p = this.listHead[v]!; p >= 0; p = this.listNext[p]!) this.relax(p, v, dv, noise);
      for (let p = start; p < first[v + 1]!; p++) if (res[p]! > 0) this.relax(p, v, dv, noise);
    }
    // A failed refinement still keeps its prices: any prices are allowed at a phase start, and these
    // leave far fewer arcs below −ε to saturate (a third of the relabels on the province-starved plan).
    if (fitted || slack > 0) for (let v = 0; v < n; v++) pi[v]! += d[v]!;
    return fitted;
  }

  /** One Bellman-Ford step of fitPrices along residual arc p out of v, whose label is dv (price included). */
  private relax(p: number, v: number, dv: number, noise: number) {
    const h = this.head[p]!;
    const d = this.dist;
    const nd = dv + this.arcCost(p) - this.pi[h]!;
    if (nd < d[h]! - noise) {
      d[h] = nd;
      this.parent[h] = v;
      if (!this.queued[h]) {
        this.queued[h] = 1;
        this.queue[this.qTail] = h;
        this.qTail = this.qTail + 1 === this.n ? 0 : this.qTail + 1;
        this.qSize++;
      }
    }
  }

  /** True when the parent pointers of the last fit contain a cycle. */
  private parentCycle(): boolean {
    const { n, parent, seen } = this;
    const fresh = this.stamp + 1;
    for (let v = 0; v < n; v++) {
      if (seen[v]! >= fresh) continue;
      const walk = ++this.stamp;
      let u = v;
      while (u >= 0 && seen[u]! < fresh) {
        seen[u] = walk;
        u = parent[u]!;
      }
      if (u >= 0 && seen[u] === walk) return true;
    }
    return false;
  }

  /** True when the flow is a circulation and every residual arc has reduced cost ≥ −tol. */
  private certified(tol: number): boolean {
    const { n, first, head, res, pi, excess } = this;
    for (let v = 0; v < n; v++) {
      if (excess[v] !== 0) return false;
      for (let p = first[v]!; p < first[v + 1]!; p++) {
        if (res[p]! > 0 && this.arcCost(p) + pi[v]! - pi[head[p]!]! < -tol) return false;
      }
    }
    return true;
  }
}
