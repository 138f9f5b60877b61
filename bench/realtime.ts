/**
 * `npm run bench:realtime [-- --n 100,1000,5000 --changes 200 --rate 20 --workers 3]`
 *
 * For each N: a real Siaga server process (fresh temp DATA_DIR, seeded, SIAGA_DEMO_PASSWORD), N
 * socket.io-client connections to /live spread over `--workers` child processes (all with the `layar`
 * screen token, all resumed), then a stream of REST changes (PATCH a unit's workload) at a fixed rate.
 * Every worker stamps each event's arrival per connection; latency = arrival − the moment the REST
 * request was due on the fixed schedule (open loop; same machine, same wall clock). Then the same events, byte for byte, through
 * two floors to the same N clients: bench/ws-floor.ts (a raw `ws` server with the same fan-out rule) and
 * bench/socketio-floor.ts (a bare Socket.IO server that fsyncs each change, sent to it on the same
 * schedule, and broadcasts it): Siaga's p99 over each floor's is what Siaga's stack costs.
 *
 * Prints a table and writes bench/results/realtime.json. Options (also as env BENCH_<NAME>):
 *   --n 100,1000,5000   connection counts     --changes 200   measured changes per run
 *   --rate 20           changes per second    --warmup 10     unmeasured changes first
 *   --workers 3         client processes      --concurrency 50  handshakes in flight per worker
 *   --snapshot          resume from null (full snapshot per connection) instead of the current seq
 *   --single            clients take one `event` per change instead of `events` per burst (batch: true)
 *   --no-floor          skip the ws floor     --no-sio-floor  skip the Socket.IO floor
 *   --out <file>        JSON output path
 *   --profile           node --cpu-prof for the server, the floor and the client workers (bench/results/profiles/)
 * File descriptors: the server and floor are started with `ulimit -n` raised to the hard limit; each
 * worker needs N/workers + a few (checked up front; raise with `ulimit -n 65536` before npm run).
 */
import { fork, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import type { Report, Start, WorkerMessage } from "./realtime/protocol.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PASSWORD = "bench-rahasia-123";
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------- options ----------
function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1] && !process.argv[i + 1]!.startsWith("--")) return process.argv[i + 1]!;
  return process.env[`BENCH_${name.toUpperCase()}`] ?? fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`) || process.env[`BENCH_${name.toUpperCase().replace("-", "_")}`] === "1";
const opts = {
  ns: option("n", "100,1000,5000").split(",").map((s) => Number(s.replace(/[_ ]/g, ""))).filter((n) => n > 0),
  changes: Number(option("changes", "200")),
  rate: Number(option("rate", "20")),
  warmup: Number(option("warmup", "10")),
  workers: Number(option("workers", "3")),
  concurrency: Number(option("concurrency", "50")),
  snapshot: flag("snapshot"),
  /** Clients resume without `batch: true`, so they get one `event` frame per change. */
  single: flag("single"),
  floor: !flag("no-floor"),
  sioFloor: !flag("no-sio-floor"),
  /** Writes a V8 CPU profile of each server process to bench/results/profiles/ (node --cpu-prof). */
  profile: flag("profile"),
  out: option("out", join(ROOT, "bench/results/realtime.json")),
};

// ---------- processes ----------
interface Proc {
  child: ChildProcess;
  url: string;
  out: () => string;
}
const running = new Set<ChildProcess>();
process.once("exit", () => { for (const c of running) c.kill("SIGKILL"); });
for (const s of ["SIGINT", "SIGTERM"] as const) process.once(s, () => process.exit(130));

const hardNoFile = spawnSync("sh", ["-c", "ulimit -Hn"], { encoding: "utf8" }).stdout.trim();
const softNoFile = Number(spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).stdout.trim());

/** Starts a node script with `ulimit -n` raised to the hard limit; `exec` keeps the pid the node process's. */
function startNode(script: string, env: NodeJS.ProcessEnv): Promise<Proc> {
  const prof = opts.profile ? ["--cpu-prof", `--cpu-prof-dir=${join(ROOT, "bench/results/profiles")}`] : [];
  const child = spawn("sh", ["-c", `ulimit -n ${hardNoFile} 2>/dev/null; exec "$0" "$@"`, process.execPath, ...prof, "--import", "tsx", script], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${out}`)), 120_000);
    let ready = false;
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = !ready && out.match(/listening on (http:\/\/(?:localhost|127\.0\.0\.1):\d+)/);
      if (m) {
        ready = true;
        clearTimeout(timer);
        resolve({ child, url: m[1]!.replace("localhost", "127.0.0.1"), out: () => out });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => { if (!ready) { clearTimeout(timer); reject(new Error(`${script} exited ${code}:\n${out}`)); } });
  });
}

