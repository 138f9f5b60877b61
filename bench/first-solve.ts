/**
 * The child of bench:planner's first-solve runs: what `npm run plan` does (stdin → JSON.parse → PlannerInput's
 * fast parse → plan()), in a fresh process, but printing only {solveMs, cpuMs} for that first plan(), and
 * validateCpuMs for that first validation. The CPU times are the main thread's own (Linux schedstat; null
 * elsewhere): on a shared machine they stay near what an idle one would show while wall time grows with
 * everyone else's load.
 */
import { readFileSync } from "node:fs";
import { safeParsePlannerInput } from "../shared/planner.js";
import { plan } from "../server/planner/index.js";

/** CPU ms this thread has run, or NaN where /proc does not say. */
export function threadCpuMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
  } catch {
    return NaN;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const json: unknown = JSON.parse(readFileSync(0, "utf8"));
  const v0 = threadCpuMs();
  const parsed = safeParsePlannerInput(json);
  const validateCpuMs = threadCpuMs() - v0;
  if (!parsed.success) throw new Error(`not a valid PlannerInput: ${parsed.error.message}`);
  const input = parsed.data;
  const cpu0 = threadCpuMs();
  const result = plan(input);
  const cpuMs = threadCpuMs() - cpu0;
  const orNull = (ms: number) => (Number.isNaN(ms) ? null : ms);
  process.stdout.write(`${JSON.stringify({ solveMs: result.stats.solveMs, cpuMs: orNull(cpuMs), validateCpuMs: orNull(validateCpuMs), objective: result.objective })}\n`);
}
