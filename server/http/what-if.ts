/**
 * A what-if's outcome from its worker (server/planner/simulate.ts, the planner's and the mutasi model's) as
 * the answer: the JSON bytes as they came, or the 400 the outcome stands for.
 */
import type { Response } from "express";
import { DomainError } from "../../shared/errors.js";
import type { SimulateOutcome } from "../planner/simulate.js";

export function sendWhatIf(res: Response, outcome: SimulateOutcome): void {
  if (outcome.ok) {
    // Not res.send(): its ETag hashes the whole answer (about 1 ms for a flood's 0.6 MB), and a what-if is
    // never cached (no-store) nor asked for again with If-None-Match.
    res.type("application/json").setHeader("Content-Length", outcome.json.byteLength);
    res.end(outcome.json);
    return;
  }
  throw outcome.code === "bad_json" ? new DomainError("bad_json", "Request body is not valid JSON") : new DomainError("validation", "Invalid body", outcome.issues);
}
