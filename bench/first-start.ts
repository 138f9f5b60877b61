/**
 * `npm run bench:first-start [-- --runs 5] [--random] [--modes npm,built,source] [--root DIR]`: a first start on a
 * fresh DATA_DIR each run, as a newcomer runs it, milliseconds from spawning to the server's
 * "listening" line:
 * - `npm`: `npm start` itself (npm, the build-freshness check, the built server), after `npm ci` built
 *   dist/ (prepare). dist/ must be a build of the sources as they are: the bench refuses to measure a
 *   start that would build (run `npm run build` first);
 * - `built`: `node --enable-source-maps dist/server/index.js`, what a service runs;
 * - `source`: `node --import tsx server/index.ts`, what `npm run dev` and the tests run.
 * `--root DIR` measures another checkout instead (an older commit, for a before and after: its `npm start`
 * is whatever that commit's is; it must have node_modules and, for `built`, a dist/).
 * Modes take turns run by run, so a busy machine weighs on each alike. Also per run: the CPU the process
 * tree used until it listened (on a shared machine wall time also counts everyone else's), and the
 * seeding step alone (from the log's "first start: seeding" line to the one after it). With
 * SIAGA_DEMO_PASSWORD (the default here) the seed hashes one password; `--random` leaves it unset, so
 * every account gets its own random password and scrypt hash.
 * Prints a table; writes bench/results/first-start.json.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { staleReason } from "../scripts/build-stamp.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const RUNS = Number(arg("runs") ?? 5);
const random = process.argv.includes("--random");
const TARGET_MS = 3_000;

const MODES = {
  npm: { what: "npm start", cmd: "npm", args: ["start"] },
  built: { what: "node dist/server/index.js", cmd: process.execPath, args: ["--enable-source-maps", "dist/server/index.js"] },
  source: { what: "node --import tsx server/index.ts", cmd: process.execPath, args: ["--import", "tsx", "server/index.ts"] },
} as const;
type Mode = keyof typeof MODES;
const modes = (arg("modes") ?? "npm,built").split(",") as Mode[];
for (const m of modes) if (!(m in MODES)) throw new Error(`unknown mode ${m}; modes: ${Object.keys(MODES).join(", ")}`);

const root = arg("root") ?? ROOT;
const stale = staleReason(root);
if (stale && root === ROOT && modes.some((m) => m !== "source")) {
  throw new Error(`dist/ is not a build of the sources (${stale}): run npm run build first, or --modes source`);
}
if (root !== ROOT) console.log(`measuring ${root}${stale ? ` (its dist/ is not stamped current: ${stale})` : ""}`);

/** The process ids of `root` and every process below it, from /proc. */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${name}/stat`, "utf8").replace(/^.*\) /, "").split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => { out.push(pid); for (const c of children.get(pid) ?? []) walk(c); };
  walk(root);
  return out;
}

/** CPU ms (user + system, all threads, and of reaped children) a live process tree has used so far, from /proc (NaN elsewhere). */
function treeCpuMs(root: number): number {
  let ticks = 0;
  try {
    for (const pid of tree(root)) {
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]); // utime stime cutime cstime, USER_HZ = 100
    }
  } catch {
    return NaN;
  }
  return ticks * 10;
}

type Run = { mode: Mode; listeningMs: number; cpuMs: number; seedMs: number; load1: number };

function once(mode: Mode): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), "siaga-first-start-"));
  const load1 = loadavg()[0]!;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", DATA_DIR: dataDir, REDIS_URL: "", MONGODB_URI: "", LOG_LEVEL: "info", NODE_OPTIONS: "" };
  if (random) delete env.SIAGA_DEMO_PASSWORD;
  else env.SIAGA_DEMO_PASSWORD = "bench-rahasia-123";
  const t0 = performance.now();
  // Its own process group, so the stop reaches npm and the server below it alike.
  const child = spawn(MODES[mode].cmd, MODES[mode].args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  let listened = false;
  return new Promise<Run>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (listened || !/listening on/.test(out)) return;
      listened = true;
      const listeningMs = performance.now() - t0;
      const cpuMs = treeCpuMs(child.pid!);
      // pino lines carry "time" (ms since the epoch): the seeding step is the gap after its line.
      const lines = out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { time: number; msg: string });
      const i = lines.findIndex((l) => l.msg.startsWith("first start: seeding"));
      const seedMs = i >= 0 && lines[i + 1] ? lines[i + 1]!.time - lines[i]!.time : NaN;
      child.once("exit", () => {
        rmSync(dataDir, { recursive: true, force: true });
        resolve({ mode, listeningMs, cpuMs, seedMs, load1 });
      });
      process.kill(-child.pid!, "SIGTERM");
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      if (!listened) {
        rmSync(dataDir, { recursive: true, force: true });
        reject(new Error(`${MODES[mode].what} exited ${code} before listening:\n${out}`));
      }
    });
  });
}

const runs: Run[] = [];
for (let i = 0; i < RUNS; i++) for (const mode of modes) runs.push(await once(mode));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const summary = Object.fromEntries(modes.map((mode) => {
  const mine = runs.filter((r) => r.mode === mode);
  const ms = mine.map((r) => r.listeningMs);
  return [mode, {
    what: MODES[mode].what,
    medianMs: Math.round(median(ms)), minMs: Math.round(Math.min(...ms)), maxMs: Math.round(Math.max(...ms)),
    cpuMs: median(mine.map((r) => r.cpuMs)), seedMs: median(mine.map((r) => r.seedMs)),
    load1: Number(median(mine.map((r) => r.load1)).toFixed(2)), underTarget: median(ms) < TARGET_MS,
  }];
}));

console.log(`first start on a fresh DATA_DIR (${random ? "random passwords" : "SIAGA_DEMO_PASSWORD"}), ${RUNS} runs each, to the "listening" line; target ${TARGET_MS} ms`);
console.table(Object.values(summary).map((s) => ({
  "": s.what, "median ms": s.medianMs, "min ms": s.minMs, "max ms": s.maxMs, "CPU ms": s.cpuMs, "seeding ms": s.seedMs, "load (1 min)": s.load1, [`< ${TARGET_MS} ms`]: s.underTarget,
})));
mkdirSync(join(ROOT, "bench/results"), { recursive: true });
writeFileSync(join(ROOT, "bench/results/first-start.json"), `${JSON.stringify({
  when: new Date().toISOString(), root, node: process.version, cpus: cpus().length, passwords: random ? "random" : "demo", targetMs: TARGET_MS, summary,
  runs: runs.map((r) => ({ ...r, listeningMs: Math.round(r.listeningMs) })),
}, null, 2)}\n`);
console.log("written bench/results/first-start.json");
