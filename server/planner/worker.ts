/** The planner in a worker thread: piscina calls the default export with a PlannerInput (server/planner/pool.ts). */
import type { PlannerInput, PlanResult } from "../../shared/planner.js";
import { plan } from "./index.js";

export default function solve(input: PlannerInput): PlanResult {
  return plan(input);
}
