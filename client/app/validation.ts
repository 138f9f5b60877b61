/**
 * Every failure in the user's language. The API speaks English for API users and codes for clients:
 * field issues carry a zod code with its bounds or a domain `reason` (FIELD_REASONS), a 409 carries a
 * `reason` (CONFLICT_REASONS) with details. This module turns those codes into sentences and never shows
 * the server's English `message`. Field errors are keyed by dotted path (`needs.0.count`), as the server
 * sends them.
 */
import type { z } from "zod";
import type { PlanLineFailure } from "../../shared/api.js";
import { ASSIGNMENT_STATES, INCIDENT_STATUSES, STAFF_STATUSES, type AssignmentState, type IncidentStatus, type StaffStatus } from "../../shared/domain.js";
import { FIELD_REASONS, FORBIDDEN_REASONS, type ConflictReason, type ErrorCode, type FieldIssue, type FieldReason, type ForbiddenReason } from "../../shared/errors.js";
import { ZOD_LOCALES, type I18n, type MessageKey } from "../i18n/index.js";
import { ApiError } from "./api.js";

export type FieldErrors = Record<string, string>;

type Words = Pick<I18n, "t" | "f" | "locale">;

/** The words of each domain reason of a field issue. */
export const FIELD_REASON_KEYS: Record<FieldReason, MessageKey> = {
  nip_digits: "fieldReason.nip_digits",
  nip_birth_date: "fieldReason.nip_birth_date",
  nip_tmt: "fieldReason.nip_tmt",
  nip_tmt_before_18: "fieldReason.nip_tmt_before_18",
  nip_gender: "fieldReason.nip_gender",
  nip_sequence: "fieldReason.nip_sequence",
  unit_required: "fieldReason.unit_required",
  staff_required: "fieldReason.staff_required",
  link_not_for_role: "fieldReason.link_not_for_role",
  control_chars: "fieldReason.control_chars",
  password_is_username: "fieldReason.password_is_username",
  common_password: "fieldReason.common_password",
  duplicate_skill: "fieldReason.duplicate_skill",
  duplicate_id: "fieldReason.duplicate_id",
  unknown_unit: "fieldReason.unknown_unit",
  future: "fieldReason.future",
  not_unit_staff: "fieldReason.not_unit_staff",
  unknown_need: "fieldReason.unknown_need",
  required: "fieldReason.required",
  unknown_position: "fieldReason.unknown_position",
  stay_no_wishes: "fieldReason.stay_no_wishes",
  duplicate_wish: "fieldReason.duplicate_wish",
  wish_current: "fieldReason.wish_current",
  wish_other_jabatan: "fieldReason.wish_other_jabatan",
  not_in_plan: "fieldReason.not_in_plan",
  position_other_unit: "fieldReason.position_other_unit",
  missing_column: "fieldReason.missing_column",
  duplicate_column: "fieldReason.duplicate_column",
  unknown_skill: "fieldReason.unknown_skill",
  duplicate_in_file: "fieldReason.duplicate_in_file",
  number_cell: "fieldReason.number_cell",
  open_assignment: "fieldReason.open_assignment",
  beyond_log: "fieldReason.beyond_log",
  not_deployed: "fieldReason.not_deployed",
  past: "fieldReason.past",
  push_endpoint: "fieldReason.push_endpoint",
  push_key: "fieldReason.push_key",
};

const isFieldReason = (r: unknown): r is FieldReason => typeof r === "string" && (FIELD_REASONS as readonly string[]).includes(r);
const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === "string" && (values as readonly string[]).includes(v);

/**
 * One issue in words: a zod issue of a local parse, or a server FieldIssue (the same code and bounds,
 * the domain reason as `reason`). Known codes and reasons get the dashboard's own sentences; a code it
 * does not know gets zod's own locale for a local issue (which has all of zod's fields) and a generic
 * sentence for a server one. Never the issue's English `message`.
 */
