/**
 * A failed call in the user's language: a 409 from its reason and details, a 403 from its reason, any
 * other code in a sentence (app/validation.ts adds field issues, which need zod's own words). Apart so that
 * a page that only shows a call's failure (every ErrorBox) does not load zod (issue 14's weak link).
 */
import type { PlanLineFailure } from "../../shared/api.js";
import type { AssignmentState, IncidentStatus, StaffStatus } from "../../shared/domain.js";
import type { ConflictReason, ErrorCode, ForbiddenReason } from "../../shared/errors.js";
import { ASSIGNMENT_STATES, FORBIDDEN_REASONS, INCIDENT_STATUSES, STAFF_STATUSES } from "../../shared/vocabulary.js";
import type { I18n, MessageKey } from "../i18n/index.js";
import { ApiError } from "./api.js";

const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === "string" && (values as readonly string[]).includes(v);

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
      if (d.state === "answered") return t("conflict.wrong_state.answered");
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
