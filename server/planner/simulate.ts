/**
 * The what-if endpoint's whole job on raw bytes: JSON parse, validation with the shared schema (PlannerInput,
 * by its fast parse: shared/planner.ts), the solve, and the answer's JSON as UTF-8 bytes. It runs in the
 * planner's worker thread, so a province-size body (12 MB, about 0.2 s of parsing and validating) costs the
 * event loop nothing: the body's bytes are moved to the worker and the answer's moved back (pool.ts, moved()).
 */
import { Buffer, isAscii } from "node:buffer";
import { move, transferableSymbol, valueSymbol } from "piscina";
import { fieldIssues, type FieldIssue } from "../../shared/errors.js";
import { safeParsePlannerInput } from "../../shared/planner.js";
import { plan } from "./index.js";

/**
 * A worker cannot throw a DomainError across the thread boundary (its class is lost): it answers one of
 * these. The mutasi what-if answers the same (server/mutasi/model/simulate.ts).
 */
export type SimulateOutcome =
  | { ok: true; json: Uint8Array }
  | { ok: false; code: "bad_json" }
  | { ok: false; code: "validation"; issues: FieldIssue[] };

export function simulateJson(raw: Uint8Array): SimulateOutcome {
  let body: unknown;
  try {
    body = parseJsonBytes(raw);
  } catch {
    return { ok: false, code: "bad_json" };
  }
  const input = safeParsePlannerInput(body);
  if (!input.success) return { ok: false, code: "validation", issues: fieldIssues(input.error) };
  return answer(plan(input.data));
}

/**
 * JSON.parse of UTF-8 bytes. Bytes that are all ASCII (a roster's ids, skills and numbers: nearly every
 * body) are their own Latin-1 string, copied as they are (0.26 ms for a 1.2 MB flood, against 0.8 ms to
 * decode them as UTF-8); anything else, a byte-order mark included, is decoded as UTF-8.
 */
export function parseJsonBytes(raw: Uint8Array): unknown {
  const text = isAscii(raw) ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("latin1") : new TextDecoder().decode(raw);
  return JSON.parse(text);
}

/** An answer as UTF-8 bytes in an ArrayBuffer of their own, so that moved() can hand them over whole. */
export function answer(result: unknown): SimulateOutcome {
  return { ok: true, json: new TextEncoder().encode(JSON.stringify(result)) };
}

/**
 * A worker's outcome with the answer's bytes moved to the event loop's thread instead of copied (piscina's
 * Transferable): a flood's answer is 0.6 MB, which a copy took about 1 ms of, on both threads.
 */
export function moved(outcome: SimulateOutcome): SimulateOutcome {
  if (!outcome.ok) return outcome;
  return move({ [transferableSymbol]: [outcome.json.buffer], [valueSymbol]: outcome }) as unknown as SimulateOutcome;
}
