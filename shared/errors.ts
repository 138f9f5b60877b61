/** The error vocabulary of the REST API and the socket commands, as schemas, and the error that carries it. */
import { z } from "zod";
import { CONFLICT_REASONS, ERROR_CODES, FIELD_REASONS, FORBIDDEN_REASONS, HTTP_STATUS, type FieldReason, type ForbiddenReason } from "./vocabulary.js";

// The word lists live in shared/vocabulary.ts (no zod there, so a client reads them before it loads zod).
export { CONFLICT_REASONS, ERROR_CODES, FIELD_REASONS, FORBIDDEN_REASONS, HTTP_STATUS, type FieldReason, type ForbiddenReason };

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ConflictReason = z.enum(CONFLICT_REASONS);
export type ConflictReason = z.infer<typeof ConflictReason>;

/** `details` of a 409. */
export const ConflictDetails = z.object({
  reason: ConflictReason,
  currentVersion: z.number().int().optional(),
  state: z.string().optional(),
  unitId: z.string().optional(),
  floor: z.number().int().optional(),
  staying: z.number().int().optional(),
  needId: z.string().optional(),
  held: z.number().int().optional(),
  protocolVersion: z.number().int().optional(),
  /** The people the conflict is about (a mutasi that cannot take effect while they are deployed). */
  staffIds: z.array(z.string()).optional(),
}).strict();
export type ConflictDetails = z.infer<typeof ConflictDetails>;



/**
 * One field issue of a 400: its dotted path, an English message for API users, and what a client needs to
 * say it in its own language: the zod issue code with its bounds, or for the domain's own checks a `reason`.
 */
export const FieldIssue = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
  reason: z.string().optional(),
  expected: z.string().optional(),
  origin: z.string().optional(),
  format: z.string().optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  inclusive: z.boolean().optional(),
}).strict();
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
  /** The request's id, as in its X-Request-Id header and the server's log line (REST only). */
  requestId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** The one error type of the domain; the HTTP and socket layers map it to their wire forms. */
export class DomainError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly details?: FieldIssue[] | ConflictDetails | Record<string, unknown>) {
    super(message);
    this.name = "DomainError";
  }
}

/** A 409 with its reason (and what else the client needs to explain it). */
export function conflict(reason: ConflictReason, message: string, details: Omit<ConflictDetails, "reason"> = {}): DomainError {
  return new DomainError("conflict", message, { reason, ...details });
}

/** A 400 naming one field, with the reason a client translates. */
export function invalidField(path: string, reason: FieldReason, message: string): DomainError {
  return new DomainError("validation", "Invalid body", [{ path, message, code: "custom", reason }]);
}

const numeric = (v: unknown) => (typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : undefined);

/** Turns zod issues into `[{path:"needs.0.count", message, code, …bounds}]`. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const raw = issue as unknown as Record<string, unknown>;
    const out: FieldIssue = { path: issue.path.map(String).join(".") || "(root)", message: issue.message, code: issue.code };
    const reason = (raw.params as { reason?: unknown } | undefined)?.reason;
    if (typeof reason === "string") out.reason = reason;
    for (const key of ["expected", "origin", "format"] as const) if (typeof raw[key] === "string") out[key] = raw[key] as string;
    const minimum = numeric(raw.minimum), maximum = numeric(raw.maximum);
    if (minimum !== undefined) out.minimum = minimum;
    if (maximum !== undefined) out.maximum = maximum;
    if (typeof raw.inclusive === "boolean") out.inclusive = raw.inclusive;
    return out;
  });
}
