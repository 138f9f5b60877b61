/** Reads configuration, opens the store, seeds on first start, listens. Nothing else lives here. */
import { readConfig } from "./config.js";
import { checkDataDir, lockDataDir, StartupError } from "./lifecycle/startup.js";
import { createLogger, log, setProcessLogger } from "./log.js";
import { StoreUnavailable } from "./store/port.js";

/**
 * A refusal at start (bad configuration or DATA_DIR, a second process, a damaged store, a reseed) is one
 * line on stderr and exit 1, no stack. The checks run before the rest of the server is even loaded, so
 * a bad DATA_DIR is said within a second.
 */
function refuse(error: unknown): never {
  const message = (error as Error).message;
  process.stderr.write(`siaga: cannot start: ${message.replace(/\n\s*/g, "; ")}\n`);
  process.exit(1);
}
const refusal = (error: unknown) => error instanceof StartupError || error instanceof StoreUnavailable || (error instanceof Error && error.message.startsWith("Bad configuration"));

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig();
  checkDataDir(config.dataDir);
  // SQLite without the Redis adapter: one process per data directory (the OS drops the lock on exit).
  if (!config.mongodbUri && !config.redisUrl) lockDataDir(config.dataDir);
} catch (error) {
  refuse(error);
}
setProcessLogger(createLogger(config.logLevel));
log.info({ pid: process.pid, node: process.version }, "starting");

const [{ createApp }, { seedIfEmpty }, { clientDir }, { createShutdown, shutdownOnSignals }, { startScheduledBackups }, { openStore, sqliteFileOf }] = await Promise.all([
  import("./app.js"), import("./bootstrap/seed.js"), import("./lifecycle/paths.js"), import("./lifecycle/shutdown.js"), import("./ops/schedule.js"), import("./store/open.js"),
]);
const store = await openStore({ dataDir: config.dataDir, mongodbUri: config.mongodbUri }).catch((error: unknown) => (refusal(error) ? refuse(error) : Promise.reject(error)));
log.info({ push: Boolean(config.push) }, config.push ? "web push on (VAPID keys set)" : "web push off (no SIAGA_VAPID_* keys)");
log.info({ store: store.kind }, `store opened: ${store.kind}${store.kind === "sqlite" ? ` in ${config.dataDir}` : ""}`);
const app = await createApp({
  store,
  clientDir: clientDir(import.meta.url),
  redisUrl: config.redisUrl,
  trustProxy: config.trustProxy,
  publicUrl: config.publicUrl,
  metricsToken: config.metricsToken,
  settings: config.longHours,
  push: config.push,
});
if (config.seed) {
  await seedIfEmpty(app.ctx, { dataDir: config.dataDir, demoPassword: config.demoPassword, allowReseed: config.allowReseed }).catch(async (error: unknown) => {
    if (!refusal(error)) throw error;
    await app.close();
    await store.close();
    refuse(error);
  });
}
const backups = startScheduledBackups(config, store, sqliteFileOf(config.dataDir));

// SIGTERM/SIGINT: refuse new connections, finish the requests in flight, push what has committed, send
// the live sockets away, close the store (SQLite checkpoints), exit 0; exit 1 past the timeout.
const ioPath = `${app.realtime.io.path()}/`;
const shutdown = createShutdown({
  http: app.http,
  timeoutMs: config.shutdownTimeoutMs,
  background: (req) => req.url?.startsWith(ioPath) ?? false,
  steps: [
    { name: "app (live feed, HTTP)", run: () => app.close() },
    // A scheduled backup under way finishes before the store closes.
    { name: "scheduled backups", run: async () => { await backups?.stop(); } },
    { name: "store", run: () => store.close() },
  ],
});
shutdownOnSignals(shutdown);

app.http.listen(config.port, config.host, () => {
  const address = app.http.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host ?? "localhost";
  log.info({ host, port, store: store.kind, redis: Boolean(config.redisUrl) }, `listening on http://${host}:${port} (store: ${store.kind}${store.kind === "sqlite" ? `, ${config.dataDir}` : ""}${config.redisUrl ? ", redis adapter" : ""})`);
});
