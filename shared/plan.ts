/** A stored plan (DESIGN.md, "Plan"), and the summary of it that the snapshot and the live feed carry. */
import { z } from "zod";
import { Id, Timestamp, Version } from "./domain.js";
import { PlanResult } from "./planner.js";

export const Plan = z.object({
  id: Id,
  createdAt: Timestamp,
  createdBy: z.string(),
  /** The event seq the plan was computed at. */
  seq: z.number().int().min(0),
  result: PlanResult,
  /** A relief plan (issue 15): approving its line sends this assignment's tired person to rest. */
  relief: z.object({ assignmentId: Id }).optional(),
});
export type Plan = z.infer<typeof Plan>;

export const PlanRecord = Plan.extend({ version: Version });
export type PlanRecord = z.infer<typeof PlanRecord>;

/** Enough to list plans; the lines are fetched with GET /api/plans/:id. `createdAt`/`createdBy` are absent in 0.1.0 events. */
export const PlanSummary = z.object({
  id: Id,
  seq: z.number().int(),
  lines: z.number().int(),
  unfilled: z.number().int(),
  createdAt: Timestamp.optional(),
  createdBy: z.string().optional(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export function planSummary(plan: Plan): PlanSummary {
  return {
    id: plan.id,
    seq: plan.seq,
    lines: plan.result.assignments.length,
    unfilled: plan.result.unfilled.reduce((n, u) => n + u.count, 0),
    createdAt: plan.createdAt,
    createdBy: plan.createdBy,
  };
}
