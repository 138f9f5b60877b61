/**
 * `npm run bench:responsiveness [-- --runs 5 --interval 10]`: how long /api/health takes to answer while
 * the server works on a province-size POST /api/plans/simulate (bench/generate.ts SCALES.province:
 * 100,000 staff, 1,000 units, 300 needs), with the planner in its worker pool ("pool") and, for
 * contrast, with plan() on the event loop as before ("sync", server/planner/pool.ts inProcessPlanner).
 *
 * Each mode is a server process of its own (this file, forked with --serve: createApp over a fresh
 * SQLite file with only the coordinator account); this process is the client. One simulate first,
 * unmeasured (it starts the worker thread and warms the JIT), then `--runs` simulates one after the other,
 * and all through each of them a GET /api/health every `--interval` ms, sent on schedule whether or
 * not the previous one has come back (open loop). A health request's latency is its answer's arrival −
 * its sending, counted in the window it was sent in:
 *   request  from sending the simulate to its whole response (upload, JSON parse, zod, solve, answer)
 *   solve    between the server handing the input to the planner and having the result (it tells
 *            this process over IPC; same machine, same clock)
 *   idle     a second of polling after the warm-up and before the measured simulates: the floor
 * Prints a table and writes bench/results/responsiveness.json.
 */
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateInstance, SCALES } from "./generate.js";
import { createApp } from "../server/app.js";
import { demoAccounts, hashAll, insertAccounts } from "../server/bootstrap/accounts.js";
import { createPlannerPool, inProcessPlanner, type Planner } from "../server/planner/pool.js";
import { SqliteStore } from "../server/store/sqlite.js";
import type { PlanResult } from "../shared/planner.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PASSWORD = "bench-rahasia-123";
const MODES = ["pool", "sync"] as const;
type Mode = (typeof MODES)[number];
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type FromServer = { listening: number } | { solve: "start" | "end"; at: number };

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i >= 0 ? process.argv[i + 1] : process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
}

