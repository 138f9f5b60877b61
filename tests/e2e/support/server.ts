/**
 * A real Siaga server as its own process (`node --import tsx server/index.ts`), on a port fixed up front
 * so a restart (SIGKILL, then start again on the same port and DATA_DIR) keeps the URL the browser uses.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

const running = new Set<ChildProcess>();
// If the test runner dies, no server may outlive it.
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

export interface ServerOptions {
  port: number;
  dataDir: string;
  password: string;
  /** More environment (e.g. SIAGA_NO_SEED). */
  env?: NodeJS.ProcessEnv;
  /** How long to wait for "listening on" (the seed of a big store takes a while). */
  timeoutMs?: number;
}

export interface ServerProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Everything the process printed so far. */
  log(): string;
  /** SIGKILL, resolved once the process is gone: what a crash does. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), SIGKILL after 5 s. */
  stop(): Promise<void>;
}

function gone(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Starts the server and resolves once it prints `listening on http://localhost:<port>`. */
export function startServer(options: ServerOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(options.port),
      DATA_DIR: options.dataDir,
      SIAGA_DEMO_PASSWORD: options.password,
      REDIS_URL: "",
      MONGODB_URI: "",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let out = "";
  const proc: ServerProcess = {
    child,
    url: `http://127.0.0.1:${options.port}`,
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
  };
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not listen within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = ready ? null : out.match(/listening on http:\/\/localhost:(\d+)/);
      if (m) {
        ready = true;
        clearTimeout(timer);
        if (Number(m[1]) !== options.port) reject(new Error(`server listens on ${m[1]}, not on ${options.port}`));
        else resolve(proc);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start the server: ${e.message}`));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`server exited (${code ?? signal}) before it listened:\n${out}`));
    });
  });
}

export interface ApiRes {
  status: number;
  // Tests read whatever the route answered.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** One REST call under /api. */
export async function call(url: string, method: string, path: string, token?: string, body?: unknown): Promise<ApiRes> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${url}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Like `call`, but anything other than 2xx throws with the route's answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function must(url: string, method: string, path: string, token?: string, body?: unknown): Promise<any> {
  const res = await call(url, method, path, token, body);
  if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Signs in through the API; returns the login response ({token, user, expiresAt}). */
export async function login(url: string, username: string, password: string): Promise<{ token: string; user: { username: string; role: string; unitId?: string; staffId?: string }; expiresAt: string }> {
  return must(url, "POST", "/auth/login", undefined, { username, password });
}