export function issueMessage(issue: z.core.$ZodIssue | FieldIssue, { t, f, locale }: Words): string {
  const raw = issue as Record<string, unknown> & { code?: string };
  const reason = "params" in issue ? (issue.params as { reason?: unknown } | undefined)?.reason : raw.reason;
  if (isFieldReason(reason)) return t(FIELD_REASON_KEYS[reason]);
  const minimum = Number(raw.minimum), maximum = Number(raw.maximum);
  switch (raw.code) {
    case "invalid_type": {
      // zod leaves the input out of its issues (and the server never sends it): without one it was missing.
      const input = raw.input;
      if (!("input" in raw) || input === undefined || input === null || (typeof input === "number" && Number.isNaN(input))) return t("validation.required");
      return raw.expected === "int" ? t("validation.integer") : raw.expected === "number" ? t("validation.number") : t("validation.invalid");
    }
    case "too_small":
      if (raw.origin === "string") return minimum <= 1 ? t("validation.required") : t("validation.minChars", { n: f.number(minimum) });
      if (raw.origin === "array" || raw.origin === "set") return t("validation.minItems", { n: f.number(minimum) });
      return raw.inclusive === false ? t("validation.greaterThan", { n: f.number(minimum, 6) }) : t("validation.min", { n: f.number(minimum, 6) });
    case "too_big":
      if (raw.origin === "string") return t("validation.maxChars", { n: f.number(maximum) });
      if (raw.origin === "array" || raw.origin === "set") return t("validation.maxItems", { n: f.number(maximum) });
      return raw.inclusive === false ? t("validation.lessThan", { n: f.number(maximum, 6) }) : t("validation.max", { n: f.number(maximum, 6) });
    case "invalid_value":
      return t("validation.choice");
    case "invalid_format":
      return raw.format === "datetime" || raw.format === "date" ? t("validation.dateTime") : t("validation.format");
    case "unrecognized_keys":
      return t("validation.unknownField");
    case "custom":
      return t("validation.invalid");
    default:
      return Array.isArray(issue.path) ? zodLocaleMessage(issue as z.core.$ZodIssue, locale) ?? t("validation.invalid") : t("validation.invalid");
  }
}

/** zod's own sentence for an issue, in the user's language (zod ships both locales). */
function zodLocaleMessage(issue: z.core.$ZodIssue, locale: Words["locale"]): string | undefined {
  try {
    const out = ZOD_LOCALES[locale].localeError(issue as unknown as z.core.$ZodRawIssue);
    const text = typeof out === "string" ? out : out?.message;
    return text?.trim() ? text : undefined;
  } catch {
    return undefined;
  }
}

export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** The first message per path of a failed safeParse. */
export function zodFieldErrors(error: z.ZodError, i18n: Words): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = pathKey(issue.path) || "(root)";
    out[key] ??= issueMessage(issue, i18n);
  }
  return out;
}

/** A server 400's details by path, in the same words as a local parse's. */
export function serverFieldErrors(issues: FieldIssue[], i18n: Words): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) out[issue.path] ??= issueMessage(issue, i18n);
  return out;
}

/** For useAction's onError: a 400 naming fields marks them (then `also`); the form's message shows as well. */
export function markServerFields(setErrors: (errors: FieldErrors) => void, i18n: Words, also?: () => void): (err: unknown) => boolean {
  return (err) => {
    if (err instanceof ApiError && err.issues.length) {
      setErrors(serverFieldErrors(err.issues, i18n));
      also?.();
    }
    return false;
  };
}

/** What a message may name from the live state (the unit of a floor conflict). */
export interface Names {
  unit?(id: string): string | undefined;
}

/** The 409 details a sentence can use; anything else of them is ignored. */
interface ConflictFacts {
  reason?: unknown;
  state?: unknown;
  unitId?: unknown;
  floor?: unknown;
  held?: unknown;
}

/** The words of each conflict reason (the plain variant, used when the details add nothing). */
export const CONFLICT_KEYS: Record<ConflictReason, MessageKey> = {
  version: "conflict.version",
  floor: "conflict.floor.noNumber",
  already_open: "conflict.already_open",
  wrong_state: "conflict.wrong_state",
  covered: "conflict.covered",
  skill: "conflict.skill",
  own_unit: "conflict.own_unit",
  unavailable: "conflict.unavailable",
  site_closed: "conflict.site_closed",
  unique: "conflict.unique",
  in_use: "conflict.in_use",
  open_assignment: "conflict.open_assignment",
  need_held: "conflict.need_held",
  recall_pending: "conflict.recall_pending",
  no_recall: "conflict.no_recall",
  already_released: "conflict.already_released",
  protocol: "conflict.protocol",
  no_signer: "conflict.no_signer",
  idempotency_reused: "conflict.idempotency_reused",
  in_progress: "conflict.in_progress",
  not_escalated: "conflict.not_escalated",
  not_contained: "conflict.not_contained",
  push_off: "conflict.push_off",
};

