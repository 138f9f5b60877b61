/**
 * A mutasi what-if on raw bytes: JSON parse, validation with the shared schema, the solve and the answer's
 * JSON, all in one call, so that it can run in a worker thread (worker.ts) and cost the event loop nothing
 * but the copy of the bytes. The same outcome shape as the planner's simulate (server/planner/simulate.ts).
 */
import { fieldIssues, type FieldIssue } from "../../../shared/errors.js";
import { MutasiInput } from "../../../shared/mutasi.js";
import { solveMutasi } from "./solve.js";

/** A worker cannot throw a DomainError across the thread boundary (its class is lost): it answers one of these. */
export type MutasiSimulateOutcome =
  | { ok: true; json: string }
  | { ok: false; code: "bad_json" }
  | { ok: false; code: "validation"; issues: FieldIssue[] };

export function solveMutasiJson(raw: Uint8Array): MutasiSimulateOutcome {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return { ok: false, code: "bad_json" };
  }
  const input = MutasiInput.safeParse(body);
  if (!input.success) return { ok: false, code: "validation", issues: fieldIssues(input.error) };
  return { ok: true, json: JSON.stringify(solveMutasi(input.data)) };
}
