/**
 * REST calls under /api with the session's token. Errors become `ApiError` with the server's code and
 * field issues, so forms can show them next to their fields.
 */
import type { Assignment } from "../../shared/domain.js";
import type { FieldIssue } from "../../shared/errors.js";
import { HTTP_STATUS, IDEMPOTENCY_HEADER, type ErrorCode } from "../../shared/vocabulary.js";
import type { AssignmentAction } from "../../shared/rules.js";
import { getSession, clearSession } from "./session.js";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | "network",
    message: string,
    /** Field-level issues of a 400 (`[{path, message}]`), empty otherwise. */
    readonly issues: FieldIssue[] = [],
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** A fresh Idempotency-Key (shared/idempotency.ts); randomUUID needs a secure context, which localhost and https are. */
export function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
}

/**
 * Calls `/api${path}`; resolves with the parsed JSON body, rejects with an ApiError. Every write carries an
 * Idempotency-Key (a new one unless `key` is given: the offline outbox resends its own), so a retry after a
 * lost answer is applied once.
 */
export async function api<T>(method: Method, path: string, body?: unknown, init: { token?: string | null; key?: string } = {}): Promise<T> {
  const token = init.token !== undefined ? init.token : getSession()?.token;
  const key = method === "GET" ? undefined : init.key ?? newIdempotencyKey();
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: {
        Accept: "application/json",
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(key && path !== "/auth/login" ? { [IDEMPOTENCY_HEADER]: key } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : null,
    });
  } catch (err) {
    throw new ApiError(0, "network", err instanceof Error ? err.message : String(err));
  }
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (res.ok) return json as T;
  const error = (json as { error?: { code?: ErrorCode; message?: string; details?: unknown } } | undefined)?.error;
  const issues = Array.isArray(error?.details)
    ? (error.details as unknown[]).filter((d): d is FieldIssue => typeof d === "object" && d !== null && "path" in d && "message" in d)
    : [];
  const code: ErrorCode = error?.code ?? statusCode(res.status);
  // A token the server no longer accepts ends the session; the app returns to the login page.
  if (res.status === 401 && token && path !== "/auth/login") clearSession("expired");
  throw new ApiError(res.status, code, error?.message ?? res.statusText, issues, error?.details);
}

/** The error code a bare status stands for, read off the shared table (first code of that status). */
function statusCode(status: number): ErrorCode {
  const code = (Object.keys(HTTP_STATUS) as ErrorCode[]).find((c) => HTTP_STATUS[c] === status);
  return code ?? "internal";
}

/** One step of the approval chain (shared/rules.ts) on the version of the assignment the user saw. */
export function assignmentStep(assignment: Pick<Assignment, "id" | "version">, action: AssignmentAction, reason?: string): Promise<Assignment> {
  return api<Assignment>("POST", `/assignments/${encodeURIComponent(assignment.id)}/${action}`, { version: assignment.version, ...(reason ? { reason } : {}) });
}
