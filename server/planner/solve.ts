/**
 * Chooses the exact min-cost flow algorithm. Successive shortest paths with an incremental tree is the
 * fastest when the people moved are few next to the graph (the usual plan: 20 ms for Kota Kupang), but it
 * pays one augmentation per person, over a reassignment web that grows when demand outruns the staff that
 * can be spared. Cost scaling's work does not grow with the flow, so "auto" uses it when the flow can be
 * large next to the graph (FLOW_SHARE), and hands over to it when shortest paths have recomputed more than
 * RELABEL_BUDGET distances per node. The network simplex, exact like both, backs cost scaling up should
 * its final check ever fail; the tests hold every algorithm to HiGHS.
 */
import type { PlannerGraph } from "./graph.js";
import { live, minCostFlow } from "./kernel/index.js";
import type { Network } from "./network.js";
import { costScalingFlow } from "./scaling.js";
import { networkSimplex } from "./simplex.js";

export type Solver = "auto" | "paths" | "scaling" | "simplex";

/** Distances recomputed per node before "auto" gives up on shortest paths (the usual plan needs < 40). */
const RELABEL_BUDGET = 60;
/**
 * Flow bound, as a share of the node count, from which "auto" starts with cost scaling. Measured 3 Dec 2026,
 * after the kernel searched classes as unit gadgets (flow ms, paths against scaling, warm): Kupang-size
 * varied floods 22 / 74 at 0.125, 35 / 76 at 0.16, 62 / 96 at 0.20, 94 / 107 at 0.235, 188 / 132 at 0.32;
 * province-size varied 165 / 671 at 0.057, 391 / 1,660 at 0.165, 837 / 2,520 at 0.27; supply-starved Kupang
 * 210 / 54 at 0.79. Scaling also runs in JavaScript, cold at a process's first plan (a Kupang-size flood:
 * 207 ms first against 71–89 by paths), so ties go to paths. Below MIN_SCALING_FLOW people, shortest paths
 * take a few milliseconds whatever the share.
 */
const FLOW_SHARE = 0.25;
const MIN_SCALING_FLOW = 1000;
/** The optimal flow per edge, and numeric stats saying how it was found. */
export function solveFlow(graph: PlannerGraph, solver: Solver = "auto"): { flow: Int32Array; stats: Record<string, number> } {
  const { source, sink } = graph;
  if (solver === "simplex") return simplex(graph.network(), source, sink, {});
  if (solver === "scaling" || (solver === "auto" && manyMoved(graph))) return scaling(graph.network(), source, sink, {});
  const budget = solver === "paths" ? Infinity : RELABEL_BUDGET * graph.nodeCount + 10_000;
  const r = minCostFlow(graph.kernel, source, sink, budget);
  const stats = { augmentations: r.augmentations, relabelled: r.relabelled };
  if (r.finished) return { flow: r.flow, stats: { ...stats, scaling: 0, simplex: 0 } };
  return scaling(graph.network(), source, sink, stats);
}

function scaling(net: Network, source: number, sink: number, stats: Record<string, number>) {
  const s = costScalingFlow(net, source, sink);
  const own = { ...stats, scaling: 1, phases: s.phases, relabels: s.relabels, priceUpdates: s.priceUpdates, exact: s.exact ? 1 : 0 };
  if (s.finished) return { flow: s.flow, stats: { ...own, simplex: 0 } };
  return simplex(net, source, sink, own);
}

function simplex(net: Network, source: number, sink: number, stats: Record<string, number>) {
  const s = networkSimplex(net, source, sink);
  return { flow: s.flow, stats: { ...stats, simplex: 1, pivots: s.pivots } };
}

/**
 * True when the flow can be large next to the graph: the bound is the smaller of what may leave the
 * source and enter the sink. (A bound per donor unit once sent varied rosters to cost scaling too; since
 * the sink's arcs are no longer relaxed, shortest paths win there: province-varied 0.6–0.75 s of flow
 * against 1.5 s, main-thread CPU on a shared machine.)
 */
function manyMoved(graph: PlannerGraph): boolean {
  const bound = live(graph.kernel).flowBound(graph.source, graph.sink);
  return bound >= MIN_SCALING_FLOW && bound > FLOW_SHARE * graph.nodeCount;
}