async function stopProc(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(t);
}

/** Peak VmRSS of a pid, sampled every 50 ms; `read()` gives the current value. */
function rssSampler(pid: number) {
  const read = () => {
    try {
      const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
      return m ? Number(m[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  };
  let peak = read();
  const timer = setInterval(() => { peak = Math.max(peak, read()); }, 50);
  return { read, peak: () => Math.max(peak, read()), stop: () => clearInterval(timer) };
}

/** CPU seconds (user + system) a pid has used. */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** Busy CPU seconds of the whole machine (all cores, from /proc/stat). */
function machineBusySeconds(): number {
  try {
    const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    return (f.reduce((a, b) => a + b, 0) - idle) / 100;
  } catch {
    return 0;
  }
}

/**
 * The server's RSS and CPU, the clients' CPU and the rest of the machine's around one run: readings
 * before the clients connect, `start` once they are connected, and its result once the stream settled.
 */
function meter(pid: number, rss: ReturnType<typeof rssSampler>) {
  const idle = rss.read();
  const cpu0 = cpuSeconds(pid);
  const load1 = round(loadavg()[0]!, 2);
  const clientsCpu = (workers: Worker[]) => workers.reduce((s, w) => s + cpuSeconds(w.child.pid), 0);
  return {
    load1,
    start(workers: Worker[]) {
      const connected = rss.read();
      const cpu1 = cpuSeconds(pid);
      const clientCpu0 = clientsCpu(workers);
      const busy0 = machineBusySeconds();
      const self0 = cpuSeconds(process.pid);
      const t0 = now();
      return (): Pick<RunResult, "serverRssMB" | "serverCpuS" | "clientCpuS" | "otherCpuS" | "streamS"> => {
        const cpu2 = cpuSeconds(pid);
        const clientCpu = clientsCpu(workers) - clientCpu0;
        const other = machineBusySeconds() - busy0 - (cpu2 - cpu1) - clientCpu - (cpuSeconds(process.pid) - self0);
        return {
          serverRssMB: { idle: round(idle / 2 ** 20), connected: round(connected / 2 ** 20), peak: round(rss.peak() / 2 ** 20) },
          serverCpuS: { connect: round(cpu1 - cpu0, 2), stream: round(cpu2 - cpu1, 2) },
          clientCpuS: round(clientCpu, 2),
          otherCpuS: round(Math.max(0, other), 1),
          streamS: round((now() - t0) / 1000, 1),
        };
      };
    },
  };
}

// ---------- workers ----------
interface Worker {
  child: ChildProcess;
  count: number;
  next(type: WorkerMessage["type"]): Promise<WorkerMessage>;
}

function forkWorker(count: number): Worker {
  const child = fork(join(ROOT, "bench/realtime-worker.ts"), [], {
    execArgv: ["--import", "tsx", ...(opts.profile ? ["--cpu-prof", `--cpu-prof-dir=${join(ROOT, "bench/results/profiles")}`] : [])], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"], cwd: ROOT,
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  const waiting = new Map<string, (m: WorkerMessage) => void>();
  child.on("message", (m: WorkerMessage) => { waiting.get(m.type)?.(m); waiting.delete(m.type); });
  return {
    child,
    count,
    next: (type) => new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`worker exited ${code} while waiting for ${type}`));
      child.once("exit", onExit);
      waiting.set(type, (m) => { child.off("exit", onExit); resolve(m); });
    }),
  };
}

async function withClients<T>(n: number, start: Omit<Start, "type" | "count" | "concurrency">, body: (ws: Worker[], connectMs: number) => Promise<T>): Promise<T> {
  const k = Math.max(1, Math.min(opts.workers, n));
  const shares = Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));
  if (Math.max(...shares) + 64 > softNoFile) {
    throw new Error(`each client worker opens up to ${Math.max(...shares)} sockets but \`ulimit -n\` is ${softNoFile}: run \`ulimit -n ${Math.min(65536, Number(hardNoFile) || 65536)}\` first, or raise --workers`);
  }
  const workers = shares.map(forkWorker);
  try {
    const t0 = now();
    const ready = workers.map((w) => w.next("ready"));
    workers.forEach((w) => w.child.send({ type: "start", ...start, count: w.count, concurrency: opts.concurrency } satisfies Start));
    const answers = (await Promise.all(ready)) as Extract<WorkerMessage, { type: "ready" }>[];
    const failed = answers.reduce((s, a) => s + a.failed, 0);
    if (failed) throw new Error(`${failed} of ${n} connections failed: ${answers.find((a) => a.firstError)?.firstError}`);
    return await body(workers, now() - t0);
  } finally {
    for (const w of workers) w.child.send({ type: "stop" });
    await Promise.all(workers.map((w) => (w.child.exitCode === null ? once(w.child, "exit") : null)));
  }
}

