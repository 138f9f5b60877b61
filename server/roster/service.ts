/**
 * Roster import: staff (upsert by NIP) and units (upsert by code) from a spreadsheet. All or nothing:
 * every row is checked first, and one bad row means nothing is written, with every bad row said by its
 * spreadsheet row number and column. A dry run answers exactly what the real run would do, from the same
 * plan (`planStaff` / `planUnits`), which the real run computes again inside its write transaction.
 * Every created or updated record is logged by its own event in that one transaction; a new staff member
 * gets a login (username = NIP) with a random first password, returned once in the answer.
 */
import type { PublicUser, Staff, Unit } from "../../shared/domain.js";
import type { ImportLogin, ImportResult, ImportRow } from "../../shared/roster.js";
import { STAFF_COLUMNS, UNIT_COLUMNS } from "../../shared/roster.js";
import { openAssignmentOf } from "../assignments/queries.js";
import { authorize } from "../auth/authorize.js";
import { hashGeneratedPassword, randomPassword } from "../auth/passwords.js";
import { commit, type Ctx } from "../context.js";
import { newId } from "../ids.js";
import type { ReadTx, Tx } from "../store/port.js";
import { cellError } from "./cells.js";
import { readSheet, type SheetRow } from "./sheet.js";
import { readStaffRow, staffUnchanged, staffWith, type StaffFields } from "./staff-rows.js";
import { readUnitRow, unitUnchanged, type UnitFields } from "./unit-rows.js";

type Reads = Pick<ReadTx, "find">;

interface Planned<F, D> {
  row: ImportRow;
  fields?: F;
  stored?: D;
}

function tally(rows: ImportRow[]) {
  const n = (s: ImportRow["status"]) => rows.filter((r) => r.status === s).length;
  return { created: n("created"), updated: n("updated"), unchanged: n("unchanged"), failed: n("error") };
}

/** The rows whose key already appeared earlier in the file are errors, naming the first row. */
function markDuplicates<F, D>(plans: Planned<F, D>[], key: (p: Planned<F, D>) => string | undefined, column: string, what: string) {
  const first = new Map<string, number>();
  for (const p of plans) {
    const k = key(p);
    if (!k) continue;
    const at = first.get(k);
    if (at === undefined) first.set(k, p.row.row);
    else p.row.errors.push(cellError(column, "duplicate_in_file", `${what} ${k} is already in row ${at} of this file`));
  }
}

function settle<F, D>(p: Planned<F, D>, unchanged: (d: D, f: F) => boolean) {
  if (p.row.errors.length) p.row.status = "error";
  else p.row.status = !p.stored ? "created" : unchanged(p.stored, p.fields!) ? "unchanged" : "updated";
}

/** What importing these staff rows does to the stored state: each row's status and errors. */
export async function planStaff(tx: Reads, rows: SheetRow[]): Promise<Planned<StaffFields, Staff>[]> {
  const units = await tx.find("units");
  const byCode = new Map(units.map((u) => [u.code, u]));
  const byNip = new Map((await tx.find("staff")).map((s) => [s.nip, s]));
  const plans = rows.map((r): Planned<StaffFields, Staff> => {
    const { fields, errors } = readStaffRow(r, byCode);
    const nip = fields?.nip ?? (r.cells.nip || undefined);
    return { row: { row: r.row, ...(nip ? { nip } : {}), status: "error", errors }, ...(fields ? { fields } : {}), ...(nip && byNip.get(nip) ? { stored: byNip.get(nip) } : {}) };
  });
  markDuplicates(plans, (p) => p.row.nip, "nip", "NIP");
  for (const p of plans) {
    // A move between units waits for the person's open assignment to end (as PATCH /staff does).
    if (p.stored && p.fields && p.fields.homeUnitId !== p.stored.homeUnitId && await openAssignmentOf(tx, p.stored.id)) {
      p.row.errors.push(cellError("unit", "open_assignment", "This person has an open assignment; the move to another unit waits until it ends"));
    }
    settle(p, staffUnchanged);
  }
  return plans;
}

