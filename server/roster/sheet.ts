/**
 * Reads an uploaded spreadsheet (CSV in UTF-8 with or without BOM, comma or semicolon; or XLSX) into rows
 * of named cells, keeping the spreadsheet's own row numbers (the header is row 1). A file that cannot be
 * read, or lacks a required column, is a 400 that names it; a bad cell is the row's business, not this.
 */
import { parse as parseCsv } from "csv-parse/sync";
import type ExcelJS from "exceljs";
import { DomainError, type FieldIssue } from "../../shared/errors.js";
import { CSV_TYPE, IMPORT_MAX_ROWS, XLSX_TYPE, type Column } from "../../shared/roster.js";
import { excel } from "../excel.js";

export interface SheetRow {
  /** The spreadsheet's row number. */
  row: number;
  /** Cell text by column name (the Column's `name`); absent columns are "". */
  cells: Record<string, string>;
  /** Cells that cannot be read as text faithfully (an 18-digit NIP stored as a number). */
  problems: { column: string; message: string }[];
}

const fileError = (message: string, issues: FieldIssue[] = []) => new DomainError("validation", message, issues.length ? issues : [{ path: "file", message }]);

/** The media type of a Content-Type header, without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Parses the body by its media type into rows over `columns`. */
export async function readSheet(body: Buffer, type: string, columns: readonly Column[]): Promise<SheetRow[]> {
  const table = type === XLSX_TYPE ? await readXlsx(body) : type === CSV_TYPE ? readCsv(body) : undefined;
  if (!table) throw fileError(`Send the file as ${CSV_TYPE} or ${XLSX_TYPE}`);
  if (table.length === 0) throw fileError("The file is empty: it needs a header row");
  const [header, ...data] = table;
  const index = headerIndex(header!.cells.map((c) => c.text), columns);
  if (data.length > IMPORT_MAX_ROWS) throw fileError(`The file holds ${data.length} rows; at most ${IMPORT_MAX_ROWS} per import`);
  const rows: SheetRow[] = [];
  for (const line of data) {
    if (line.cells.every((c) => c.text.trim() === "")) continue; // a blank line is no record
    const cells: Record<string, string> = {};
    const problems: SheetRow["problems"] = [];
    for (const column of columns) {
      const at = index.get(column.name);
      const cell = at === undefined ? undefined : line.cells[at];
      cells[column.name] = (cell?.text ?? "").trim();
      if (cell?.problem) problems.push({ column: column.name, message: cell.problem });
    }
    rows.push({ row: line.row, cells, problems });
  }
  return rows;
}

/** Which cell of a row holds each column; a required column missing or a column twice is a 400. */
function headerIndex(header: string[], columns: readonly Column[]): Map<string, number> {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
  const index = new Map<string, number>();
  const issues: FieldIssue[] = [];
  for (const column of columns) {
    const names = [column.name, ...(column.aliases ?? [])].map(norm);
    const at = header.flatMap((h, i) => (names.includes(norm(h)) ? [i] : []));
    if (at.length > 1) issues.push({ path: `columns.${column.name}`, message: `Column ${column.name} appears ${at.length} times in the header`, code: "custom", reason: "duplicate_column" });
    else if (at.length === 1) index.set(column.name, at[0]!);
    else if (column.required) issues.push({ path: `columns.${column.name}`, message: `The header lacks the column ${column.name}`, code: "custom", reason: "missing_column" });
  }
  if (issues.length) throw fileError("The header row does not have the columns this import needs", issues);
  return index;
}

interface Line { row: number; cells: { text: string; problem?: string }[] }

/** Comma or semicolon: whichever the header line uses more, outside quotes. */
function delimiterOf(text: string): "," | ";" {
  let commas = 0, semis = 0, quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semis++;
  }
  return semis > commas ? ";" : ",";
}

function readCsv(body: Buffer): Line[] {
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let decoded: string;
  try {
    decoded = text.decode(body); // drops a leading BOM
  } catch {
    throw fileError("The CSV file is not UTF-8 text; save it as \"CSV UTF-8\"");
  }
  try {
    const records = parseCsv(decoded, { delimiter: delimiterOf(decoded), relax_column_count: true, skip_empty_lines: false, info: true, bom: true }) as unknown as { record: string[] }[];
    // A record's row number is its place among records (a quoted cell may span lines, a spreadsheet row it stays).
    return records.map((r, i) => ({ row: i + 1, cells: r.record.map((text) => ({ text })) }));
  } catch (error) {
    throw fileError(`The CSV file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readXlsx(body: Buffer): Promise<Line[]> {
  const workbook = new (await excel()).Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw fileError("The XLSX file cannot be read; save it again as an Excel workbook (.xlsx)");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileError("The XLSX file has no worksheet");
  const lines: Line[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: Line["cells"] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    lines.push({ row: row.number, cells });
  });
  // The header is the sheet's row 1; data rows keep their numbers, blank rows between them are skipped.
  if (lines.length && lines[0]!.row !== 1) throw fileError("The first row of the worksheet must be the header");
  return lines;
}

function cellText(value: ExcelJS.CellValue): { text: string; problem?: string } {
  if (value === null || value === undefined) return { text: "" };
  if (typeof value === "string") return { text: value };
  if (typeof value === "boolean") return { text: value ? "ya" : "tidak" };
  if (typeof value === "number") {
    // An 18-digit NIP typed into a number cell has lost its last digits already (doubles hold 15-16).
    if (Number.isInteger(value) && Math.abs(value) >= 1e15) return { text: String(value), problem: "A long number stored as a number cell has lost digits; format the column as text" };
    return { text: String(value) };
  }
  if (value instanceof Date) return { text: value.toISOString() };
  if (typeof value === "object") {
    if ("richText" in value) return { text: value.richText.map((r) => r.text).join("") };
    if ("result" in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ("text" in value) return { text: String((value as { text: unknown }).text) };
  }
  return { text: String(value) };
}
