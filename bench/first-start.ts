/**
 * `npx tsx bench/first-start.ts [--runs 3] [--random]`: a first start, as `npm start` does it but from
 * source (`node --import tsx server/index.ts`), on a fresh DATA_DIR each run: milliseconds from spawning
 * the process to its "listening" line, and the seeding step alone (from the log's "first start: seeding"
 * line to the one after it). With SIAGA_DEMO_PASSWORD (the default here) the seed hashes one password;
 * `--random` leaves it unset, so every account gets its own random password and scrypt hash.
 * Writes bench/results/first-start.json.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const runsAt = process.argv.indexOf("--runs");
const RUNS = runsAt >= 0 ? Number(process.argv[runsAt + 1]) : 3;
const random = process.argv.includes("--random");

/** CPU ms (user + system, all threads) a live process has used so far, from /proc (NaN elsewhere). */
function processCpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime, stime in USER_HZ = 100 ticks
  } catch {
    return NaN;
  }
}

/** cpuMs: the server's own CPU until it listened; on a shared machine wall time also counts everyone else's. */
type Run = { listeningMs: number; cpuMs: number; seedMs: number; load1: number };

function once(): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), "siaga-first-start-"));
  const load1 = loadavg()[0]!;
  const t0 = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", DATA_DIR: dataDir, REDIS_URL: "", MONGODB_URI: "", LOG_LEVEL: "info" };
  if (random) delete env.SIAGA_DEMO_PASSWORD;
  else env.SIAGA_DEMO_PASSWORD = "bench-rahasia-123";
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  return new Promise<Run>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (!/listening on/.test(out)) return;
      const listeningMs = performance.now() - t0;
      const cpuMs = processCpuMs(child.pid!);
      // pino lines carry "time" (ms since the epoch): the seeding step is the gap after its line.
      const lines = out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { time: number; msg: string });
      const i = lines.findIndex((l) => l.msg.startsWith("first start: seeding"));
      const seedMs = i >= 0 && lines[i + 1] ? lines[i + 1]!.time - lines[i]!.time : NaN;
      child.kill("SIGTERM");
      child.once("exit", () => {
        rmSync(dataDir, { recursive: true, force: true });
        resolve({ listeningMs, cpuMs, seedMs, load1 });
      });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => { if (!/listening on/.test(out)) reject(new Error(`server exited ${code}:\n${out}`)); });
  });
}

const runs: Run[] = [];
for (let i = 0; i < RUNS; i++) runs.push(await once());
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const summary = { listeningMs: median(runs.map((r) => r.listeningMs)), cpuMs: median(runs.map((r) => r.cpuMs)), seedMs: median(runs.map((r) => r.seedMs)) };
console.log(`first start (${random ? "random passwords" : "SIAGA_DEMO_PASSWORD"}), ${RUNS} runs, median: ${summary.listeningMs.toFixed(0)} ms to listening (server CPU ${summary.cpuMs.toFixed(0)} ms), of which seeding ${summary.seedMs.toFixed(0)} ms`);
for (const r of runs) console.log(`  ${r.listeningMs.toFixed(0)} ms, CPU ${r.cpuMs} ms (seeding ${r.seedMs} ms, load ${r.load1.toFixed(2)})`);
mkdirSync(join(ROOT, "bench/results"), { recursive: true });
writeFileSync(join(ROOT, "bench/results/first-start.json"), `${JSON.stringify({ when: new Date().toISOString(), node: process.version, cpus: cpus().length, passwords: random ? "random" : "demo", summary, runs }, null, 2)}\n`);
console.log("written bench/results/first-start.json");
