/** The reallocation planner: a pure module, PlannerInput → PlanResult (DESIGN.md, "The planner"). */
export { plan, type PlanOptions } from "./plan.js";
