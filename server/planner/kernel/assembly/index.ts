/**
 * The planner's WebAssembly kernel (server/planner/kernel/index.ts is its host): its loops over every
 * person, unit and need. Which needs each unit can reach (range.ts), the graph builder (graph.ts), the
 * network it builds (network.ts), the min-cost flow on it (ssp.ts), and who was left out (leftout.ts). An instance holds
 * one network at a time: the stub runtime never frees, and reset() starts the next network at the bottom
 * of the same memory, which is then already the size it needs.
 *
 * Why WebAssembly: V8 compiles a module at once with its baseline compiler (Liftoff), so the first plan
 * in a fresh process runs compiled code. The same loops in JavaScript ran in the interpreter until
 * TurboFan, on background threads competing for the machine's two cores, caught up: the first Kupang-size
 * flow took 100–120 ms in JavaScript and 30–35 ms here, and warm it is no slower (18 against 21 ms).
 */
import { arcHead, arcStart, arcs, cap, cost, edgeCount, from, K, marginalCount, marginals, maxAbsCost, mStart, nodeCount, outEnd, runEnd, runStart, to, UNBOUNDED } from "./network";

export { flowBound } from "./network";
export { buildGraph, graphCount, graphField, rosterField, startRoster } from "./graph";
export { cheapestLeftOut, leftOutField, startLeftOut } from "./leftout";
export { haversineKm, inRange, rangeField, startRange } from "./range";
export { augmentations, flow, relabelled, solve } from "./ssp";

/** The constants the host holds to its own (kernel/index.ts): the skill count K, then UNBOUNDED. */
export function constant(i: i32): i32 {
  return i == 0 ? K : i == 1 ? UNBOUNDED : -1;
}

/** Forgets everything allocated so far: every array the host read before is gone. */
export function reset(): void {
  __reset();
}

/** Network array i, in the order of the host's NETWORK_FIELDS. */
export function networkField(i: i32): usize {
  switch (i) {
    case 0: return from.dataStart;
    case 1: return to.dataStart;
    case 2: return cap.dataStart;
    case 3: return cost.dataStart;
    case 4: return mStart.dataStart;
    case 5: return marginals.dataStart;
    case 6: return runEnd.dataStart;
    case 7: return runStart.dataStart;
    case 8: return arcStart.dataStart;
    case 9: return outEnd.dataStart;
    case 10: return arcs.dataStart;
    case 11: return arcHead.dataStart;
    default: return 0;
  }
}

/** Nodes, edges, convex marginals. */
export function networkCount(i: i32): i32 {
  switch (i) {
    case 0: return nodeCount;
    case 1: return edgeCount;
    case 2: return marginalCount;
    default: return -1;
  }
}

export function networkMaxAbsCost(): f64 {
  return maxAbsCost;
}
