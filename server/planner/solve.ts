/**
 * Chooses the exact min-cost flow algorithm. Successive shortest paths with an incremental tree is the
 * fastest when the people moved are few next to the graph (the usual plan: 20 ms for Kota Kupang); its
 * work grows with every person moved, so when it has recomputed more than RELABEL_BUDGET distances per
 * node it hands over to the network simplex, whose cost does not grow with the flow (supply-starved
 * plans). Both are exact; the tests hold each to HiGHS.
 */
import { minCostFlow } from "./flow.js";
import type { Network } from "./network.js";
import { networkSimplex } from "./simplex.js";

export type Solver = "auto" | "paths" | "simplex";

/** Distances recomputed per node before "auto" gives up on shortest paths (the usual plan needs < 40). */
const RELABEL_BUDGET = 60;

/** The optimal flow per edge, and numeric stats saying how it was found. */
export function solveFlow(net: Network, source: number, sink: number, solver: Solver = "auto"): { flow: Int32Array; stats: Record<string, number> } {
  if (solver !== "simplex") {
    const budget = solver === "paths" ? Infinity : RELABEL_BUDGET * net.nodeCount + 10_000;
    const r = minCostFlow(net, source, sink, budget);
    if (r.finished) return { flow: r.flow, stats: { simplex: 0, augmentations: r.augmentations, relabelled: r.relabelled } };
    const s = networkSimplex(net, source, sink);
    return { flow: s.flow, stats: { simplex: 1, augmentations: r.augmentations, relabelled: r.relabelled, pivots: s.pivots } };
  }
  const s = networkSimplex(net, source, sink);
  return { flow: s.flow, stats: { simplex: 1, pivots: s.pivots } };
}
