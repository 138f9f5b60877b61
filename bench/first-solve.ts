/**
 * The child of bench:planner's first-solve runs: what `npm run plan` does (stdin → PlannerInput.parse →
 * plan()), in a fresh process, but printing only {solveMs, cpuMs} for that first plan(). cpuMs is the
 * main thread's own CPU time around plan() (Linux schedstat; null elsewhere): on a shared machine it
 * stays near what an idle one would show while wall time grows with everyone else's load.
 */
import { readFileSync } from "node:fs";
import { PlannerInput } from "../shared/planner.js";
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
  const input = PlannerInput.parse(JSON.parse(readFileSync(0, "utf8")));
  const cpu0 = threadCpuMs();
  const result = plan(input);
  const cpuMs = threadCpuMs() - cpu0;
  process.stdout.write(`${JSON.stringify({ solveMs: result.stats.solveMs, cpuMs: Number.isNaN(cpuMs) ? null : cpuMs, objective: result.objective })}\n`);
}
