/**
 * Backup, verification and restore of the embedded SQLite store (docs/operations.md). A backup is taken
 * online, through a connection of its own, while servers keep writing; a restore needs every server
 * stopped and gives the restored data a new epoch, so clients holding the old state reload.
 */
import Database from "better-sqlite3";
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { MIGRATIONS } from "../store/migrations.js";
import { readEpoch, renewEpoch } from "../store/sqlite.js";

export interface SqliteFileInfo {
  file: string;
  bytes: number;
  /** The last event's seq. */
  seq: number;
  /** Null in a file older than the epoch (schema < 3): the server gives it one when it first opens it. */
  epoch: string | null;
  /** How many migrations it has (PRAGMA user_version). */
  schema: number;
}

/** A step as large as the database: the whole copy is one read transaction, see `backupSqlite`. */
const ALL_PAGES = 0x7fffffff;
/** Migration 3 added the epoch. */
const EPOCH_SCHEMA = 3;

/** Thrown when a server still has the store open: the restore must not replace it under its feet. */
export class StoreInUse extends Error {
  constructor(readonly file: string) {
    super(`a server has ${file} open: stop every Siaga process using this DATA_DIR first`);
    this.name = "StoreInUse";
  }
}

/**
 * Copies the live store at `source` to `dest`, which must not exist, while servers keep serving writes,
 * then verifies the copy; `dest` appears only once it is complete and verified (it is written as
 * `dest.partial` and renamed). The copy is SQLite's online backup (better-sqlite3 `backup()`) in a single
 * step: one read transaction, so one committed state, and WAL lets writers go on meanwhile. A step of a
 * few pages at a time would be restarted by every commit of another connection, and under steady writes
 * might never finish. The copy is a self-contained file (rollback journal, no -wal beside it).
 */
export async function backupSqlite(source: string, dest: string): Promise<SqliteFileInfo> {
  if (!existsSync(source)) throw new Error(`no SQLite store at ${source}`);
  if (existsSync(dest)) throw new Error(`${dest} exists already; give the backup a new name`);
  mkdirSync(dirname(dest), { recursive: true });
  const partial = `${dest}.partial`;
  removeDatabase(partial);
  try {
    const live = new Database(source, { readonly: true, fileMustExist: true });
    try {
      live.pragma("busy_timeout = 10000");
      await live.backup(partial, { progress: () => ALL_PAGES });
    } finally {
      live.close();
    }
    const db = new Database(partial, { fileMustExist: true });
    try {
      // The copy carries the live file's WAL flag; a backup is easier to handle as one file.
      db.pragma("journal_mode = DELETE");
      db.pragma("synchronous = FULL");
      checkIntegrity(db, partial);
    } finally {
      db.close();
    }
    fsyncFile(partial);
    renameSync(partial, dest);
    fsyncFile(dirname(dest));
  } catch (error) {
    removeDatabase(partial);
    throw error;
  }
  return verifySqlite(dest);
}

/** Checks a backup (or any store file) without changing it: integrity, schema, last seq and epoch. */
export function verifySqlite(file: string): SqliteFileInfo {
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return infoOf(db, file);
  } finally {
    db.close();
  }
}

function infoOf(db: Database.Database, file: string): SqliteFileInfo {
  checkIntegrity(db, file);
  const schema = db.pragma("user_version", { simple: true }) as number;
  if (schema < 1) throw new Error(`${file} is not a Siaga store (schema version 0)`);
  if (schema > MIGRATIONS.length) throw new Error(`${file} was written by a newer Siaga (schema ${schema}; this one knows ${MIGRATIONS.length})`);
  const seq = (db.prepare("SELECT coalesce(max(seq), 0) AS s FROM events").get() as { s: number }).s;
  return { file, bytes: statSync(file).size, seq, epoch: schema >= EPOCH_SCHEMA ? readEpoch(db) : null, schema };
}

function checkIntegrity(db: Database.Database, file: string) {
  const rows = db.pragma("integrity_check") as { integrity_check: string }[];
  if (rows.length !== 1 || rows[0]!.integrity_check !== "ok") {
    throw new Error(`${file} fails PRAGMA integrity_check: ${rows.slice(0, 5).map((r) => r.integrity_check).join("; ")}`);
  }
}

export interface RestoreResult extends SqliteFileInfo {
  /** The backup it came from. */
  from: string;
  /** Where the store it replaced was kept, if there was one. */
  previous: string | null;
}

/**
 * Puts the backup at `backup` in place of the store at `live`, under a new epoch. Refuses (StoreInUse)
 * while any connection has `live` open. The backup is copied and verified beside the live file first;
 * the live file is then moved to `keepDir` (never deleted) and the copy renamed into its place.
 */
export function restoreSqlite(backup: string, live: string, keepDir: string, now: Date): RestoreResult {
  const source = verifySqlite(backup);
  assertNotInUse(live);
  const restoring = `${live}.restoring`;
  mkdirSync(dirname(live), { recursive: true }); // a new machine: DATA_DIR may not exist yet
  removeDatabase(restoring);
  let epoch: string | null;
  try {
    copyFileSync(backup, restoring);
    const db = new Database(restoring, { fileMustExist: true });
    try {
      db.pragma("journal_mode = DELETE");
      db.pragma("synchronous = FULL");
      checkIntegrity(db, restoring);
      // A file older than the epoch gets one from migration 3 when the server opens it: new as well.
      epoch = source.schema >= EPOCH_SCHEMA ? renewEpoch(db) : null;
    } finally {
      db.close();
    }
    fsyncFile(restoring);
    // A server that started meanwhile would now hold the old file: check once more, just before the swap.
    assertNotInUse(live);
  } catch (error) {
    removeDatabase(restoring);
    throw error;
  }
  let previous: string | null = null;
  if (existsSync(live)) {
    mkdirSync(keepDir, { recursive: true });
    previous = join(keepDir, `pre-restore-${stamp(now)}.sqlite`);
    renameSync(live, previous);
  }
  renameSync(restoring, live);
  fsyncFile(dirname(live));
  return { ...verifySqlite(live), epoch, from: backup, previous };
}

/**
 * Throws StoreInUse while another connection (a server) has the file open. Switching a WAL database
 * back to a rollback journal needs it to be the only connection; when that works, the WAL has been
 * checkpointed into the file and removed, so nothing is left beside it to be mistaken for the restored
 * file's. With no file at all, a stray -wal would be exactly that.
 */
function assertNotInUse(live: string) {
  if (!existsSync(live)) {
    const strays = ["-wal", "-shm", "-journal"].map((s) => live + s).filter((f) => existsSync(f));
    if (strays.length) throw new Error(`${strays.join(", ")} lie beside a missing ${basename(live)}: move them away first`);
    return;
  }
  const db = new Database(live, { fileMustExist: true, timeout: 0 });
  try {
    const mode = db.pragma("journal_mode = DELETE", { simple: true });
    if (mode !== "delete") throw new StoreInUse(live);
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") throw new StoreInUse(live);
    throw error;
  } finally {
    db.close();
  }
  if (existsSync(`${live}-wal`)) throw new StoreInUse(live);
}

/** A file name part for a time: `2026-12-19T23-00-00Z` (UTC; sorts as time does). */
export function stamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-");
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function removeDatabase(file: string) {
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
}

function fsyncFile(path: string) {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
