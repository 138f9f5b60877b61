/** Starts a real Siaga server on port 0 over a real SQLite file in a temp dir. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import type { AddressInfo, Socket } from "node:net";
import { createApp, type App } from "../../server/app.js";
import { createLogger, type Logger } from "../../server/log.js";
import { demoAccounts, hashAll, insertAccounts } from "../../server/bootstrap/accounts.js";
import { seedIfEmpty } from "../../server/bootstrap/seed.js";
import type { Clock } from "../../server/clock.js";
import type { Planner } from "../../server/planner/pool.js";
import type { PushSettings } from "../../server/push/sender.js";
import { SqliteStore } from "../../server/store/sqlite.js";
import type { LongHoursSettings } from "../../shared/rules.js";
import { request, type Res } from "./http.js";

export { request, type Res };

export const DEMO_PASSWORD = "rahasia-uji-123";

export class TestClock implements Clock {
  constructor(private t = Date.parse("2026-12-20T08:00:00+09:00")) {}
  now() { return new Date(this.t); }
  advance(ms: number) { this.t += ms; }
}

export interface TestServer {
  app: App;
  store: SqliteStore;
  url: string;
  dir: string;
  clock: TestClock;
  /** Signs in and returns a client bound to the token. */
  as(username: string, password?: string): Promise<Client>;
  /** Stops the server and reopens the same file: what a restart does. `whileDown` runs in between (a restore). */
  restart(whileDown?: () => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export interface Client {
  token: string;
  user: { username: string; role: string; unitId?: string; staffId?: string };
  get(path: string): Promise<Res>;
  post(path: string, body?: unknown): Promise<Res>;
  patch(path: string, body?: unknown): Promise<Res>;
  put(path: string, body?: unknown): Promise<Res>;
  del(path: string, body?: unknown): Promise<Res>;
}

export function client(url: string, token: string, user: Client["user"]): Client {
  return {
    token,
    user,
    get: (p) => request(url, "GET", p, undefined, token),
    post: (p, b) => request(url, "POST", p, b ?? {}, token),
    patch: (p, b) => request(url, "PATCH", p, b, token),
    put: (p, b) => request(url, "PUT", p, b, token),
    del: (p, b) => request(url, "DELETE", p, b, token),
  };
}

/** Request lines stay out of the test output; a test that reads them passes its own logger. */
const QUIET = createLogger("silent");

/**
 * `seed: "maulafa"` loads the product's seed and all demo accounts; `seed: "accounts"` only the
 * coordinator and screen accounts, so a test builds exactly the units and staff it needs.
 * `planner` replaces the app's own worker pool (and is the test's to close). `logger` gets the request
 * lines (default none), `metricsToken` is SIAGA_METRICS_TOKEN, `push` turns Web Push on (tests/helpers/push-service.ts).
 */
export async function startServer(options: { seed: "maulafa" | "accounts"; clock?: TestClock; redisUrl?: string; planner?: Planner; logger?: Logger; metricsToken?: string; settings?: Partial<LongHoursSettings>; push?: PushSettings }): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "siaga-test-"));
  const clock = options.clock ?? new TestClock();
  const file = join(dir, "siaga.sqlite");
  let store = new SqliteStore({ file, now: () => clock.now() });
  let app: App;

  let port = 0;
  /** The open connections of the app listening now. */
  const connections = new Set<Socket>();
  async function boot(first: boolean) {
    // The sweeps (escalation, relief) run when a test calls app.sweeps.run() after moving its clock, never on a timer.
    app = await createApp({ store, clock, redisUrl: options.redisUrl, planner: options.planner, logger: options.logger ?? QUIET, metricsToken: options.metricsToken, sweepEveryMs: 0, settings: options.settings, push: options.push });
    if (first && options.seed === "maulafa") await seedIfEmpty(app.ctx, { dataDir: dir, demoPassword: DEMO_PASSWORD, log: () => {} });
    if (first && options.seed === "accounts") {
      const accounts = demoAccounts([], [], DEMO_PASSWORD);
      const hashes = await hashAll(accounts);
      await store.transact((tx) => insertAccounts(tx, accounts, hashes));
    }
    // A restart listens on the same port, as a real one would: clients reconnect to the same URL.
    app.http.on("connection", (socket: Socket) => {
      connections.add(socket);
      socket.once("close", () => connections.delete(socket));
    });
    await new Promise<void>((resolve) => app.http.listen(port, "127.0.0.1", resolve));
    port = (app.http.address() as AddressInfo).port;
    server.url = `http://127.0.0.1:${port}`;
  }

  const server: TestServer = {
    get app() { return app; },
    get store() { return store; },
    url: "",
    dir,
    clock,
    async as(username, password = DEMO_PASSWORD) {
      const res = await request(server.url, "POST", "/auth/login", { username, password });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return client(server.url, res.body.token, res.body.user);
    },
    async restart(whileDown) {
      await app.close();
      // A process that stops takes its connections with it: so does this restart, before the next app
      // listens. Else a client's keep-alive socket to the old app may carry the next request there.
      await Promise.all([...connections].map((socket) => {
        const closed = once(socket, "close");
        socket.destroy();
        return closed;
      }));
      // Their ends reach this process's clients (fetch's pool) in the next poll phase: one turn of the loop.
      await new Promise((resolve) => setImmediate(resolve));
      await store.close();
      await whileDown?.();
      store = new SqliteStore({ file, now: () => clock.now() });
      await boot(false);
    },
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await boot(true);
  return server;
}
