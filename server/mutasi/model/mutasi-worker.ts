/**
 * The mutasi optimiser in a worker thread, with the planner worker's shape (server/planner/worker.ts): the
 * default export solves a parsed MutasiInput, `simulate` a raw body. So the planner's pool runs it as it is:
 * `createPlannerPool({ worker: MUTASI_WORKER })` (index.ts). Like that worker, it must stay require()-able (no
 * top-level await).
 */
import type { MutasiInput, MutasiResult } from "../../../shared/mutasi.js";
import { solveMutasi } from "./solve.js";

export { solveMutasiJson as simulate } from "./simulate.js";

export default function solve(input: MutasiInput): MutasiResult {
  return solveMutasi(input);
}
