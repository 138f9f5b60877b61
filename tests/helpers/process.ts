/**
 * Real child processes for tests and benches: a Siaga server (`node --import tsx server/index.ts`, or the
 * build in dist/server as `npm start` runs it) or any program (redis-server), resolved once its output
 * says it is ready. None may outlive the test runner.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const c of running) c.kill("SIGKILL");
});

/** A TCP port that was free a moment ago (bound to 0, read, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ChildProc {
  name: string;
  child: ChildProcess;
  url: string;
  /** Everything the process printed so far. */
  log(): string;
  /** SIGKILL, resolved once the process is gone: what a crash does. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), SIGKILL after 5 s. */
  stop(): Promise<void>;
}

const gone = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

export interface ProcessOptions {
  name: string;
  cmd: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Output that means ready; its match gives the URL. */
  ready: RegExp;
  url: (match: RegExpMatchArray) => string;
  timeoutMs?: number;
}

/** Spawns a program and resolves once its output matches `ready`; rejects with the whole log otherwise. */
export function startProcess(o: ProcessOptions): Promise<ChildProc> {
  const child = spawn(o.cmd, o.args, { cwd: ROOT, env: o.env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let out = "";
  const proc = (url: string): ChildProc => ({
    name: o.name,
    child,
    url,
    log: () => out,
    async kill() {
      if (gone(child)) return;
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (gone(child)) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  });
  const timeoutMs = o.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${o.name} was not ready within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = ready ? null : out.match(o.ready);
      if (m) {
        ready = true;
        clearTimeout(timer);
        resolve(proc(o.url(m)));
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`${o.name}: cannot start ${o.cmd}: ${e.message}`));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`${o.name} exited (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
}

export interface ServerOptions {
  name?: string;
  /** 0 picks a free port; a fixed one lets a restart keep the URL clients use. */
  port?: number;
  dataDir: string;
  password: string;
  /** More environment (REDIS_URL, SIAGA_NO_SEED…). */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for "listening on" (seeding a big store takes a while). */
  timeoutMs?: number;
  /** Run dist/server/index.js (the caller builds it first) instead of the sources through tsx. */
  built?: boolean;
}

/** A Siaga server process; resolves once it prints `listening on http://localhost:<port>`. */
export async function startServerProcess(options: ServerOptions): Promise<ChildProc> {
  const port = options.port ?? 0;
  const proc = await startProcess({
    name: options.name ?? "server",
    cmd: process.execPath,
    args: options.built ? ["--enable-source-maps", "dist/server/index.js"] : ["--import", "tsx", "server/index.ts"],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: options.dataDir,
      SIAGA_DEMO_PASSWORD: options.password,
      REDIS_URL: "",
      MONGODB_URI: "",
      // "listening on" is an info line: a LOG_LEVEL of the test run's own must not hide it.
      LOG_LEVEL: "info",
      ...options.env,
    },
    ready: /listening on http:\/\/localhost:(\d+)/,
    url: (m) => `http://127.0.0.1:${m[1]}`,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  if (port !== 0 && proc.url !== `http://127.0.0.1:${port}`) {
    await proc.kill();
    throw new Error(`server listens on ${proc.url}, not on port ${port}`);
  }
  return proc;
}
