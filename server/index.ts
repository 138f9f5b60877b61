/** Reads configuration, opens the store, seeds on first start, listens. Nothing else lives here. */
import { createApp } from "./app.js";
import { seedIfEmpty } from "./bootstrap/seed.js";
import { readConfig } from "./config.js";
import { clientDir } from "./lifecycle/paths.js";
import { createShutdown, shutdownOnSignals } from "./lifecycle/shutdown.js";
import { createLogger, log, setProcessLogger } from "./log.js";
import { startScheduledBackups } from "./ops/schedule.js";
import { openStore, sqliteFileOf } from "./store/open.js";

const config = readConfig();
setProcessLogger(createLogger(config.logLevel));
log.info({ pid: process.pid, node: process.version }, "starting");
const store = await openStore({ dataDir: config.dataDir, mongodbUri: config.mongodbUri });
log.info({ store: store.kind }, `store opened: ${store.kind}${store.kind === "sqlite" ? ` in ${config.dataDir}` : ""}`);
const app = await createApp({
  store,
  clientDir: clientDir(import.meta.url),
  redisUrl: config.redisUrl,
  trustProxy: config.trustProxy,
  metricsToken: config.metricsToken,
  settings: config.longHours,
});
if (config.seed) await seedIfEmpty(app.ctx, { dataDir: config.dataDir, demoPassword: config.demoPassword });
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
