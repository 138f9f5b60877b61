/** The planner in a worker thread (server/planner/pool.ts): piscina calls the default export, or `simulate` by name. */
import type { PlannerInput, PlanResult } from "../../shared/planner.js";
import { plan } from "./index.js";
import { moved, simulateJson, type SimulateOutcome } from "./simulate.js";
import { collectYoungWhenIdle } from "./young-gc.js";

export default function solve(input: PlannerInput): PlanResult {
  collectYoungWhenIdle();
  return plan(input);
}

export function simulate(raw: Uint8Array): SimulateOutcome {
  collectYoungWhenIdle();
  return moved(simulateJson(raw));
}
