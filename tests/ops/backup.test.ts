/**
 * `npm run backup` and `npm run restore` as an operator runs them, against real server processes: an
 * online backup taken while a server takes a steady stream of writes holds every write acknowledged
 * before it began; a restore refuses while a server holds the store, gives the data a new epoch, and the
 * restored server serves exactly the backup's data.
 */
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../server/store/migrations.js";
import { HealthResponse } from "../../shared/routes.js";
import { ROOT, startServerProcess, type ChildProc } from "../helpers/process.js";
import { DEMO_PASSWORD, request } from "../helpers/server.js";

const root = mkdtempSync(join(tmpdir(), "siaga-backup-"));
const running = new Set<ChildProc>();
afterAll(async () => {
  for (const proc of running) await proc.kill();
  rmSync(root, { recursive: true, force: true });
});

async function server(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<ChildProc> {
  const proc = await startServerProcess({ dataDir, password: DEMO_PASSWORD, env });
  running.add(proc);
  return proc;
}
async function stop(proc: ChildProc) {
  await proc.stop();
  running.delete(proc);
}

/** `npm run --silent <script> -- <args>` with the given environment; resolves with its exit code and output. */
function npmRun(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], {
      cwd: ROOT, env: { ...process.env, MONGODB_URI: "", ...env }, stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const health = async (url: string) => HealthResponse.parse(await fetch(`${url}/api/health`).then((r) => r.json()));
const incidentIds = async (url: string, token: string) =>
  new Set(((await request(url, "GET", "/incidents", undefined, token)).body as { id: string }[]).map((i) => i.id));

/** The incident ids stored in a database file, read directly. */
function idsIn(file: string): Set<string> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return new Set((db.prepare("SELECT id FROM incidents").all() as { id: string }[]).map((r) => r.id));
  } finally {
    db.close();
  }
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma("integrity_check", { simple: true }) as string;
  } finally {
    db.close();
  }
}

const liveDir = join(root, "live");
const backupFile = join(root, "offsite", "siaga-backup.sqlite");
/** Shared by the tests below, which run in order: the server, its token, what the backup should hold. */
let first: ChildProc;
let token = "";
let ackedBefore: string[] = [];
let backupSeq = 0;
let oldEpoch = "";

