/**
 * The mutasi optimiser's entry: MutasiInput (already validated by shared/mutasi.ts) → MutasiResult.
 * Pure: no I/O, no clock but the solve's own duration.
 *
 * Exact: each jabatan is solved as a min-cost flow with convex headcount costs (graph.ts, flow.ts), and the
 * flow is read back as where each person ends; the report (report.ts) recomputes Z from those endings.
 */
import type { MutasiInput, MutasiResult } from "../../../shared/mutasi.js";
import { resolveWeights } from "./costs.js";
import { solveJabatanFlow } from "./flow.js";
import { buildJabatanNetwork, type JabatanNetwork } from "./graph.js";
import { buildResult, headcounts, indexInput } from "./report.js";

export interface MutasiSolveOptions {
  /** "stay": everyone stays (the always-feasible start, for comparison); default "flow", the exact optimum. */
  solver?: "flow" | "stay";
}

export function solveMutasi(input: MutasiInput, options: MutasiSolveOptions = {}): MutasiResult {
  const started = performance.now();
  const { current, posIndex } = indexInput(input);
  const assignment = current.slice();
  let classes = 0;
  let augmentations = 0;
  if (options.solver !== "stay") {
    const w = resolveWeights(input.weights);
    const h0 = headcounts(input.positions.length, current);
    for (const { positions, staff } of byJabatan(input, current)) {
      const net = buildJabatanNetwork(input, w, posIndex, positions, staff, current, h0);
      const { flow, augmentations: a } = solveJabatanFlow(net);
      augmentations += a;
      classes += net.classStart.length - 1;
      place(net, flow, assignment);
    }
  }
  const result = buildResult(input, assignment, { solveMs: 0, classes, augmentations });
  result.stats.solveMs = performance.now() - started;
  return result;
}

/** Positions and staff (indices) per jabatan, in input order. */
function byJabatan(input: MutasiInput, current: Int32Array): { positions: Int32Array; staff: Int32Array }[] {
  const groups = new Map<string, { positions: number[]; staff: number[] }>();
  input.positions.forEach((p, i) => {
    let g = groups.get(p.jabatan);
    if (!g) groups.set(p.jabatan, (g = { positions: [], staff: [] }));
    g.positions.push(i);
  });
  for (let i = 0; i < input.staff.length; i++) groups.get(input.positions[current[i]!]!.jabatan)!.staff.push(i);
  return [...groups.values()].filter((g) => g.staff.length > 0).map((g) => ({ positions: Int32Array.from(g.positions), staff: Int32Array.from(g.staff) }));
}

/**
 * Reads the flow back as endings: a class's direct arcs name their position; the people it sends to the hub
 * take the hub's outflows in order (any pairing costs the same: see graph.ts).
 */
function place(net: JabatanNetwork, flow: Int32Array, assignment: Int32Array): void {
  const C = net.classStart.length - 1;
  const viaHub: number[] = [];
  const next = net.classStart.slice(0, C);
  for (let e = 0; e < net.tail.length; e++) {
    const c = net.tail[e]!;
    if (c >= C || flow[e]! === 0) continue;
    const v = net.head[e]!;
    for (let k = 0; k < flow[e]!; k++) {
      const person = net.classMembers[next[c]!++]!;
      if (v === net.hub) viaHub.push(person);
      else assignment[person] = net.positions[v - C]!;
    }
  }
  let h = 0;
  for (let e = 0; e < net.tail.length; e++) {
    if (net.tail[e] !== net.hub) continue;
    const q = net.head[e]! - C;
    for (let k = 0; k < flow[e]!; k++) assignment[viaHub[h++]!] = net.positions[q]!;
  }
}
