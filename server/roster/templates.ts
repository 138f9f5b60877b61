/** The import templates: the header and one example row, as CSV and as XLSX (with a sheet of hints). */
import { stringify } from "csv-stringify/sync";
import { excel } from "../excel.js";
import type { Column } from "../../shared/roster.js";

/** UTF-8 with a BOM, so Excel opens the Indonesian text right. */
export function csvTemplate(columns: readonly Column[]): Buffer {
  const text = stringify([columns.map((c) => c.name), columns.map((c) => c.example)]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}

export async function xlsxTemplate(columns: readonly Column[], sheetName: string): Promise<Buffer> {
  const workbook = new (await excel()).Workbook();
  workbook.creator = "Siaga";
  // Fixed, so the same template downloads as the same bytes.
  workbook.created = workbook.modified = new Date("2026-01-01T00:00:00Z");
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ header: c.name, key: c.name, width: Math.max(14, c.example.length + 4) }));
  // Every cell is text: an 18-digit NIP as a number would lose its last digits.
  sheet.columns.forEach((col) => { col.numFmt = "@"; });
  sheet.addRow(Object.fromEntries(columns.map((c) => [c.name, c.example])));
  sheet.getRow(1).font = { bold: true };
  const help = workbook.addWorksheet("Petunjuk");
  help.columns = [{ header: "kolom", key: "kolom", width: 18 }, { header: "wajib", key: "wajib", width: 8 }, { header: "isi", key: "isi", width: 100 }];
  for (const c of columns) help.addRow({ kolom: c.name, wajib: c.required ? "ya" : "tidak", isi: c.hint });
  help.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
