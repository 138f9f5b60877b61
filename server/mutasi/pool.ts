/**
 * The mutasi optimiser off the request thread: the planner's worker pool (server/planner/pool.ts) running the
 * model's own worker entry (server/mutasi/model/mutasi-worker.ts), so a Kota Kupang-size solve does not hold
 * up other requests or live pushes. Threads start on the first solve only.
 */
import type { MutasiResult } from "../../shared/mutasi.js";
import type { PlannerInput } from "../../shared/planner.js";
import type { MutasiSolver } from "../context.js";
import { createPlannerPool } from "../planner/pool.js";
import { MUTASI_WORKER } from "./model/index.js";
import type { MutasiSimulateOutcome } from "./model/simulate.js";

export function createMutasiPool(): MutasiSolver {
  const pool = createPlannerPool({ worker: MUTASI_WORKER, maxThreads: 1 });
  return {
    // The pool is typed for the planner's worker; this one takes and gives the mutasi model's JSON.
    solve: (input) => pool.solve(input as unknown as PlannerInput) as unknown as Promise<MutasiResult>,
    simulate: (raw) => pool.simulate(raw) as unknown as Promise<MutasiSimulateOutcome>,
    close: () => pool.close(),
  };
}
