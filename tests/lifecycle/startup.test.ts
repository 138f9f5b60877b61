/**
 * Issue 16, items 7, 8 (at open), 9, 13 (the demo password) and 15, with real server processes: what
 * start-up refuses is one line on stderr starting `siaga: cannot start:`, no stack, and exit 1; the
 * process that holds the data directory goes on serving; a crash (kill -9) leaves no stale lock.
 */
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, startServerProcess, type ChildProc } from "../helpers/process.js";
import { DEMO_PASSWORD } from "../helpers/server.js";

const dirs: string[] = [];
const procs: ChildProc[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "siaga-start-"));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(procs.map((p) => p.kill()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Exit { code: number | null; stderr: string; stdout: string; ms: number }

/** Runs the server to its exit (a refusal), with this environment. */
function runToExit(env: NodeJS.ProcessEnv): Promise<Exit> {
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", SIAGA_DEMO_PASSWORD: DEMO_PASSWORD, REDIS_URL: "", MONGODB_URI: "", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "", stdout = "";
  child.stderr.on("data", (c: Buffer) => { stderr += c.toString(); });
  child.stdout.on("data", (c: Buffer) => { stdout += c.toString(); });
  const killer = setTimeout(() => child.kill("SIGKILL"), 60_000); // only for a server that never refuses
  return new Promise((resolve) => child.once("exit", (code) => {
    clearTimeout(killer);
    resolve({ code, stderr, stdout, ms: Date.now() - started });
  }));
}

function expectRefusal(exit: Exit, pattern: RegExp) {
  expect(exit.code, exit.stderr + exit.stdout).toBe(1);
  const lines = exit.stderr.trim().split("\n");
  expect(lines, exit.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^siaga: cannot start: /);
  expect(lines[0]).toMatch(pattern);
  expect(exit.stderr + exit.stdout).not.toMatch(/\n\s+at /); // no stack
}

describe("[16.15] a bad DATA_DIR is one line and exit 1", () => {
  it("a file, a path under a file, /proc and /sys are each refused saying why", async () => {
    const file = join(tempDir(), "not-a-dir");
    writeFileSync(file, "x");
    const cases: [string, RegExp][] = [
      [file, /is a file, not a directory/],
      [join(file, "data"), /cannot be created/],
      ["/proc/siaga-data", /pseudo-filesystem/],
      ["/proc/self", /pseudo-filesystem/],
      ["/sys/siaga", /pseudo-filesystem/],
    ];
    for (const [dataDir, pattern] of cases) {
      const exit = await runToExit({ DATA_DIR: dataDir });
      expectRefusal(exit, pattern);
      console.info(`DATA_DIR=${dataDir}: refused in ${exit.ms} ms (tsx start-up included)`);
    }
  });

  it("[16.13] a SIAGA_DEMO_PASSWORD under 10 characters is refused at start", async () => {
    expectRefusal(await runToExit({ DATA_DIR: tempDir(), SIAGA_DEMO_PASSWORD: "pendek" }), /SIAGA_DEMO_PASSWORD: use a demo password of at least 10 characters/);
  });

  it("[14.1] half a Web Push configuration is refused at start, naming what is missing", async () => {
    const exit = await runToExit({ DATA_DIR: tempDir(), SIAGA_VAPID_PUBLIC_KEY: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM", SIAGA_VAPID_SUBJECT: "mailto:siaga@kupangkota.go.id" });
    expectRefusal(exit, /SIAGA_VAPID_PRIVATE_KEY: Web Push needs all three of SIAGA_VAPID_PUBLIC_KEY, SIAGA_VAPID_PRIVATE_KEY, SIAGA_VAPID_SUBJECT/);
  });
});

describe("[16.9] one process per SQLite data directory without Redis", () => {
  it("a second process is refused with a clear line while the first goes on serving; after a kill -9 a new one starts", async () => {
    const dataDir = tempDir();
    const first = await startServerProcess({ name: "first", dataDir, password: DEMO_PASSWORD, env: { SIAGA_NO_SEED: "1" } });
    procs.push(first);
    expectRefusal(await runToExit({ DATA_DIR: dataDir, SIAGA_NO_SEED: "1" }), /another Siaga process is already using .*set REDIS_URL/);
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    await first.kill();
    const next = await startServerProcess({ name: "next", dataDir, password: DEMO_PASSWORD, env: { SIAGA_NO_SEED: "1" } });
    procs.push(next);
    expect((await fetch(`${next.url}/api/health`)).status).toBe(200);
    await next.stop();
  });
});

describe("[16.7] no reseed over a data directory that held data", () => {
  it("a wiped store file in a seeded DATA_DIR is refused; SIAGA_ALLOW_RESEED=1 seeds it", async () => {
    const dataDir = tempDir();
    const first = await startServerProcess({ name: "seeded", dataDir, password: DEMO_PASSWORD });
    await first.stop();
    for (const f of ["siaga.sqlite", "siaga.sqlite-wal", "siaga.sqlite-shm"]) rmSync(join(dataDir, f), { force: true });
    expectRefusal(await runToExit({ DATA_DIR: dataDir }), /refusing to seed .*SIAGA_ALLOW_RESEED=1/);
    const again = await startServerProcess({ name: "reseeded", dataDir, password: DEMO_PASSWORD, env: { SIAGA_ALLOW_RESEED: "1" } });
    procs.push(again);
    const login = await fetch(`${again.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "koordinator", password: DEMO_PASSWORD }) });
    expect(login.status).toBe(200);
    await again.stop();
  });
});

describe("[16.8] a damaged store file is refused at start", () => {
  it("PRAGMA quick_check fails: one line naming the damage and the restore command", async () => {
    const dataDir = tempDir();
    const first = await startServerProcess({ name: "to-damage", dataDir, password: DEMO_PASSWORD });
    await first.stop();
    const file = join(dataDir, "siaga.sqlite");
    const size = statSync(file).size;
    const fd = openSync(file, "r+");
    for (let at = 4096 * 2; at < size; at += 4096 * 3) writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, at);
    closeSync(fd);
    expectRefusal(await runToExit({ DATA_DIR: dataDir }), /damaged|malformed|not a database/i);
  });
});