export async function planUnits(tx: Reads, rows: SheetRow[]): Promise<Planned<UnitFields, Unit>[]> {
  const byCode = new Map((await tx.find("units")).map((u) => [u.code, u]));
  const plans = rows.map((r): Planned<UnitFields, Unit> => {
    const { fields, errors } = readUnitRow(r);
    const code = fields?.code ?? (r.cells.kode?.toLowerCase() || undefined);
    return { row: { row: r.row, ...(code ? { code } : {}), status: "error", errors }, ...(fields ? { fields } : {}), ...(code && byCode.get(code) ? { stored: byCode.get(code) } : {}) };
  });
  markDuplicates(plans, (p) => p.row.code, "kode", "Unit code");
  for (const p of plans) settle(p, unitUnchanged);
  return plans;
}

function answer(plans: Planned<unknown, unknown>[], dryRun: boolean, written: boolean, logins?: ImportLogin[]): ImportResult {
  const rows = plans.map((p) => p.row);
  return { dryRun, written, ...tally(rows), rows, ...(logins ? { logins } : {}) };
}

export interface Upload { body: Buffer; type: string; dryRun: boolean }

/** POST /api/import/staff. */
export async function importStaff(ctx: Ctx, user: PublicUser, upload: Upload): Promise<ImportResult> {
  authorize(user, "roster.import");
  const rows = await readSheet(upload.body, upload.type, STAFF_COLUMNS);
  const preview = await ctx.store.read((tx) => planStaff(tx, rows));
  if (upload.dryRun || preview.some((p) => p.row.status === "error")) return answer(preview, upload.dryRun, false);
  // Hashing is slow (scrypt): done before the transaction, for the NIPs that had no record when previewed.
  const passwords = new Map<string, { password: string; hash: string }>();
  await Promise.all(preview.filter((p) => p.row.status === "created").map(async (p) => {
    const password = randomPassword();
    passwords.set(p.fields!.nip, { password, hash: await hashGeneratedPassword(password) });
  }));
  return commit(ctx, async (tx) => {
    const plans = await planStaff(tx, rows);
    if (plans.some((p) => p.row.status === "error")) return answer(plans, false, false);
    const logins: ImportLogin[] = [];
    for (const p of plans) {
      if (p.row.status === "updated") {
        const saved = await tx.replace("staff", staffWith(p.stored!, p.fields!));
        await tx.append({ type: "staff.updated", actor: user.username, data: saved });
      } else if (p.row.status === "created") {
        const staff = await tx.insert("staff", { id: newId("stf"), ...p.fields!, status: "available", fatigueHours: 0 });
        await tx.append({ type: "staff.created", actor: user.username, data: staff });
        const login = await addLogin(tx, user, staff, passwords.get(staff.nip));
        if (login) logins.push({ row: p.row.row, ...login });
      }
    }
    return answer(plans, false, true, logins);
  });
}

/** A staff login by NIP, unless that username exists already; with its audit event (never the hash). */
async function addLogin(tx: Tx, actor: PublicUser, staff: Staff, prepared: { password: string; hash: string } | undefined) {
  if ((await tx.count("users", { username: staff.nip })) > 0) return undefined;
  // A row that appeared between the preview and this transaction: hashed here, rare.
  const password = prepared?.password ?? randomPassword();
  const passwordHash = prepared?.hash ?? await hashGeneratedPassword(password);
  const { passwordHash: _h, ...data } = await tx.insert("users", { id: newId("usr"), username: staff.nip, role: "staff", staffId: staff.id, passwordHash });
  await tx.append({ type: "user.created", actor: actor.username, data });
  return { nip: staff.nip, username: staff.nip, password };
}

/** POST /api/import/units. */
export async function importUnits(ctx: Ctx, user: PublicUser, upload: Upload): Promise<ImportResult> {
  authorize(user, "roster.import");
  const rows = await readSheet(upload.body, upload.type, UNIT_COLUMNS);
  const preview = await ctx.store.read((tx) => planUnits(tx, rows));
  if (upload.dryRun || preview.some((p) => p.row.status === "error")) return answer(preview, upload.dryRun, false);
  return commit(ctx, async (tx) => {
    const plans = await planUnits(tx, rows);
    if (plans.some((p) => p.row.status === "error")) return answer(plans, false, false);
    for (const p of plans) {
      if (p.row.status === "updated") {
        const saved = await tx.replace("units", { ...p.stored!, ...p.fields! });
        await tx.append({ type: "unit.updated", actor: user.username, data: saved });
      } else if (p.row.status === "created") {
        const unit = await tx.insert("units", { id: newId("unit"), ...p.fields! });
        await tx.append({ type: "unit.created", actor: user.username, data: unit });
      }
    }
    return answer(plans, false, true);
  });
}
