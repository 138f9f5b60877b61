/**
 * The what-if endpoint's whole job on raw bytes: JSON parse, validation with the shared schema (PlannerInput,
 * by its fast parse: shared/planner.ts), the solve, and the answer's JSON. It runs in the planner's worker
 * thread, so a province-size body (12 MB, about 0.2 s of parsing and validating) costs the event loop nothing
 * but the copy of the bytes.
 */
import { fieldIssues, type FieldIssue } from "../../shared/errors.js";
import { safeParsePlannerInput } from "../../shared/planner.js";
import { plan } from "./index.js";

/** A worker cannot throw a DomainError across the thread boundary (its class is lost): it answers one of these. */
export type SimulateOutcome =
  | { ok: true; json: string }
  | { ok: false; code: "bad_json" }
  | { ok: false; code: "validation"; issues: FieldIssue[] };

export function simulateJson(raw: Uint8Array): SimulateOutcome {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return { ok: false, code: "bad_json" };
  }
  const input = safeParsePlannerInput(body);
  if (!input.success) return { ok: false, code: "validation", issues: fieldIssues(input.error) };
  return { ok: true, json: JSON.stringify(plan(input.data)) };
}