async function collect(workers: Worker[]): Promise<Report[]> {
  const reports = workers.map((w) => w.next("report"));
  for (const w of workers) w.child.send({ type: "report" });
  return (await Promise.all(reports)) as Report[];
}

// ---------- HTTP ----------
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function api(url: string, method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const res = await fetch(url + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

// ---------- stats ----------
function quantile(sorted: Float64Array | number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** `dueAt`: when the change was due to be sent (latency is measured from it); `sentAt`: when it was. */
interface Sent { key: string; dueAt: number; sentAt: number; answeredAt: number }

interface RunResult {
  system: "siaga" | "ws-floor" | "socketio-floor";
  n: number;
  connectS: number;
  events: number;
  deliveries: number;
  latencyMs: { p50: number; p99: number; max: number; mean: number };
  /** Per event: until the LAST of the N connections had it. */
  lastArrivalMs: { p50: number; p99: number; max: number };
  /** Send → HTTP response (commit + response for Siaga; 0 for the floor, which is sent on a WebSocket). */
  responseMs: { p50: number; p99: number };
  /** Siaga only: the event's `at` (stamped by the server inside the write transaction) → arrival. */
  fromAppendMs?: { p50: number; p99: number };
  /** 1-minute load average when the run started (the machine is shared). */
  load1: number;
  /** Per measured change, in send order: [due time since the first, p50 ms, max ms over the N connections]. */
  series: [number, number, number][];
  lost: number;
  reordered: number;
  duplicates: number;
  disconnects: number;
  serverRssMB: { idle: number; connected: number; peak: number };
  serverCpuS: { connect: number; stream: number };
  clientCpuS: number;
  /** CPU seconds used by everything else on the machine during the stream (others share it): noise. */
  otherCpuS: number;
  streamS: number;
}

/**
 * Latency over the measured sends; lost over `expectSeqs` (every seq each connection must have had).
 * `seqOf` maps an event key to the seq the workers saw it under.
 */
function analyse(reports: Report[], measured: Sent[], expectSeqs: number[], appendAt?: Map<string, number>): Pick<RunResult, "events" | "deliveries" | "latencyMs" | "lastArrivalMs" | "responseMs" | "fromAppendMs" | "lost" | "reordered" | "duplicates" | "disconnects" | "series"> {
  const n = reports.reduce((s, r) => s + r.count, 0);
  const byKey = new Map<string, { seq: number; rows: Float64Array[] }>();
  const bySeq = new Map<number, Float64Array[]>();
  for (const r of reports) {
    for (const { seq, key, times } of r.perSeq) {
      const e = byKey.get(key) ?? { seq, rows: [] };
      e.rows.push(times);
      byKey.set(key, e);
      bySeq.set(seq, [...(bySeq.get(seq) ?? []), times]);
    }
  }
  let lost = 0;
  for (const seq of expectSeqs) {
    const rows = bySeq.get(seq) ?? [];
    let got = 0;
    for (const row of rows) for (const t of row) if (!Number.isNaN(t)) got++;
    lost += n - got;
  }
  const all = new Float64Array(measured.length * n);
  let k = 0;
  let sum = 0;
  const lastArrival: number[] = [];
  const fromAppend: number[] = [];
  const series: RunResult["series"] = [];
  for (const s of measured) {
    const e = byKey.get(s.key);
    if (!e) continue; // every connection lost it: counted in `lost`
    const from = k;
    let last = -Infinity;
    const at = appendAt?.get(s.key);
    for (const row of e.rows) for (const t of row) {
      if (Number.isNaN(t)) continue;
      const l = t - s.dueAt;
      all[k++] = l;
      sum += l;
      if (l > last) last = l;
      if (at !== undefined) fromAppend.push(t - at);
    }
    lastArrival.push(last);
    const mine = all.slice(from, k).sort();
    series.push([round(s.dueAt - measured[0]!.dueAt, 0), round(quantile(mine, 0.5)), round(last)]);
  }
  fromAppend.sort((a, b) => a - b);
  const lat = all.subarray(0, k).sort();
  lastArrival.sort((a, b) => a - b);
  const resp = measured.map((s) => s.answeredAt - s.sentAt).sort((a, b) => a - b);
  return {
    events: measured.length,
    deliveries: k,
    latencyMs: { p50: round(quantile(lat, 0.5)), p99: round(quantile(lat, 0.99)), max: round(lat[k - 1] ?? NaN), mean: round(sum / k) },
    lastArrivalMs: { p50: round(quantile(lastArrival, 0.5)), p99: round(quantile(lastArrival, 0.99)), max: round(lastArrival.at(-1) ?? NaN) },
    responseMs: { p50: round(quantile(resp, 0.5)), p99: round(quantile(resp, 0.99)) },
    ...(appendAt ? { fromAppendMs: { p50: round(quantile(fromAppend, 0.5)), p99: round(quantile(fromAppend, 0.99)) } } : {}),
    lost,
    series,
    reordered: reports.reduce((s, r) => s + r.reordered, 0),
    duplicates: reports.reduce((s, r) => s + r.duplicates, 0),
    disconnects: reports.reduce((s, r) => s + r.disconnects, 0),
  };
}

/** Waits until every connection has `seqs` (or `ms` passed: what is still missing then counts as lost). */
async function settle(workers: Worker[], seqs: number[], ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const answers = workers.map((w) => w.next("progress"));
    for (const w of workers) w.child.send({ type: "progress", seqs });
    const missing = ((await Promise.all(answers)) as Extract<WorkerMessage, { type: "progress" }>[]).reduce((s, a) => s + a.missing, 0);
    if (missing === 0 || Date.now() > end) break;
    await sleep(250);
  }
  await sleep(200); // a duplicate would come late
  return collect(workers);
}

/**
 * Open loop: job i is due at t0 + i/rate whatever happened before (a slow server does not slow the
 * sender, so queueing shows up in the latency instead of hiding). Jobs get their due time, the
 * wall-clock moment latency is measured from.
 */
async function paced<T>(count: number, rate: number, job: (i: number, due: number) => Promise<T>): Promise<T[]> {
  const t0 = performance.now();
  const pending: Promise<T>[] = [];
  for (let i = 0; i < count; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(job(i, performance.timeOrigin + due));
  }
  return Promise.all(pending);
}

// ---------- one N against Siaga ----------
interface EventJson { seq: number; at: string; type: string; actor: string; data: { id: string; version: number } }

async function runSiaga(n: number): Promise<{ result: RunResult; events: EventJson[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), "siaga-bench-"));
  const server = await startNode("server/index.ts", { PORT: "0", DATA_DIR: dataDir, SIAGA_DEMO_PASSWORD: PASSWORD, REDIS_URL: "", MONGODB_URI: "" });
  const pid = server.child.pid!;
  const rss = rssSampler(pid);
  try {
    const login = async (username: string) => (await api(server.url, "POST", "/api/auth/login", { username, password: PASSWORD })).token as string;
    const coord = await login("koordinator");
    const screen = await login("layar"); // one screen login; every connection shares the token
    const since = (await api(server.url, "GET", "/api/events?limit=1", undefined, coord)).lastSeq as number;
    const units = ((await api(server.url, "GET", "/api/units", undefined, coord)) as { id: string; version: number; workload: number }[]).slice(0, 20);
    // Each unit's patches are chained (its version must be current); with 20 units a unit is patched once a second.
    const chains = units.map(() => Promise.resolve());
    const patch = (i: number, dueAt: number): Promise<Sent> => {
      const u = units[i % units.length]!;
      const run = chains[i % units.length]!.then(async () => {
        const sentAt = now();
        const body = await api(server.url, "PATCH", `/api/units/${u.id}`, { version: u.version, workload: ((u.workload + i) % 9) + 1 }, coord);
        const answeredAt = now();
        u.version = body.version;
        return { key: `${u.id}@${body.version}`, dueAt, sentAt, answeredAt };
      });
      chains[i % units.length] = run.then(() => undefined);
      return run;
    };

    await sleep(500);
    const m = meter(pid, rss);
    return await withClients(n, { mode: "siaga", url: server.url, token: screen, since: opts.snapshot ? null : since, batch: !opts.single }, async (workers, connectMs) => {
      await sleep(500);
      const stop = m.start(workers);
      await paced(opts.warmup, opts.rate, patch);
      const measured = await paced(opts.changes, opts.rate, (i, due) => patch(opts.warmup + i, due));
      const log = (await api(server.url, "GET", `/api/events?since=${since}&limit=5000`, undefined, coord)) as { events: EventJson[]; lastSeq: number };
      const seqs = log.events.map((e) => e.seq);
      const reports = await settle(workers, seqs);
      const usage = stop();
      const appendAt = new Map(log.events.map((e) => [`${e.data.id}@${e.data.version}`, Date.parse(e.at)]));
      const result: RunResult = {
        system: "siaga", n, load1: m.load1, connectS: round(connectMs / 1000, 2), ...analyse(reports, measured, seqs, appendAt), ...usage,
      };
      // The floor replays exactly the measured events' bytes.
      const measuredKeys = new Set(measured.map((m) => m.key));
      return { result, events: log.events.filter((e) => measuredKeys.has(`${e.data.id}@${e.data.version}`)) };
    });
  } catch (error) {
    console.error(server.out().slice(-3000));
    throw error;
  } finally {
    rss.stop();
    await stopProc(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------- the same N against the ws floor ----------
async function runFloor(n: number, events: EventJson[]): Promise<RunResult> {
  const floor = await startNode("bench/ws-floor.ts", { PORT: "0", FLOOR_FORM: opts.single ? "single" : "batch" });
  const pid = floor.child.pid!;
  const rss = rssSampler(pid);
  try {
    await sleep(500);
    const m = meter(pid, rss);
    return await withClients(n, { mode: "floor", url: floor.url.replace("http", "ws"), token: "", since: null, batch: false }, async (workers, connectMs) => {
      await sleep(500);
      const stop = m.start(workers);
      const payloads = events.map((e) => JSON.stringify(e));
      // One control socket: the changes reach the floor in order, on schedule, without waiting for it.
      const control = new WebSocket(floor.url.replace("http", "ws") + "/control");
      await once(control, "open");
      // Warm-up with the first payloads under seqs ≤ 0, which the workers ignore; then the measured ones.
      await paced(Math.min(opts.warmup, payloads.length), opts.rate, async (i) => control.send(JSON.stringify({ ...events[i]!, seq: -i })));
      const measured = await paced(payloads.length, opts.rate, async (i, dueAt): Promise<Sent> => {
        const sentAt = now();
        control.send(payloads[i]!);
        return { key: `${events[i]!.data.id}@${events[i]!.data.version}`, dueAt, sentAt, answeredAt: sentAt };
      });
      control.close();
      const seqs = events.map((e) => e.seq);
      const reports = await settle(workers, seqs);
      const usage = stop();
      return {
        system: "ws-floor", n, load1: m.load1, connectS: round(connectMs / 1000, 2), ...analyse(reports, measured, seqs), ...usage,
      } satisfies RunResult;
    });
  } finally {
    rss.stop();
    await stopProc(floor.child);
  }
}

// ---------- the same N against the bare Socket.IO floor ----------
async function runSocketIoFloor(n: number, events: EventJson[]): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), "siaga-sio-floor-"));
  const floor = await startNode("bench/socketio-floor.ts", { PORT: "0", FLOOR_DIR: dir, FLOOR_FORM: opts.single ? "single" : "batch" });
  const pid = floor.child.pid!;
  const rss = rssSampler(pid);
  try {
    await sleep(500);
    const m = meter(pid, rss);
    // The clients speak to it exactly as to Siaga (socket.io-client, /live, resume).
    return await withClients(n, { mode: "siaga", url: floor.url, token: "", since: null, batch: !opts.single }, async (workers, connectMs) => {
      await sleep(500);
      const stop = m.start(workers);
      // One control socket, as for the ws floor: the changes reach it in order (they carry Siaga's seqs).
      const control = new WebSocket(floor.url.replace("http", "ws") + "/control");
      await once(control, "open");
      // Warm-up under seqs ≤ 0 (the workers ignore them), then the measured events on the same schedule as Siaga's.
      await paced(Math.min(opts.warmup, events.length), opts.rate, async (i) => control.send(JSON.stringify({ ...events[i]!, seq: -i })));
      const payloads = events.map((e) => JSON.stringify(e));
      const measured = await paced(payloads.length, opts.rate, async (i, dueAt): Promise<Sent> => {
        const sentAt = now();
        control.send(payloads[i]!);
        return { key: `${events[i]!.data.id}@${events[i]!.data.version}`, dueAt, sentAt, answeredAt: sentAt };
      });
      control.close();
      const seqs = events.map((e) => e.seq);
      const reports = await settle(workers, seqs);
      const usage = stop();
      return {
        system: "socketio-floor", n, load1: m.load1, connectS: round(connectMs / 1000, 2), ...analyse(reports, measured, seqs), ...usage,
      } satisfies RunResult;
    });
  } finally {
    rss.stop();
    await stopProc(floor.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------- main ----------
function table(results: RunResult[]) {
  const head = ["N", "system", "load", "connect s", "p50 ms", "p99 ms", "max ms", "all-N p99", "REST p50", "at→recv p99", "lost", "reord", "dup", "RSS idle/conn/peak MB", "srv CPU s", "cli CPU s", "other CPU s/stream s"];
  const rows = results.map((r) => [
    String(r.n), r.system, String(r.load1), String(r.connectS), String(r.latencyMs.p50), String(r.latencyMs.p99), String(r.latencyMs.max),
    String(r.lastArrivalMs.p99), r.system === "siaga" ? String(r.responseMs.p50) : "-", r.fromAppendMs ? String(r.fromAppendMs.p99) : "-", String(r.lost), String(r.reordered), String(r.duplicates),
    `${r.serverRssMB.idle}/${r.serverRssMB.connected}/${r.serverRssMB.peak}`, String(r.serverCpuS.stream), String(r.clientCpuS), `${r.otherCpuS}/${r.streamS}`,
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ");
  console.log(line(head));
  console.log(w.map((x) => "-".repeat(x)).join("  "));
  for (const r of rows) console.log(line(r));
}

function verdict(r: RunResult): string[] {
  const out: string[] = [];
  if (r.system !== "siaga") return out;
  if (r.lost !== 0) out.push(`N=${r.n}: ${r.lost} deliveries lost (target 0)`);
  if (r.reordered !== 0) out.push(`N=${r.n}: ${r.reordered} arrivals out of order (target 0)`);
  if (r.n <= 1000 && r.latencyMs.p99 >= 50) out.push(`N=${r.n}: p99 ${r.latencyMs.p99} ms (target < 50 ms up to 1,000 screens)`);
  if (r.n > 1000 && r.n <= 5000 && r.latencyMs.p99 >= 250) out.push(`N=${r.n}: p99 ${r.latencyMs.p99} ms (target < 250 ms at 5,000)`);
  if (r.serverRssMB.peak >= 1024) out.push(`N=${r.n}: server RSS ${r.serverRssMB.peak} MB (target < 1 GB)`);
  return out;
}

const results: RunResult[] = [];
console.log(`bench:realtime N=${opts.ns.join(",")} changes=${opts.changes}@${opts.rate}/s (+${opts.warmup} warm-up) workers=${opts.workers} ` +
  `resume=${opts.snapshot ? "snapshot" : "since"} form=${opts.single ? "event" : "events (batch)"} ulimit -n soft=${softNoFile} hard=${hardNoFile} cpus=${cpus().length} load=${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
for (const n of opts.ns) {
  const siaga = await runSiaga(n);
  results.push(siaga.result);
  console.log(`  N=${n} siaga: p50 ${siaga.result.latencyMs.p50} ms, p99 ${siaga.result.latencyMs.p99} ms, lost ${siaga.result.lost}, RSS peak ${siaga.result.serverRssMB.peak} MB`);
  if (opts.floor) {
    const floor = await runFloor(n, siaga.events);
    results.push(floor);
    console.log(`  N=${n} floor: p50 ${floor.latencyMs.p50} ms, p99 ${floor.latencyMs.p99} ms, lost ${floor.lost}, RSS peak ${floor.serverRssMB.peak} MB`);
  }
  if (opts.sioFloor) {
    const sio = await runSocketIoFloor(n, siaga.events);
    results.push(sio);
    console.log(`  N=${n} socket.io floor: p50 ${sio.latencyMs.p50} ms, p99 ${sio.latencyMs.p99} ms, lost ${sio.lost}, RSS peak ${sio.serverRssMB.peak} MB`);
  }
}
/** Siaga's p99 over each floor's at the same N: 1.0 is the floor itself. */
const ratios = opts.ns.map((n) => {
  const p99 = (system: RunResult["system"]) => results.find((r) => r.n === n && r.system === system)?.latencyMs.p99;
  const siaga = p99("siaga")!;
  const over = (floor: number | undefined) => (floor === undefined ? null : round(siaga / floor, 2));
  return { n, overWsFloor: over(p99("ws-floor")), overSocketIoFloor: over(p99("socketio-floor")) };
});
console.log("");
table(results);
console.log("");
for (const r of ratios) console.log(`N=${r.n}: Siaga p99 / ws floor p99 = ${r.overWsFloor ?? "—"}×, / Socket.IO floor p99 = ${r.overSocketIoFloor ?? "—"}×`);
const misses = results.flatMap(verdict);
console.log(misses.length ? `\nTargets missed:\n  ${misses.join("\n  ")}` : "\nAll targets met (1,000: p99 < 50 ms, 0 lost; 5,000: p99 < 250 ms, RSS < 1 GB).");

mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(opts.out, JSON.stringify({
  at: new Date().toISOString(),
  command: ["npm run bench:realtime", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" "),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGB: round(totalmem() / 2 ** 30), node: process.version, loadavgAtEnd: loadavg(), ulimitN: { soft: softNoFile, hard: hardNoFile } },
  options: opts,
  notes: [
    "latency = client arrival − moment the REST PATCH (Siaga) or the floor's control message was due on the fixed-rate schedule (open loop, so a backlog counts); same machine, wall clock (performance.timeOrigin + performance.now())",
    "REST p50 = actual send → HTTP response (Siaga; the floor gets its changes on a WebSocket and answers nothing); it grows when the event loop is busy with the fan-out",
    "all-N p99 = p99 over events of the time until the last of the N connections had the event",
    "at→recv = from the event's `at` (server clock, ms resolution, stamped inside the write transaction before COMMIT) to arrival: commit + fan-out + client",
    "clients: socket.io-client over websocket only, forceNew (one TCP connection each), all using one `layar` screen token; they resume with batch: true (pushes as `events` arrays, one per burst) unless --single",
    "server, floor and client workers share the same cores: client-side event-loop delay is inside the numbers",
    "socketio-floor = bench/socketio-floor.ts: a bare Socket.IO server; each change reaches it on one control WebSocket on the same schedule, is appended to a file and fsynced, then broadcast to every socket (one `events` array per change, or one `event` with --single)",
    "ratios = Siaga's p99 over each floor's p99 at the same N (below 1: Siaga's own batching beats the bare broadcast)",
    "other CPU s = machine busy CPU during the stream minus server, workers and this process: load from others sharing the machine (noise)",
  ],
  results,
  ratios,
  targetsMissed: misses,
}, null, 2));
console.log(`\nwrote ${opts.out}`);
process.exit(misses.length ? 1 : 0);
