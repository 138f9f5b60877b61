/**
 * What start-up refuses, each with one clear line on stderr and exit 1, never a stack (issue 16): a
 * DATA_DIR that is not a usable directory (item 15), a second process on the same SQLite file without
 * the Redis adapter (item 9), a reseed over a data directory that held data (item 7).
 */
import Database from "better-sqlite3";
import { existsSync, mkdirSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** A start-up refusal: its message is the one line the operator reads. */
export class StartupError extends Error {
  override name = "StartupError";
}

/** Pseudo-filesystems: a store there cannot work (under /proc SQLite spun at 100 % CPU). */
const PSEUDO = ["/proc", "/sys", "/dev"];

/** The nearest part of `path` that exists, resolved through links. */
function existingAncestor(path: string): string {
  let p = resolve(path);
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return realpathSync(p);
}

/** DATA_DIR must be (or be creatable as) a writable directory on a real filesystem. */
export function checkDataDir(dataDir: string): void {
  const say = (why: string) => new StartupError(`DATA_DIR ${dataDir} ${why}; set DATA_DIR to a writable directory`);
  const real = existingAncestor(dataDir);
  if (PSEUDO.some((p) => real === p || real.startsWith(`${p}/`))) throw say(`is on ${real.split("/")[1] ? `/${real.split("/")[1]}` : real}, a pseudo-filesystem`);
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) throw say("is a file, not a directory");
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw say(`cannot be created (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  // access(W_OK) says yes to root on a read-only mount: only a real write tells.
  const probe = join(dataDir, `.siaga-write-test-${process.pid}`);
  try {
    writeFileSync(probe, "");
    rmSync(probe);
  } catch (error) {
    throw say(`is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/**
 * One process per SQLite data directory unless the Redis adapter joins them (item 9): without it each
 * process would push only its own commits. The lock is an exclusive lock on `DATA_DIR/siaga.lock`, a
 * one-table SQLite file held open in EXCLUSIVE locking mode: the operating system drops it when the
 * process ends, kill -9 included, so a crash never leaves a stale lock behind.
 */
export function lockDataDir(dataDir: string): { release(): void } {
  const file = join(dataDir, "siaga.lock");
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS holder (pid INTEGER); DELETE FROM holder; COMMIT");
    db.prepare("INSERT INTO holder (pid) VALUES (?)").run(process.pid);
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) {
      throw new StartupError(`another Siaga process is already using ${dataDir}; stop it, or set REDIS_URL on every process to run several on one store`);
    }
    throw error;
  }
  held.push(db); // referenced for the life of the process: a collected connection would drop the lock
  return { release: () => db.close() };
}
const held: Database.Database[] = [];

/** The mark of a data directory that has held data: written when it is seeded. */
export function seededMark(dataDir: string): string {
  return join(dataDir, "siaga.seeded");
}

/**
 * Refuses to seed a data directory that held data (item 7): its store is empty but it was seeded once
 * (the mark), or its event log is not empty. A wiped or swapped store file is an accident to look at,
 * not a reason to hand out fresh demo passwords. SIAGA_ALLOW_RESEED=1 allows it.
 */
export function checkReseed(dataDir: string, lastSeq: number, allowReseed: boolean): void {
  if (allowReseed) return;
  const why = lastSeq > 0 ? `its store is empty but its event log runs to seq ${lastSeq}` : existsSync(seededMark(dataDir)) ? `it was seeded before (${seededMark(dataDir)}) but its store is empty now` : undefined;
  if (why) throw new StartupError(`refusing to seed ${dataDir}: ${why}; restore a backup (npm run restore), or set SIAGA_ALLOW_RESEED=1 to seed it afresh`);
}
