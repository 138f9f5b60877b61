/** `npm run --silent plan < input.json`: PlannerInput on stdin, PlanResult JSON on stdout (server/cli/json-pipe.ts). */
import { PlannerInput } from "../../shared/planner.js";
import { runJsonPipe } from "../cli/json-pipe.js";
import { plan } from "./plan.js";

runJsonPipe("plan", PlannerInput, "PlannerInput", plan);
