/** Reads configuration, opens the store, seeds on first start, listens. Nothing else lives here. */
import { fileURLToPath } from "node:url";
import { createApp } from "./app.js";
import { seedIfEmpty } from "./bootstrap/seed.js";
import { readConfig } from "./config.js";
import { createLogger, log, setProcessLogger } from "./log.js";
import { openStore } from "./store/open.js";

const config = readConfig();
setProcessLogger(createLogger(config.logLevel));
log.info({ pid: process.pid, node: process.version }, "starting");
const store = await openStore({ dataDir: config.dataDir, mongodbUri: config.mongodbUri });
log.info({ store: store.kind }, `store opened: ${store.kind}${store.kind === "sqlite" ? ` in ${config.dataDir}` : ""}`);
const app = await createApp({
  store,
  clientDir: fileURLToPath(new URL("../dist/client", import.meta.url)),
  redisUrl: config.redisUrl,
  metricsToken: config.metricsToken,
});
if (config.seed) await seedIfEmpty(app.ctx, { dataDir: config.dataDir, demoPassword: config.demoPassword });

app.http.listen(config.port, () => {
  const address = app.http.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  log.info({ port, store: store.kind, redis: Boolean(config.redisUrl) }, `listening on http://localhost:${port} (store: ${store.kind}${store.kind === "sqlite" ? `, ${config.dataDir}` : ""}${config.redisUrl ? ", redis adapter" : ""})`);
});

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    log.info({ signal }, "shutting down");
    await app.close();
    await store.close();
    log.info("stopped");
    process.exit(0);
  });
}
