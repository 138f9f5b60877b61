/**
 * Field-level messages in the user's language: from the shared zod schemas (checked before sending) and
 * from a server 400's `details` paths. Keys are dotted paths (`needs.0.count`), as the server sends them.
 */
import type { z } from "zod";
import { ASSIGNMENT_STATES, type AssignmentState } from "../../shared/domain.js";
import type { FieldIssue } from "../../shared/errors.js";
import type { I18n } from "../i18n/index.js";
import { ApiError } from "./api.js";

export type FieldErrors = Record<string, string>;

type Issue = z.core.$ZodIssue;

/** One issue in words. The schema's own (English) message is kept only for custom rules we do not know. */
export function issueMessage(issue: Issue, { t, f }: Pick<I18n, "t" | "f">): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null || (typeof issue.input === "number" && Number.isNaN(issue.input))) {
        return t("validation.required");
      }
      return issue.expected === "int" ? t("validation.integer") : issue.expected === "number" ? t("validation.number") : t("validation.invalid");
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? t("validation.required") : t("validation.minChars", { n: f.number(min) });
      if (issue.origin === "array") return t("validation.minItems", { n: f.number(min) });
      return issue.inclusive === false ? t("validation.greaterThan", { n: f.number(min, 6) }) : t("validation.min", { n: f.number(min, 6) });
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return t("validation.maxChars", { n: f.number(max) });
      if (issue.origin === "array") return t("validation.maxItems", { n: f.number(max) });
      return t("validation.max", { n: f.number(max, 6) });
    }
    case "invalid_value":
      return t("validation.choice");
    case "invalid_format":
      return t("validation.format");
    case "unrecognized_keys":
      return t("validation.unknownField");
    case "custom":
      if (/listed twice/.test(issue.message)) return t("validation.duplicateSkill");
      return issue.message;
    default:
      return t("validation.invalid");
  }
}

export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** The first message per path of a failed safeParse. */
export function zodFieldErrors(error: z.ZodError, i18n: Pick<I18n, "t" | "f">): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = pathKey(issue.path) || "(root)";
    out[key] ??= issueMessage(issue, i18n);
  }
  return out;
}

/** A server 400's details by path (its messages are the server's, in English: marked as such). */
export function serverFieldErrors(issues: FieldIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) out[issue.path] ??= issue.message;
  return out;
}

/** For useAction's onError: a 400 naming fields marks them (then `also`); the form's message shows as well. */
export function markServerFields(setErrors: (errors: FieldErrors) => void, also?: () => void): (err: unknown) => boolean {
  return (err) => {
    if (err instanceof ApiError && err.issues.length) {
      setErrors(serverFieldErrors(err.issues));
      also?.();
    }
    return false;
  };
}

/** A whole-form message for any failure of a call, in the user's language. */
export function errorMessage(err: unknown, { t }: Pick<I18n, "t">): string {
  if (err instanceof ApiError) {
    switch (err.code) {
      case "network": return t("error.network");
      case "validation": case "bad_json": return t("error.validation");
      case "unauthenticated": return t("error.unauthenticated");
      case "forbidden": return t("error.forbidden");
      case "not_found": return t("error.notFound");
      case "conflict": {
        // The server's details say which rule; known ones get a sentence in the user's language.
        const d = (err.details ?? {}) as { reason?: string; floor?: number; state?: string };
        if (d.reason === "version") return t("error.versionConflict");
        if (typeof d.floor === "number") return t("error.floor", { floor: d.floor });
        if (typeof d.state === "string" && (ASSIGNMENT_STATES as readonly string[]).includes(d.state)) {
          return t("error.wrongState", { state: t(`assignmentState.${d.state as AssignmentState}`) });
        }
        return t("error.conflict", { detail: err.message });
      }
      case "too_large": return t("error.tooLarge");
      case "rate_limited": return t("error.rateLimited");
      default: return t("error.internal");
    }
  }
  return t("error.internal");
}
