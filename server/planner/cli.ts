/** `npm run --silent plan < input.json`: PlannerInput on stdin, PlanResult JSON on stdout (server/cli/json-pipe.ts). */
import { safeParsePlannerInput } from "../../shared/planner.js";
import { runJsonPipe } from "../cli/json-pipe.js";
import { plan } from "./plan.js";

// PlannerInput, by its fast parse: a Kupang-size roster is validated in a few ms, not in more than the solve takes.
runJsonPipe("plan", { safeParse: safeParsePlannerInput }, "PlannerInput", (input) => plan(input));
