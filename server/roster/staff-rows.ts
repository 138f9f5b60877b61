/** One staff row of an import: read, checked with the shared schemas, and compared with the stored record. */
import { StaffCreate } from "../../shared/api.js";
import { Skill, type Staff, type Unit } from "../../shared/domain.js";
import type { ImportCellError } from "../../shared/roster.js";
import { cellError, cellErrors, yesNo } from "./cells.js";
import type { SheetRow } from "./sheet.js";

/** What a staff row sets: the fields the file owns (status and fatigue stay Siaga's). */
export type StaffFields = Pick<Staff, "nip" | "name" | "homeUnitId" | "jabatan" | "golongan" | "skills" | "volunteer"> & { phone?: string };

const COLUMN_OF: Record<string, string> = {
  nip: "nip", name: "nama", homeUnitId: "unit", jabatan: "jabatan", golongan: "golongan", skills: "keahlian", phone: "telepon", volunteer: "relawan",
};
const RowSchema = StaffCreate.omit({ status: true, fatigueHours: true });

/** The row's record, or its cell errors. */
export function readStaffRow(row: SheetRow, unitsByCode: Map<string, Unit>): { fields?: StaffFields; errors: ImportCellError[] } {
  const c = row.cells;
  const errors: ImportCellError[] = row.problems.map((p) => cellError(p.column, "number_cell", p.message));
  const unit = unitsByCode.get(c.unit!.toLowerCase());
  if (c.unit && !unit) errors.push(cellError("unit", "unknown_unit", `No unit with code ${c.unit}`));
  const skills = c.keahlian!.split(";").map((s) => s.trim().toLowerCase()).filter((s) => s !== "");
  for (const s of skills) if (!Skill.safeParse(s).success) errors.push(cellError("keahlian", "unknown_skill", `Unknown skill ${s}`));
  if (new Set(skills).size !== skills.length) errors.push(cellError("keahlian", "duplicate_skill", "A skill is listed twice"));
  const record = {
    nip: c.nip,
    name: c.nama,
    // An unknown code already has its error; the schema then only checks the other cells.
    homeUnitId: unit?.id ?? "unknown",
    jabatan: c.jabatan,
    golongan: c.golongan!.toUpperCase().replace(/\/([A-E])$/, (_m, l: string) => `/${l.toLowerCase()}`),
    skills: skills.filter((s) => Skill.safeParse(s).success),
    volunteer: yesNo(c.relawan!),
    ...(c.telepon ? { phone: c.telepon } : {}),
  };
  const parsed = RowSchema.safeParse(record);
  if (!parsed.success) {
    // Skills already said by name above; an empty list still needs saying.
    const zodErrors = cellErrors(parsed.error, COLUMN_OF).filter((e) => !(e.column === "keahlian" && errors.some((x) => x.column === "keahlian")));
    errors.push(...zodErrors);
  }
  if (errors.length || !parsed.success) return { errors };
  return { fields: parsed.data as StaffFields, errors };
}

const sameSkills = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Whether the stored record already says what the row says. */
export function staffUnchanged(stored: Staff, f: StaffFields): boolean {
  return stored.name === f.name && stored.homeUnitId === f.homeUnitId && stored.jabatan === f.jabatan && stored.golongan === f.golongan
    && sameSkills(stored.skills, f.skills) && stored.volunteer === f.volunteer && (stored.phone ?? "") === (f.phone ?? "");
}

/** The stored record with the row's fields (an empty telepon removes the phone; the file is the roster). */
export function staffWith(stored: Staff, f: StaffFields): Staff {
  const { phone: _p, ...rest } = stored;
  const skills = sameSkills(stored.skills, f.skills) ? stored.skills : f.skills;
  return { ...rest, ...f, skills, ...(f.phone ? { phone: f.phone } : {}) };
}

