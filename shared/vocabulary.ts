/**
 * The closed word lists of the domain and the API that the dashboard needs before it has loaded zod and
 * the schemas (issue 14: a staff phone on a weak link paints its assignment without them): the states a
 * record can be in, the error codes and reasons, the Idempotency-Key header. No import, no schema: the
 * schemas are built on these (domain.ts, errors.ts, idempotency.ts), which re-export them.
 */

export const STAFF_STATUSES = ["available", "deployed", "leave", "off_duty"] as const;
export const INCIDENT_STATUSES = ["active", "contained", "closed"] as const;
export const ASSIGNMENT_STATES = ["requested", "confirmed", "active", "completed", "declined", "recalled", "cancelled"] as const;

/** The header of every write under /api (shared/idempotency.ts). */
export const IDEMPOTENCY_HEADER = "Idempotency-Key";

/** The closed error vocabulary of the REST API and the socket commands. */
export const ERROR_CODES = [
  "validation",      // 400: body, query or params do not match the schema
  "bad_json",        // 400: the body is not JSON
  "unauthenticated", // 401: no, bad, expired or revoked token
  "forbidden",       // 403: the role may not do this
  "not_found",       // 404
  "conflict",        // 409: version mismatch, invariant 1 or 2, wrong state; `details.reason` says which
  "too_large",       // 413
  "rate_limited",    // 429
  "internal",        // 500: never with a stack
  "unsupported_media_type", // 415: a body that is not JSON (nor a type the route lists in `accepts`)
  "store_unavailable",      // 503: the database cannot be read or written (full, read-only or failing disk)
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation: 400, bad_json: 400, unauthenticated: 401, forbidden: 403, not_found: 404,
  conflict: 409, too_large: 413, rate_limited: 429, internal: 500,
  unsupported_media_type: 415, store_unavailable: 503,
};

/** Why a 409: a closed set, so a client can say it in its own language. */
export const CONFLICT_REASONS = [
  "version",          // the record changed since the client read it
  "floor",            // the donor unit would fall below its staffing floor (invariant 2)
  "already_open",     // the person already holds an open assignment (invariant 1)
  "wrong_state",      // the step is not possible from the record's current state
  "covered",          // the need is already fully covered
  "skill",            // the person lacks the need's skill
  "own_unit",         // nobody is lent to their own unit
  "unavailable",      // the person is on leave, off duty or deployed
  "site_closed",      // the need's incident is closed or its spike has ended
  "unique",           // a code, NIP or username that is already taken
  "in_use",           // a unit that still has staff or an active spike
  "open_assignment",  // the person's open assignment decides this (status, home unit, removal)
  "need_held",        // a need cannot shrink below, or lose, the people holding it
  "recall_pending",   // a recall already waits for the coordinator
  "no_recall",        // no recall was asked
  "already_released", // the person is already released
  "protocol",         // the client speaks another version of the live protocol
  "no_signer",        // no head of the lending unit is known to sign its surat tugas (issue 11)
  "idempotency_reused", // an Idempotency-Key sent again with another method, path or body
  "in_progress",      // the first request with this Idempotency-Key is still running; retry
  "not_escalated",    // the coordinator confirms for a unit only once the request has been escalated
  "not_contained",    // demobilisation is for a contained incident
  "push_off",         // this deployment has no Web Push (no SIAGA_VAPID_* keys)
] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

/** Why a 403 beyond the role (`details.reason`): a closed set, so a client can say it in its own language. */
export const FORBIDDEN_REASONS = [
  "acting_signer", // a Plh/Plt may propose a mutasi but never sign it (SE BKN 2/SE/VII/2019)
  "blackout",      // inside a blackout window (UU 10/2016 Pasal 71(2), 162(3)) without the Minister's approval
] as const;
export type ForbiddenReason = (typeof FORBIDDEN_REASONS)[number];

/**
 * Why a field failed one of the domain's own checks (a FieldIssue with code "custom" carries it as
 * `reason`): a closed set, so a client can say it in its own language. Zod's built-in checks need none;
 * their code and bounds say it.
 */
export const FIELD_REASONS = [
  "nip_digits", "nip_birth_date", "nip_tmt", "nip_tmt_before_18", "nip_gender", "nip_sequence", // shared/nip.ts
  "unit_required", "staff_required", "duplicate_skill", "link_not_for_role", "password_is_username", // shared/api.ts
  "control_chars", // shared/text.ts
  "duplicate_id", "unknown_unit", // shared/planner.ts
  "not_in_plan", "position_other_unit", // the mutasi cycle (server/mutasi/plans.ts, server/staff/service.ts)
  "future", "not_unit_staff", "unknown_need", "required", "common_password", // the services (invalidField)
  "unknown_position", "stay_no_wishes", "duplicate_wish", "wish_current", "wish_other_jabatan", // shared/mutasi.ts
  "missing_column", "duplicate_column", // an import file's header (server/roster/sheet.ts)
  "unknown_skill", "duplicate_in_file", "number_cell", "open_assignment", // an import row (server/roster/)
  "beyond_log", // GET /state?atSeq past the log's last seq
  "not_deployed", // demobilise: an assignment not deployed to the incident
  "past", // a planned end that is not in the future
  "push_endpoint", "push_key", // a Web Push subscription (shared/push.ts)
] as const;
export type FieldReason = (typeof FIELD_REASONS)[number];
