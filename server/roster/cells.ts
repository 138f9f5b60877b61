/** Cell readers shared by the staff and unit imports: yes/no, numbers with a decimal comma, zod issues to columns. */
import type { z } from "zod";
import { fieldIssues } from "../../shared/errors.js";
import type { FieldReason } from "../../shared/errors.js";
import type { ImportCellError } from "../../shared/roster.js";

/** A cell error of the domain's own checks. */
export const cellError = (column: string, reason: FieldReason, message: string): ImportCellError => ({ column, message, code: "custom", reason });

const YES = new Set(["ya", "y", "yes", "true", "1", "benar"]);
const NO = new Set(["tidak", "t", "no", "n", "false", "0", "salah", ""]);

/** "ya"/"tidak" (and true/false, 1/0); anything else is left for the schema to refuse. */
export function yesNo(text: string): boolean | string {
  const v = text.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return text;
}

/** A number as Indonesian spreadsheets write it too ("-10,1960"); text that is none stays text for the schema to refuse. */
export function numberCell(text: string): number | string {
  const t = text.trim().replace(/^(-?\d+),(\d+)$/, "$1.$2");
  if (t === "" || !/^-?\d+(\.\d+)?$/.test(t)) return text;
  return Number(t);
}

/** Zod issues of a row's record as cell errors, each under the column its field came from. */
export function cellErrors(error: z.ZodError, columnOf: Record<string, string>): ImportCellError[] {
  return fieldIssues(error).map(({ path, ...issue }) => ({ ...issue, column: columnOf[path.split(".")[0]!] ?? "(row)" }));
}
