import type { z } from "zod";
import { DomainError, fieldIssues } from "../../shared/errors.js";

/** Parses untrusted input with a shared schema; a mismatch is a 400 with field paths. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what = "body"): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new DomainError("validation", `Invalid ${what}`, fieldIssues(result.error));
  }
  return result.data;
}
