/**
 * Cells as spreadsheets open them safely: text starting with = + - @, a tab or a carriage return would run
 * as a formula (CSV injection), so it is prefixed with a quote. Dates are WITA (server/documents/dates.ts).
 */
import { stringify } from "csv-stringify/sync";
import { excel } from "../excel.js";

export type Cell = string | number | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

/** The cell as it is written: formula starts neutralised, empty for none. */
export function safeCell(value: Cell): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return value;
  return FORMULA.test(value) ? `'${value}` : value;
}

/** UTF-8 CSV with a BOM (Excel reads the Indonesian text right), CRLF line ends. */
export function toCsv(header: string[], rows: Cell[][]): Buffer {
  const text = stringify([header, ...rows.map((r) => r.map(safeCell))], { record_delimiter: "windows" });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}

export async function toXlsx(sheetName: string, header: string[], rows: Cell[][]): Promise<Buffer> {
  const workbook = new (await excel()).Workbook();
  workbook.creator = "Siaga";
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map(safeCell));
  sheet.columns.forEach((c) => { c.width = 18; });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
