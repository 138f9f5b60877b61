/**
 * User text (names, titles, reasons, notes) may not carry control characters (issue 16, item 12): C0
 * and C1 controls and DEL (NUL among them), and the bidirectional controls that reorder what follows
 * them on screen (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, U+200E/U+200F marks,
 * U+061C). One refinement, used by every input schema with such text; its FIELD_REASONS code is
 * `control_chars`, which the dashboard translates.
 */
import { z } from "zod";

const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Reasons and notes may break lines and indent: tab, line feed and carriage return pass. */
const CONTROLS_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** The string schema, refusing control and bidi characters (`multiline`: keeps tab and line breaks). */
export function plainText<S extends z.ZodString>(schema: S, options: { multiline?: boolean } = {}): S {
  const bad = options.multiline ? CONTROLS_MULTILINE : CONTROLS;
  return schema.refine((text) => !bad.test(text), { message: "control or bidirectional characters are not allowed", params: { reason: "control_chars" } }) as S;
}