// ---------- the server side (a child process) ----------
async function serve(mode: Mode) {
  const dir = mkdtempSync(join(tmpdir(), "siaga-bench-resp-"));
  const store = new SqliteStore({ file: join(dir, "siaga.sqlite") });
  const accounts = demoAccounts([], [], PASSWORD);
  const hashes = await hashAll(accounts);
  await store.transact((tx) => insertAccounts(tx, accounts, hashes));
  const inner = mode === "pool" ? createPlannerPool() : inProcessPlanner();
  const tell = (m: FromServer) => process.send!(m);
  async function timed<T>(work: () => Promise<T>): Promise<T> {
    tell({ solve: "start", at: now() });
    try {
      return await work();
    } finally {
      tell({ solve: "end", at: now() });
    }
  }
  const planner: Planner = {
    solve: (input) => timed(() => inner.solve(input)),
    simulate: (raw) => timed(() => inner.simulate(raw)),
    close: () => inner.close(),
  };
  const app = await createApp({ store, planner });
  await new Promise<void>((resolve) => app.http.listen(0, "127.0.0.1", resolve));
  tell({ listening: (app.http.address() as AddressInfo).port });
  process.once("disconnect", async () => {
    await app.close();
    await planner.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}

// ---------- the client side ----------
interface Sample { sent: number; ms: number }
interface Window { count: number; p50: number; p99: number; max: number }

function summary(samples: Sample[]): Window {
  const xs = samples.map((s) => s.ms).sort((a, b) => a - b);
  const rank = (q: number) => xs[Math.min(xs.length - 1, Math.max(0, Math.ceil(q * xs.length) - 1))] ?? NaN;
  return { count: xs.length, p50: rank(0.5), p99: rank(0.99), max: xs.at(-1) ?? NaN };
}

/** Polls /api/health every `interval` ms until `stop()` resolves; every answer's latency. */
async function poll(url: string, interval: number, stop: Promise<unknown>): Promise<Sample[]> {
  const samples: Sample[] = [];
  const inFlight: Promise<void>[] = [];
  let stopped = false;
  const halt = () => (stopped = true);
  stop.then(halt, halt);
  while (!stopped) {
    const sent = now();
    inFlight.push(
      fetch(`${url}/api/health`).then(async (res) => {
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`health: ${res.status}`);
        samples.push({ sent, ms: now() - sent });
      }),
    );
    await Promise.race([sleep(Math.max(0, sent + interval - now())), stop]);
  }
  await Promise.all(inFlight);
  return samples;
}

interface Run {
  simulateMs: number;
  solveMs: number;
  serverSolveMs: number;
  request: Window;
  solve: Window;
}

async function benchMode(mode: Mode, body: string, runs: number, interval: number) {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ["--serve", mode], { cwd: ROOT, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const solves: { start?: number; end?: number }[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${mode} server exited (${code})`)));
    child.on("message", (m: FromServer) => {
      if ("listening" in m) resolve(m.listening);
      else if (m.solve === "start") solves.push({ start: m.at });
      else solves.at(-1)!.end = m.at;
    });
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    const login = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "koordinator", password: PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    const simulate = async () => {
      const res = await fetch(`${url}/api/plans/simulate`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body });
      if (res.status !== 200) throw new Error(`simulate: ${res.status} ${await res.text()}`);
      return (await res.json()) as PlanResult;
    };
    await simulate(); // warm-up: the worker thread starts, the JIT warms
    await sleep(200);
    const idle = summary(await poll(url, interval, sleep(1000)));
    const measured: Run[] = [];
    for (let i = 0; i < runs; i++) {
      process.stderr.write(`bench: ${mode} run ${i + 1}/${runs}…\n`);
      const t0 = now();
      const result = simulate();
      const samples = await poll(url, interval, result);
      const { stats } = await result;
      const simulateMs = now() - t0;
      // The server says "end" before it answers, but over IPC, which may come in after the answer.
      while (solves.length < i + 2 || solves.at(-1)!.end === undefined) await sleep(1);
      const solve = solves.at(-1)!;
      measured.push({
        simulateMs,
        solveMs: stats.solveMs,
        serverSolveMs: solve.end! - solve.start!,
        request: summary(samples),
        solve: summary(samples.filter((s) => s.sent >= solve.start! && s.sent < solve.end!)),
      });
      await sleep(200);
    }
    return { mode, idle, runs: measured };
  } finally {
    child.disconnect();
    await once(child, "exit");
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main() {
  const runs = option("runs", 5);
  const interval = option("interval", 10);
  const input = generateInstance(SCALES.province);
  const body = JSON.stringify(input);
  const results = [];
  for (const mode of MODES) results.push(await benchMode(mode, body, runs, interval));

  // One row per mode and window: the median over the runs of each run's count, p50, p99 and max.
  const header = ["planner", "window", "health answers", "p50 ms", "p99 ms", "max ms", "simulate ms", "solve ms"];
  const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "—");
  const lines: string[][] = [];
  for (const r of results) {
    lines.push([r.mode, "idle", String(r.idle.count), fmt(r.idle.p50), fmt(r.idle.p99), fmt(r.idle.max), "", ""]);
    for (const w of ["request", "solve"] as const) {
      const m = (f: (x: Window) => number) => median(r.runs.map((run) => f(run[w])));
      lines.push([r.mode, w, String(m((x) => x.count)), fmt(m((x) => x.p50)), fmt(m((x) => x.p99)), fmt(m((x) => x.max)),
        w === "request" ? fmt(median(r.runs.map((x) => x.simulateMs))) : "", w === "solve" ? fmt(median(r.runs.map((x) => x.solveMs))) : ""]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const show = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join("  ");
  console.log(`province simulate (${input.staff.length} staff, ${(body.length / 1e6).toFixed(1)} MB body), health every ${interval} ms, median of ${runs} runs`);
  console.log(show(header));
  for (const l of lines) console.log(show(l));
  mkdirSync(join(ROOT, "bench/results"), { recursive: true });
  const out = { when: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, loadavg: loadavg(), intervalMs: interval, staff: input.staff.length, bodyBytes: body.length, results };
  writeFileSync(join(ROOT, "bench/results/responsiveness.json"), `${JSON.stringify(out, null, 2)}\n`);
  console.log("written bench/results/responsiveness.json");
}

const serveAt = process.argv.indexOf("--serve");
if (serveAt >= 0) await serve(process.argv[serveAt + 1] as Mode);
else await main();
