/** The planner in a worker thread (server/planner/pool.ts): piscina calls the default export, or `simulate` by name. */
import type { PlannerInput, PlanResult } from "../../shared/planner.js";
import { plan } from "./index.js";

export { simulateJson as simulate } from "./simulate.js";

export default function solve(input: PlannerInput): PlanResult {
  return plan(input);
}