describe("npm run backup / npm run restore", () => {
  it("an online backup, taken while the server takes ~20 writes/s, is valid and holds every write acknowledged before it began", async () => {
    first = await server(liveDir);
    token = (await request(first.url, "POST", "/auth/login", { username: "koordinator", password: DEMO_PASSWORD })).body.token;
    oldEpoch = (await health(first.url)).epoch;

    // A bounded stream of writes, one every 50 ms, until the backup has finished.
    const acked: string[] = [];
    let stopWriting = false;
    const writer = (async () => {
      for (let i = 0; i < 1_000 && !stopWriting; i++) {
        const res = await request(first.url, "POST", "/incidents", {
          type: "banjir", title: `Uji backup ${i}`, severity: 2, location: { lat: -10.2, lng: 123.6 }, needs: [{ skill: "logistik", count: 1, priority: 2 }],
        }, token);
        expect(res.status).toBe(201);
        acked.push(res.body.id);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    while (acked.length < 20) await new Promise((r) => setTimeout(r, 10));

    ackedBefore = [...acked];
    const backup = await npmRun("backup", [backupFile], { DATA_DIR: liveDir });
    const ackedDuring = acked.length - ackedBefore.length;
    stopWriting = true;
    await writer;

    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    const line = backup.stdout.trim();
    expect(line.split("\n")).toHaveLength(1);
    const m = /^backup: wrote (.+) \(([\d.]+) MB, seq (\d+), epoch ([0-9a-f]{32}); integrity ok\) from .+ in \d+ ms$/.exec(line);
    expect(m, line).not.toBeNull();
    expect(m![1]).toBe(backupFile);
    backupSeq = Number(m![3]);
    // A backup is the same history: it keeps the epoch.
    expect(m![4]).toBe(oldEpoch);
    expect(ackedDuring, "writes went on while the backup ran").toBeGreaterThan(0);
    expect(existsSync(`${backupFile}.partial`)).toBe(false);
    expect(existsSync(`${backupFile}-wal`)).toBe(false);
    expect(integrity(backupFile)).toBe("ok");
    const verify = await npmRun("backup", ["--verify", backupFile], {});
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(`integrity ok, schema ${MIGRATIONS.length}; ${(statSync(backupFile).size / 1024 / 1024).toFixed(1)} MB, seq ${backupSeq}, epoch ${oldEpoch}`);

    // The backup on its own, as the data dir of a server.
    const copyDir = join(root, "copy");
    mkdirSync(copyDir);
    copyFileSync(backupFile, join(copyDir, "siaga.sqlite"));
    const copy = await server(copyDir);
    try {
      const stored = await incidentIds(copy.url, token); // the session was written before the backup too
      for (const id of ackedBefore) expect(stored.has(id), id).toBe(true);
      const { events, lastSeq } = (await request(copy.url, "GET", "/events?since=0&limit=5000", undefined, token)).body as { events: { seq: number; type: string; data: { id: string } }[]; lastSeq: number };
      expect(lastSeq).toBe(backupSeq);
      events.forEach((e, i) => expect(e.seq).toBe(i + 1));
      // One committed state: every incident has its event and no event lacks its incident.
      expect(new Set(events.filter((e) => e.type === "incident.created").map((e) => e.data.id))).toEqual(stored);
      expect((await health(copy.url)).epoch).toBe(oldEpoch);
    } finally {
      await stop(copy);
    }
  });

  it("the epoch survives a restart: same file, same epoch (and the server says when it backs up by itself)", async () => {
    await stop(first);
    first = await server(liveDir, { SIAGA_BACKUP_EVERY_MIN: "60" });
    expect((await health(first.url)).epoch).toBe(oldEpoch);
    expect(first.log()).toContain(`scheduled backups every 60 min into ${join(liveDir, "backups")}, keeping 7`);
  });

  it("restore refuses, in one line, while a server holds the data dir, and leaves the store alone", async () => {
    const before = (await health(first.url)).seq;
    const refused = await npmRun("restore", [backupFile], { DATA_DIR: liveDir });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toMatch(/^restore: refused: a server has .*siaga\.sqlite open: stop every Siaga process using this DATA_DIR first/);
    expect(readdirSync(liveDir).filter((n) => n.includes("restoring"))).toEqual([]);
    const after = await health(first.url);
    expect([after.epoch, after.seq]).toEqual([oldEpoch, before]);
    // And the server still takes writes.
    const res = await request(first.url, "POST", "/incidents", {
      type: "banjir", title: "Setelah penolakan", severity: 1, location: { lat: -10.2, lng: 123.6 }, needs: [{ skill: "logistik", count: 1, priority: 1 }],
    }, token);
    expect(res.status).toBe(201);
  });

  it("with the server stopped, restore puts the backup in place under a new epoch; the restored server serves exactly the backup's data", async () => {
    const latest = await incidentIds(first.url, token);
    await stop(first);
    const restored = await npmRun("restore", [backupFile], { DATA_DIR: liveDir });
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    const m = /^restore: (.+) now holds (.+) \([\d.]+ MB, seq (\d+), epoch ([0-9a-f]{32}); integrity ok\); the store it replaced is kept at (.+pre-restore-.+\.sqlite)\. Start the server/.exec(restored.stdout.trim());
    expect(m, restored.stdout).not.toBeNull();
    expect([m![1], m![2], Number(m![3])]).toEqual([join(liveDir, "siaga.sqlite"), backupFile, backupSeq]);
    const newEpoch = m![4]!;
    expect(newEpoch).not.toBe(oldEpoch);
    // The store it replaced is kept whole, with the writes made after the backup.
    const previous = m![5]!;
    expect(previous.startsWith(join(liveDir, "backups"))).toBe(true);
    expect(integrity(previous)).toBe("ok");
    expect(idsIn(previous)).toEqual(latest);
    // The backup itself is untouched: it still carries its own epoch.
    const backupDb = new Database(backupFile, { readonly: true });
    try {
      expect(backupDb.prepare("SELECT epoch FROM meta").get()).toEqual({ epoch: oldEpoch });
    } finally {
      backupDb.close();
    }

    const second = await server(liveDir);
    const h = await health(second.url);
    expect([h.epoch, h.seq]).toEqual([newEpoch, backupSeq]);
    const state = (await request(second.url, "GET", "/state", undefined, token)).body as { epoch: string; seq: number };
    expect([state.epoch, state.seq]).toEqual([newEpoch, backupSeq]);
    const backupIds = idsIn(backupFile);
    expect(await incidentIds(second.url, token)).toEqual(backupIds);
    for (const id of ackedBefore) expect(backupIds.has(id)).toBe(true);
    expect([...latest].some((id) => !backupIds.has(id)), "writes after the backup are gone, as a restore means").toBe(true);
    await stop(second);
  });

  it("both commands refuse in one line when the store is MongoDB, and write nothing", async () => {
    const target = join(root, "mongo-backup.sqlite");
    for (const [script, arg, advice] of [["backup", target, "mongodump"], ["restore", backupFile, "mongorestore"]] as const) {
      const res = await npmRun(script, [arg], { DATA_DIR: liveDir, MONGODB_URI: "mongodb://127.0.0.1:9/siaga?replicaSet=rs0" });
      expect(res.code, script).toBe(1);
      expect(res.stdout).toBe("");
      expect(res.stderr.trim().split("\n"), script).toHaveLength(1);
      expect(res.stderr).toMatch(new RegExp(`^${script}: MONGODB_URI is set, .*${advice}`));
    }
    expect(existsSync(target)).toBe(false);
    expect(readFileSync(backupFile).length).toBeGreaterThan(0);
  });
});
