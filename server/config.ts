import { join, resolve } from "node:path";
import { z } from "zod";

/** Configuration by environment, with the names DESIGN.md fixes. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("./data"),
  MONGODB_URI: z.string().min(1).optional(),
  REDIS_URL: z.string().min(1).optional(),
  SIAGA_DEMO_PASSWORD: z.string().min(1).optional(),
  /** Skip the Maulafa seed on first start (an empty store, for tests that bring their own data). */
  SIAGA_NO_SEED: z.enum(["0", "1"]).optional(),
  /** Minutes between scheduled backups of the SQLite store into DATA_DIR/backups; 0: none. */
  SIAGA_BACKUP_EVERY_MIN: z.coerce.number().int().min(0).default(0),
  /** How many scheduled backups to keep; older ones are deleted. */
  SIAGA_BACKUP_KEEP: z.coerce.number().int().min(1).default(7),
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
    backup: { everyMin: e.SIAGA_BACKUP_EVERY_MIN, keep: e.SIAGA_BACKUP_KEEP, dir: join(resolve(e.DATA_DIR), "backups") },
  };
}