/** A 409 in words, from its reason and the details that help; an unknown reason gets a generic sentence. */
export function conflictMessage(details: unknown, { t, f }: Pick<I18n, "t" | "f">, names: Names = {}): string {
  const d = (typeof details === "object" && details !== null ? details : {}) as ConflictFacts;
  const reason = d.reason;
  if (typeof reason !== "string" || !Object.hasOwn(CONFLICT_KEYS, reason)) return t("conflict.unknown");
  switch (reason as ConflictReason) {
    case "floor": {
      const unit = (typeof d.unitId === "string" ? names.unit?.(d.unitId) : undefined) ?? t("conflict.homeUnit");
      return typeof d.floor === "number" ? t("conflict.floor", { unit, floor: f.number(d.floor) }) : t("conflict.floor.noNumber", { unit });
    }
    case "wrong_state":
      if (oneOf(ASSIGNMENT_STATES, d.state)) return t("conflict.wrong_state.assignment", { state: t(`assignmentState.${d.state as AssignmentState}`) });
      if (oneOf(INCIDENT_STATUSES, d.state)) return t("conflict.wrong_state.incident", { state: t(`incidentStatus.${d.state as IncidentStatus}`) });
      if (d.state === "ended") return t("conflict.wrong_state.ended");
      return t("conflict.wrong_state");
    case "unavailable":
      return oneOf(STAFF_STATUSES, d.state) ? t("conflict.unavailable.status", { state: t(`staffStatus.${d.state as StaffStatus}`) }) : t("conflict.unavailable");
    case "need_held":
      return typeof d.held === "number" ? t("conflict.need_held.count", { held: f.number(d.held) }) : t("conflict.need_held");
    default:
      return t(CONFLICT_KEYS[reason as ConflictReason]);
  }
}

/** A 403 beyond the role says why (shared/errors.ts FORBIDDEN_REASONS); otherwise the role's sentence. */
export const FORBIDDEN_KEYS: Record<ForbiddenReason, MessageKey> = {
  acting_signer: "forbidden.acting_signer",
  blackout: "forbidden.blackout",
};
const FORBIDDEN = new Set<string>(FORBIDDEN_REASONS);

export function forbiddenMessage(details: unknown, { t }: Pick<I18n, "t">): string {
  const reason = (details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === "string" && FORBIDDEN.has(reason) ? t(FORBIDDEN_KEYS[reason as ForbiddenReason]) : t("error.forbidden");
}

/** The whole-form message of an error code other than a conflict. */
export function codeMessage(code: ErrorCode | "network", { t }: Pick<I18n, "t">): string {
  switch (code) {
    case "network": return t("error.network");
    case "validation": case "bad_json": return t("error.validation");
    case "unauthenticated": return t("error.unauthenticated");
    case "forbidden": return t("error.forbidden");
    case "not_found": return t("error.notFound");
    case "conflict": return t("conflict.unknown");
    case "too_large": return t("error.tooLarge");
    case "rate_limited": return t("error.rateLimited");
    case "unsupported_media_type": return t("error.unsupportedMedia");
    case "store_unavailable": return t("error.storeUnavailable");
    default: return t("error.internal");
  }
}

/**
 * Why a plan line could not be approved, from its code and conflict reason (its English `reason` is for
 * API users). `home` is the person's home unit, for a floor conflict, whose line carries no details.
 */
export function lineFailureMessage(failure: PlanLineFailure, i18n: Pick<I18n, "t" | "f">, home?: { unitId: string; floor: number }, names?: Names): string {
  if (failure.code !== "conflict") return codeMessage(failure.code, i18n);
  return conflictMessage({ reason: failure.conflict, ...(failure.conflict === "floor" ? home : {}) }, i18n, names);
}

/** A whole-form message for any failure of a call, in the user's language. */
export function errorMessage(err: unknown, i18n: Pick<I18n, "t" | "f">, names?: Names): string {
  if (!(err instanceof ApiError)) return i18n.t("error.internal");
  if (err.code === "forbidden") return forbiddenMessage(err.details, i18n);
  return err.code === "conflict" ? conflictMessage(err.details, i18n, names) : codeMessage(err.code, i18n);
}
