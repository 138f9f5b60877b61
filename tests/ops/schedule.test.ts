/**
 * Scheduled backups (server/ops/schedule.ts) on a real SQLite store, driven by injected timers and a
 * test clock: nothing here waits for real time to pass.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readConfig } from "../../server/config.js";
import { scheduleBackups, startScheduledBackups, type BackupLog, type BackupTimers } from "../../server/ops/schedule.js";
import { verifySqlite } from "../../server/ops/sqlite-backup.js";
import { SqliteStore } from "../../server/store/sqlite.js";
import { transact } from "../store/loose.js";
import { TestClock } from "../helpers/server.js";

const root = mkdtempSync(join(tmpdir(), "siaga-schedule-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const dir = join(root, `case-${n++}`);
  mkdirSync(dir);
  return dir;
};

/** Timers that fire only when the test says time has passed. */
class ManualTimers implements BackupTimers {
  private t = 0;
  private next = 1;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number) {
    const id = this.next++;
    this.due.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.due.delete(handle as number);
  }
  get pending() {
    return this.due.size;
  }
  /** Moves time on by `ms`, firing what falls due (not what those arm meanwhile). */
  advance(ms: number) {
    this.t += ms;
    for (const [id, timer] of [...this.due].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.t) break;
      this.due.delete(id);
      timer.fn();
    }
  }
}

function logger() {
  const lines: { level: string; line: string }[] = [];
  const log: BackupLog = (level, line) => lines.push({ level, line });
  return { lines, log };
}

const MIN = 60_000;

