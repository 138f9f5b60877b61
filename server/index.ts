/** Reads configuration, opens the store, seeds on first start, listens. Nothing else lives here. */
import { fileURLToPath } from "node:url";
import { createApp } from "./app.js";
import { seedIfEmpty } from "./bootstrap/seed.js";
import { readConfig } from "./config.js";
import { startScheduledBackups } from "./ops/schedule.js";
import { openStore, sqliteFileOf } from "./store/open.js";

const config = readConfig();
const store = await openStore({ dataDir: config.dataDir, mongodbUri: config.mongodbUri });
const app = await createApp({
  store,
  clientDir: fileURLToPath(new URL("../dist/client", import.meta.url)),
  redisUrl: config.redisUrl,
});
if (config.seed) await seedIfEmpty(app.ctx, { dataDir: config.dataDir, demoPassword: config.demoPassword });
const backups = startScheduledBackups(config, store, sqliteFileOf(config.dataDir));

app.http.listen(config.port, () => {
  const address = app.http.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  console.log(`[siaga] listening on http://localhost:${port} (store: ${store.kind}${store.kind === "sqlite" ? `, ${config.dataDir}` : ""}${config.redisUrl ? ", redis adapter" : ""})`);
});

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await backups?.stop();
    await store.close();
    process.exit(0);
  });
}
