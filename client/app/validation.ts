/**
 * Every failure in the user's language. The API speaks English for API users and codes for clients:
 * field issues carry a zod code with its bounds or a domain `reason` (FIELD_REASONS), a 409 carries a
 * `reason` (CONFLICT_REASONS) with details. This module turns those codes into sentences and never shows
 * the server's English `message`. Field errors are keyed by dotted path (`needs.0.count`), as the server
 * sends them.
 */
import type { z } from "zod";
import type { FieldIssue, FieldReason } from "../../shared/errors.js";
import { FIELD_REASONS } from "../../shared/vocabulary.js";
import type { I18n, MessageKey } from "../i18n/index.js";
import { ZOD_LOCALES } from "../i18n/zod.js";
import { ApiError } from "./api.js";

// The failure of a whole call (conflicts, codes) is in app/error-words.ts, which needs no zod.
export * from "./error-words.js";

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

