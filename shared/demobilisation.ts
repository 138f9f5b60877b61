/**
 * The way home (issue 15): when an incident is contained, everyone still deployed there goes back, the
 * people of the most loaded home unit first (their unit needs them most).
 */
import { z } from "zod";
import { Assignment, Id } from "./domain.js";

/** Who is still deployed: confirmed (on the way) or active (on site). */
export const DEPLOYED_STATES = ["confirmed", "active"] as const;

export const DemobilisationLine = z.object({
  assignmentId: Id,
  staffId: Id,
  homeUnitId: Id,
  /** shared/rules.ts unitLoad of the home unit now (its workload and spikes over the people at home). */
  homeLoad: z.number().min(0),
});
export type DemobilisationLine = z.infer<typeof DemobilisationLine>;

export const DemobilisationResponse = z.object({ lines: z.array(DemobilisationLine) });
export type DemobilisationResponse = z.infer<typeof DemobilisationResponse>;

export const DemobiliseBody = z.object({
  /** Some of the lines; absent: all of them. */
  assignmentIds: z.array(Id).min(1).max(10_000).optional(),
}).strict();
export type DemobiliseBody = z.infer<typeof DemobiliseBody>;

export const DemobiliseResponse = z.object({ completed: z.array(Assignment) });
export type DemobiliseResponse = z.infer<typeof DemobiliseResponse>;

/** The order home: most loaded home unit first; then who was lent first. */
export function demobilisationOrder<L extends DemobilisationLine & { createdAt: string }>(lines: L[]): L[] {
  return [...lines].sort((a, b) => b.homeLoad - a.homeLoad || a.createdAt.localeCompare(b.createdAt) || a.assignmentId.localeCompare(b.assignmentId));
}
