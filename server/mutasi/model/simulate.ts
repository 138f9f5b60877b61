/**
 * A mutasi what-if on raw bytes: JSON parse, validation with the shared schema, the solve and the answer's
 * JSON, all in one call, so that it can run in a worker thread (worker.ts) and cost the event loop nothing
 * but the hand-over of the bytes. The planner's simulate answers the same outcome (server/planner/simulate.ts).
 */
import { fieldIssues } from "../../../shared/errors.js";
import { MutasiInput } from "../../../shared/mutasi.js";
import { answer, parseJsonBytes, type SimulateOutcome } from "../../planner/simulate.js";
import { solveMutasi } from "./solve.js";

export type MutasiSimulateOutcome = SimulateOutcome;

export function solveMutasiJson(raw: Uint8Array): MutasiSimulateOutcome {
  let body: unknown;
  try {
    body = parseJsonBytes(raw);
  } catch {
    return { ok: false, code: "bad_json" };
  }
  const input = MutasiInput.safeParse(body);
  if (!input.success) return { ok: false, code: "validation", issues: fieldIssues(input.error) };
  return answer(solveMutasi(input.data));
}
