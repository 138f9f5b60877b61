/** One unit row of an import: read, checked with the shared UnitCreate schema, and compared with the stored unit. */
import { UnitCreate } from "../../shared/api.js";
import type { Unit } from "../../shared/domain.js";
import type { ImportCellError } from "../../shared/roster.js";
import { cellErrors, numberCell, yesNo } from "./cells.js";
import type { SheetRow } from "./sheet.js";

export type UnitFields = Omit<Unit, "id" | "version">;

const COLUMN_OF: Record<string, string> = {
  code: "kode", name: "nama", kind: "jenis", location: "lat", kelurahan: "kelurahan", floor: "batas_minimum", workload: "beban_kerja", approximate: "perkiraan",
};

export function readUnitRow(row: SheetRow): { fields?: UnitFields; errors: ImportCellError[] } {
  const c = row.cells;
  const record = {
    code: c.kode!.toLowerCase(),
    name: c.nama,
    kind: c.jenis!.toLowerCase(),
    location: { lat: numberCell(c.lat!), lng: numberCell(c.lng!) },
    kelurahan: c.kelurahan,
    floor: numberCell(c.batas_minimum!),
    workload: numberCell(c.beban_kerja!),
    approximate: yesNo(c.perkiraan!),
  };
  const parsed = UnitCreate.safeParse(record);
  if (!parsed.success) {
    const errors = cellErrors(parsed.error, COLUMN_OF).map((e, i) => {
      // location.lat / location.lng: the column is the coordinate's own.
      const issue = parsed.error.issues[i]!;
      return issue.path[0] === "location" && issue.path[1] === "lng" ? { ...e, column: "lng" } : e;
    });
    return { errors };
  }
  return { fields: { ...parsed.data, approximate: parsed.data.approximate ?? false }, errors: [] };
}

export function unitUnchanged(stored: Unit, f: UnitFields): boolean {
  return stored.name === f.name && stored.kind === f.kind && stored.location.lat === f.location.lat && stored.location.lng === f.location.lng
    && stored.kelurahan === f.kelurahan && stored.floor === f.floor && stored.workload === f.workload && stored.approximate === f.approximate;
}