describe("scheduled backups", () => {
  it("every N minutes a verified copy named by the time, exactly KEEP of them kept, one log line each", async () => {
    const dataDir = fresh();
    const store = new SqliteStore({ file: join(dataDir, "siaga.sqlite") });
    const clock = new TestClock(Date.parse("2026-12-20T08:00:00Z"));
    const timers = new ManualTimers();
    const { lines, log } = logger();
    const dir = join(dataDir, "backups");
    const schedule = scheduleBackups({ source: join(dataDir, "siaga.sqlite"), dir, everyMin: 15, keep: 3, now: () => clock.now(), timers, log });
    try {
      // Something that is not a scheduled backup stays, whatever KEEP says.
      mkdirSync(dir);
      writeFileSync(join(dir, "by-hand.sqlite"), "");
      const seqs: number[] = [];
      for (let i = 0; i < 7; i++) {
        const { events } = await transact(store, (tx) => tx.append({ type: "unit.created", actor: "t", data: { i } }));
        seqs.push(events[0]!.seq);
        timers.advance(14 * MIN);
        await schedule.idle();
        expect(lines).toHaveLength(i); // not yet
        clock.advance(15 * MIN);
        timers.advance(1 * MIN);
        await schedule.idle();
        expect(lines).toHaveLength(i + 1);
      }
      const names = readdirSync(dir).sort();
      expect(names).toEqual(["by-hand.sqlite", "siaga-2026-12-20T09-15-00Z.sqlite", "siaga-2026-12-20T09-30-00Z.sqlite", "siaga-2026-12-20T09-45-00Z.sqlite"]);
      // Each holds the store as it was at its time.
      expect(names.slice(1).map((name) => verifySqlite(join(dir, name)).seq)).toEqual(seqs.slice(-3));
      expect(names.slice(1).map((name) => verifySqlite(join(dir, name)).epoch)).toEqual([store.epoch, store.epoch, store.epoch]);
      expect(lines.every((l) => l.level === "info" && /^backup .*siaga-.*\.sqlite \(.* MB, seq \d+, epoch [0-9a-f]{32}; integrity ok\)/.test(l.line))).toBe(true);
      expect(lines.at(-1)!.line).toContain("removed siaga-2026-12-20T09-00-00Z.sqlite");
    } finally {
      await schedule.stop();
      await store.close();
    }
    expect(timers.pending).toBe(0);
  });

  it("a failed backup is logged, deletes nothing, and the schedule goes on", async () => {
    const dataDir = fresh();
    const store = new SqliteStore({ file: join(dataDir, "siaga.sqlite") });
    const clock = new TestClock(Date.parse("2026-12-20T08:00:00Z"));
    const timers = new ManualTimers();
    const { lines, log } = logger();
    const dir = join(dataDir, "backups");
    const schedule = scheduleBackups({ source: join(dataDir, "siaga.sqlite"), dir, everyMin: 60, keep: 1, now: () => clock.now(), timers, log });
    try {
      const tick = async () => {
        clock.advance(60 * MIN);
        timers.advance(60 * MIN);
        await schedule.idle();
      };
      await tick();
      const first = readdirSync(dir);
      // The next backup's name is taken by a folder: it cannot be written.
      mkdirSync(join(dir, "siaga-2026-12-20T10-00-00Z.sqlite"));
      await tick();
      expect(lines.map((l) => l.level)).toEqual(["info", "error"]);
      expect(lines[1]!.line).toMatch(/^scheduled backup to .*siaga-2026-12-20T10-00-00Z\.sqlite failed: .*exists already/);
      expect(readdirSync(dir).sort()).toEqual([...first, "siaga-2026-12-20T10-00-00Z.sqlite"].sort());
      rmSync(join(dir, "siaga-2026-12-20T10-00-00Z.sqlite"), { recursive: true });
      await tick();
      expect(lines.map((l) => l.level)).toEqual(["info", "error", "info"]);
      expect(readdirSync(dir)).toEqual(["siaga-2026-12-20T11-00-00Z.sqlite"]);
      expect(verifySqlite(join(dir, "siaga-2026-12-20T11-00-00Z.sqlite")).epoch).toBe(store.epoch);
    } finally {
      await schedule.stop();
      await store.close();
    }
  });

  it("stop() cancels the next backup", async () => {
    const dataDir = fresh();
    const store = new SqliteStore({ file: join(dataDir, "siaga.sqlite") });
    const timers = new ManualTimers();
    const { lines, log } = logger();
    const schedule = scheduleBackups({ source: join(dataDir, "siaga.sqlite"), dir: join(dataDir, "backups"), everyMin: 5, keep: 2, now: () => new Date(), timers, log });
    await schedule.stop();
    timers.advance(60 * MIN);
    expect(timers.pending).toBe(0);
    expect(lines).toEqual([]);
    await store.close();
  });

  it("configuration: off unless SIAGA_BACKUP_EVERY_MIN is set, KEEP 7 by default, into DATA_DIR/backups; never for MongoDB", () => {
    const off = readConfig({ DATA_DIR: "/srv/siaga" });
    expect(off.backup).toEqual({ everyMin: 0, keep: 7, dir: "/srv/siaga/backups" });
    expect(readConfig({ DATA_DIR: "/srv/siaga", SIAGA_BACKUP_EVERY_MIN: "", SIAGA_BACKUP_KEEP: "" }).backup.everyMin).toBe(0);
    const on = readConfig({ DATA_DIR: "/srv/siaga", SIAGA_BACKUP_EVERY_MIN: "60", SIAGA_BACKUP_KEEP: "24" });
    expect(on.backup).toEqual({ everyMin: 60, keep: 24, dir: "/srv/siaga/backups" });
    expect(() => readConfig({ SIAGA_BACKUP_EVERY_MIN: "-1" })).toThrow(/SIAGA_BACKUP_EVERY_MIN/);
    expect(() => readConfig({ SIAGA_BACKUP_KEEP: "0" })).toThrow(/SIAGA_BACKUP_KEEP/);

    const timers = new ManualTimers();
    const { lines, log } = logger();
    expect(startScheduledBackups(off, { kind: "sqlite" }, "/srv/siaga/siaga.sqlite", { timers, log })).toBeNull();
    expect(startScheduledBackups(on, { kind: "mongodb" }, "/srv/siaga/siaga.sqlite", { timers, log })).toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]!.line).toContain("mongodump");
    expect(timers.pending).toBe(0);
  });
});
