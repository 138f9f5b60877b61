/**
 * The mutasi optimiser in a worker thread, with the planner worker's shape (server/planner/worker.ts): the
 * default export solves a parsed MutasiInput, `simulate` a raw body. So the planner's pool runs it as it is:
 * `createPlannerPool({ worker: MUTASI_WORKER })` (index.ts). Like that worker, it must stay require()-able (no
 * top-level await).
 */
import type { MutasiInput, MutasiResult } from "../../../shared/mutasi.js";
import { moved } from "../../planner/simulate.js";
import { collectYoungWhenIdle } from "../../planner/young-gc.js";
import { solveMutasiJson, type MutasiSimulateOutcome } from "./simulate.js";
import { solveMutasi } from "./solve.js";

export default function solve(input: MutasiInput): MutasiResult {
  collectYoungWhenIdle();
  return solveMutasi(input);
}

export function simulate(raw: Uint8Array): MutasiSimulateOutcome {
  collectYoungWhenIdle();
  return moved(solveMutasiJson(raw));
}
