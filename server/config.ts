import { resolve } from "node:path";
import { z } from "zod";
import { LOG_LEVELS } from "./log.js";

/** Configuration by environment, with the names DESIGN.md fixes. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("./data"),
  MONGODB_URI: z.string().min(1).optional(),
  REDIS_URL: z.string().min(1).optional(),
  SIAGA_DEMO_PASSWORD: z.string().min(1).optional(),
  /** Bearer token for /metrics; unset, /metrics answers loopback clients only. */
  SIAGA_METRICS_TOKEN: z.string().min(16, "use a metrics token of at least 16 characters").optional(),
  /** How much goes to the log (pino's levels). */
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** Skip the Maulafa seed on first start (an empty store, for tests that bring their own data). */
  SIAGA_NO_SEED: z.enum(["0", "1"]).optional(),
});

export function readConfig(env: NodeJS.ProcessEnv = process.env) {
  // An empty variable (`MONGODB_URI= npm start`) means unset, as in most shells' conventions.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const parsed = Env.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Bad configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    dataDir: resolve(e.DATA_DIR),
    mongodbUri: e.MONGODB_URI,
    redisUrl: e.REDIS_URL,
    demoPassword: e.SIAGA_DEMO_PASSWORD,
    seed: e.SIAGA_NO_SEED !== "1",
    metricsToken: e.SIAGA_METRICS_TOKEN,
    logLevel: e.LOG_LEVEL,
  };
}
