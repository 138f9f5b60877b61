/**
 * `POST /api/plans/simulate` over real HTTP against a real server, for bench:planner (issue 12: a warm
 * what-if on a Kupang-size varied roster under 50 ms). The server is a process of its own (this file,
 * forked with --serve: createApp over a fresh SQLite file with the coordinator account, the app's own
 * planner pool, no request log), so the client's work does not share its event loop; the client signs in
 * as the coordinator, who may `plan.simulate`.
 * A run's time is from sending the request to having the whole answer (upload, the worker's JSON parse,
 * validation, solve and JSON, the answer's download), wall clock: what a coordinator's browser waits.
 * Beside it, the server process's CPU ms for the run (all its threads: event loop, planner worker, GC),
 * which the machine's other load inflates far less than the wall time.
 */
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "../server/app.js";
import { demoAccounts, hashAll, insertAccounts } from "../server/bootstrap/accounts.js";
import { createLogger } from "../server/log.js";
import { SqliteStore } from "../server/store/sqlite.js";
import type { PlanResult } from "../shared/planner.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PASSWORD = "bench-rahasia-123";

async function serve() {
  const dir = mkdtempSync(join(tmpdir(), "siaga-bench-simulate-"));
  const store = new SqliteStore({ file: join(dir, "siaga.sqlite") });
  const accounts = demoAccounts([], [], PASSWORD);
  const hashes = await hashAll(accounts);
  await store.transact((tx) => insertAccounts(tx, accounts, hashes));
  const app = await createApp({ store, logger: createLogger("silent") });
  await new Promise<void>((resolve) => app.http.listen(0, "127.0.0.1", resolve));
  process.send!({ listening: (app.http.address() as AddressInfo).port });
  process.on("message", (m) => {
    if (m === "cpu") {
      const { user, system } = process.cpuUsage();
      process.send!({ cpuMs: (user + system) / 1000 });
    }
  });
  process.once("disconnect", async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}

export interface SimulateServer {
  /** One what-if: its wall time, the server's CPU time for it, and the answer. */
  simulate(body: string): Promise<{ ms: number; cpuMs: number; result: PlanResult }>;
  close(): Promise<void>;
}

export async function startSimulateServer(): Promise<SimulateServer> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ["--serve"], { cwd: ROOT, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`simulate server exited (${code})`)));
    child.once("message", (m: { listening: number }) => resolve(m.listening));
  });
  const serverCpuMs = () => new Promise<number>((resolve) => {
    child.once("message", (m: { cpuMs: number }) => resolve(m.cpuMs));
    child.send("cpu");
  });
  const url = `http://127.0.0.1:${port}/api`;
  const login = await fetch(`${url}/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "koordinator", password: PASSWORD }) });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  return {
    async simulate(body) {
      const cpu0 = await serverCpuMs();
      const t0 = performance.now();
      const res = await fetch(`${url}/plans/simulate`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body });
      const text = await res.text();
      const ms = performance.now() - t0;
      const cpuMs = (await serverCpuMs()) - cpu0;
      if (res.status !== 200) throw new Error(`simulate: ${res.status} ${text.slice(0, 500)}`);
      return { ms, cpuMs, result: JSON.parse(text) as PlanResult };
    },
    async close() {
      child.disconnect();
      await once(child, "exit");
    },
  };
}

if (process.argv.includes("--serve")) await serve();
