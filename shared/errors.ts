/** The closed error vocabulary of the REST API and the socket commands. */
import { z } from "zod";

export const ERROR_CODES = [
  "validation",      // 400: body, query or params do not match the schema
  "bad_json",        // 400: the body is not JSON
  "unauthenticated", // 401: no, bad, expired or revoked token
  "forbidden",       // 403: the role may not do this
  "not_found",       // 404
  "conflict",        // 409: version mismatch, invariant 1 or 2, wrong state
  "too_large",       // 413
  "rate_limited",    // 429
  "internal",        // 500: never with a stack
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation: 400, bad_json: 400, unauthenticated: 401, forbidden: 403, not_found: 404,
  conflict: 409, too_large: 413, rate_limited: 429, internal: 500,
};

export const FieldIssue = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

export const ErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** The one error type of the domain; the HTTP and socket layers map it to their wire forms. */
export class DomainError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly details?: unknown) {
    super(message);
    this.name = "DomainError";
  }
}

/** Turns zod issues into `[{path:"needs.0.count", message}]`. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(root)", message: issue.message }));
}
