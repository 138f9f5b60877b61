/** The mutasi optimiser (DESIGN.md "The annual mutasi cycle"): pure, MutasiInput → MutasiResult. */
import { extname } from "node:path";
import { fileURLToPath } from "node:url";

export { solveMutasi, type MutasiSolveOptions } from "./solve.js";
export { solveMutasiJson, type MutasiSimulateOutcome } from "./simulate.js";

/**
 * mutasi-worker.ts next to index.ts under tsx, mutasi-worker.js next to the bundle in dist/server/ (an entry
 * of scripts/build-server.ts): give it to createPlannerPool({ worker }).
 */
export const MUTASI_WORKER = new URL(`./mutasi-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
