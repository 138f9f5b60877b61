/**
 * exceljs, loaded on the first spreadsheet (an import, an export, a template) rather than at start:
 * it is the dearest package to load (~0.3 s), and most starts never read or write a workbook.
 */
import type ExcelJS from "exceljs";

let loading: Promise<typeof ExcelJS> | undefined;

export function excel(): Promise<typeof ExcelJS> {
  loading ??= import("exceljs").then((m) => m.default);
  return loading;
}
