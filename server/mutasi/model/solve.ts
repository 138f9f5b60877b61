/**
 * The mutasi optimiser's entry: MutasiInput (already validated by shared/mutasi.ts) → MutasiResult.
 * Pure: no I/O, no clock but the solve's own duration.
 */
import type { MutasiInput, MutasiResult } from "../../../shared/mutasi.js";
import { buildResult, indexInput } from "./report.js";

export interface MutasiSolveOptions {
  /** Reserved for choosing the algorithm; every choice is exact. */
  solver?: "auto";
}

export function solveMutasi(input: MutasiInput, options: MutasiSolveOptions = {}): MutasiResult {
  void options;
  const started = performance.now();
  // Skeleton: everyone stays, which the hard rules always allow.
  const { current } = indexInput(input);
  const assignment = current.slice();
  return buildResult(input, assignment, { solveMs: performance.now() - started });
}
