/**
 * Scheduled backups of the SQLite store (SIAGA_BACKUP_EVERY_MIN, SIAGA_BACKUP_KEEP): every N minutes a
 * verified copy `DATA_DIR/backups/siaga-<UTC time>.sqlite`, keeping the newest KEEP. A failed backup is
 * logged and the schedule goes on; it never stops the server. The timers and the clock are injected, so
 * tests drive the schedule without waiting.
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { log as processLog } from "../log.js";
import type { Store } from "../store/port.js";
import { backupSqlite, megabytes, stamp, type SqliteFileInfo } from "./sqlite-backup.js";

export interface BackupTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type BackupLog = (level: "info" | "error", line: string) => void;

export interface ScheduleOptions {
  /** The live store's file. */
  source: string;
  /** Where the backups go (DATA_DIR/backups). */
  dir: string;
  everyMin: number;
  keep: number;
  now: () => Date;
  timers?: BackupTimers;
  log?: BackupLog;
}

export interface BackupSchedule {
  /** Resolves once the backup in progress, if any, has finished (and the next one is armed). */
  idle(): Promise<void>;
  /** No more backups; waits for the one in progress. */
  stop(): Promise<void>;
}

/** A scheduled backup's name; only files named so are ever deleted by the schedule. */
const NAME = /^siaga-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.sqlite$/;

const systemTimers: BackupTimers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref(); // a pending backup never keeps the process alive
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const processLogSink: BackupLog = (level, line) => processLog[level](line);

export function scheduleBackups(options: ScheduleOptions): BackupSchedule {
  if (!(options.everyMin > 0)) throw new Error("scheduleBackups needs everyMin > 0");
  const timers = options.timers ?? systemTimers;
  const log = options.log ?? processLogSink;
  let handle: unknown = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const arm = () => {
    if (stopped) return;
    handle = timers.setTimeout(() => {
      handle = null;
      running = runOnce().catch((error: unknown) => processLog.error({ err: error }, "scheduled backup failed")).finally(arm);
    }, options.everyMin * 60_000);
  };

  const runOnce = async () => {
    const file = join(options.dir, `siaga-${stamp(options.now())}.sqlite`);
    const started = Date.now();
    let info: SqliteFileInfo;
    try {
      info = await backupSqlite(options.source, file);
    } catch (error) {
      log("error", `scheduled backup to ${file} failed: ${(error as Error).message}`);
      return;
    }
    let removed: string[] = [];
    try {
      removed = prune(options.dir, options.keep);
    } catch (error) {
      log("error", `scheduled backup: removing old backups in ${options.dir} failed: ${(error as Error).message}`);
    }
    log("info", `backup ${info.file} (${megabytes(info.bytes)}, seq ${info.seq}, epoch ${info.epoch}; integrity ok) in ${Date.now() - started} ms` +
      (removed.length ? `; removed ${removed.join(", ")}` : ""));
  };

  arm();
  return {
    idle: async () => {
      // A run arms the next one when it ends; `running` may be replaced meanwhile only by a later tick.
      await running;
    },
    async stop() {
      stopped = true;
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
      await running;
    },
  };
}

/** Deletes the oldest scheduled backups beyond `keep`, and leftovers of interrupted ones; returns the names removed. */
export function prune(dir: string, keep: number): string[] {
  const names = readdirSync(dir);
  const backups = names.filter((n) => NAME.test(n)).sort();
  const leftovers = names.filter((n) => n.endsWith(".partial") && NAME.test(n.slice(0, -".partial".length)));
  const old = backups.slice(0, Math.max(0, backups.length - keep));
  for (const name of [...old, ...leftovers]) rmSync(join(dir, name), { force: true });
  return old;
}

/**
 * The server's schedule from its configuration: none when SIAGA_BACKUP_EVERY_MIN is 0, and none for
 * MongoDB, whose backups are the engine's (one line says so).
 */
export function startScheduledBackups(
  config: { backup: { everyMin: number; keep: number; dir: string } },
  store: Pick<Store, "kind">,
  source: string,
  options: { now?: () => Date; timers?: BackupTimers; log?: BackupLog } = {},
): BackupSchedule | null {
  const { everyMin, keep, dir } = config.backup;
  if (everyMin === 0) return null;
  const log = options.log ?? processLogSink;
  if (store.kind !== "sqlite") {
    log("info", "SIAGA_BACKUP_EVERY_MIN is ignored with MongoDB: back it up with mongodump or snapshots of a replica set member (docs/operations.md)");
    return null;
  }
  log("info", `scheduled backups every ${everyMin} min into ${dir}, keeping ${keep}`);
  return scheduleBackups({ source, dir, everyMin, keep, now: options.now ?? (() => new Date()), log, ...(options.timers ? { timers: options.timers } : {}) });
}
