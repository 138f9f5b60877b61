import { isIP } from "node:net";
import { join, resolve } from "node:path";
import { z } from "zod";
import { LONG_HOURS_DEFAULTS } from "../shared/rules.js";
import { LOG_LEVELS } from "./log.js";
import { vapidProblems } from "./push/vapid.js";

/** Configuration by environment, with the names DESIGN.md fixes. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The address to listen on; unset, every interface. 127.0.0.1 behind a reverse proxy on this machine. */
  SIAGA_HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  MONGODB_URI: z.string().min(1).optional(),
  REDIS_URL: z.string().min(1).optional(),
  SIAGA_DEMO_PASSWORD: z.string().min(10, "use a demo password of at least 10 characters").max(200).optional(),
  /** Seed even a data directory that held data (its store was wiped or swapped); see docs/operations.md. */
  SIAGA_ALLOW_RESEED: z.enum(["0", "1"]).optional(),
  /** The origin printed in letters' verify links (QR codes); default the origin each request came to. */
  SIAGA_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Bearer token for /metrics; unset, /metrics answers loopback clients only. */
  SIAGA_METRICS_TOKEN: z.string().min(16, "use a metrics token of at least 16 characters").optional(),
  /** How much goes to the log (pino's levels). */
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** Skip the Maulafa seed on first start (an empty store, for tests that bring their own data). */
  SIAGA_NO_SEED: z.enum(["0", "1"]).optional(),
  /** SIGTERM/SIGINT: how long the graceful shutdown may take before the process exits 1. */
  SIAGA_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  /** Express's `trust proxy`: whose X-Forwarded-For / -Proto to believe (README "Running it for real"). */
  SIAGA_TRUST_PROXY: z.string().min(1).default("loopback").refine(validTrustProxy, {
    message: "true, false, a hop count, or comma-separated addresses, subnets or loopback/linklocal/uniquelocal",
  }),
  /** Minutes between scheduled backups of the SQLite store into DATA_DIR/backups; 0: none. */
  SIAGA_BACKUP_EVERY_MIN: z.coerce.number().int().min(0).default(0),
  /** How many scheduled backups to keep; older ones are deleted. */
  SIAGA_BACKUP_KEEP: z.coerce.number().int().min(1).default(7),
  /** Issue 15: minutes a request may wait for its unit head before it is escalated. */
  SIAGA_ESCALATE_AFTER_MIN: z.coerce.number().int().min(1).max(7 * 24 * 60).default(LONG_HOURS_DEFAULTS.escalateAfterMin),
  /** Issue 15: the fatigue limits relief keeps: hours per shift, hours deployed per 14 days. */
  SIAGA_SHIFT_HOURS: z.coerce.number().min(1).max(24).default(LONG_HOURS_DEFAULTS.shiftHours),
  SIAGA_FATIGUE_LIMIT_HOURS: z.coerce.number().min(1).max(24 * 14).default(LONG_HOURS_DEFAULTS.fatigueLimitHours),
  /** Issue 14: Web Push through the browsers' push services, on when all three are set (README "Web Push"). */
  SIAGA_VAPID_PUBLIC_KEY: z.string().trim().min(1).optional(),
  SIAGA_VAPID_PRIVATE_KEY: z.string().trim().min(1).optional(),
  SIAGA_VAPID_SUBJECT: z.string().trim().min(1).optional(),
  /** For tests only: a push endpoint may be plain http on localhost (a local push service). */
  SIAGA_PUSH_ALLOW_HTTP_LOCALHOST: z.enum(["0", "1"]).optional(),
}).superRefine((e, ctx) => {
  // Half a VAPID configuration, or a key pasted wrong, refuses to start: push silently off would be worse.
  for (const problem of vapidProblems({ publicKey: e.SIAGA_VAPID_PUBLIC_KEY, privateKey: e.SIAGA_VAPID_PRIVATE_KEY, subject: e.SIAGA_VAPID_SUBJECT })) {
    ctx.addIssue({ code: "custom", path: [problem.name], message: problem.message });
  }
});

const PROXY_PRESETS = ["loopback", "linklocal", "uniquelocal"];

function validTrustProxy(value: string): boolean {
  if (value === "true" || value === "false" || /^\d+$/.test(value)) return true;
  return value.split(",").every((item) => {
    const [address, bits, ...rest] = item.trim().split("/");
    if (PROXY_PRESETS.includes(address!) && bits === undefined) return true;
    return isIP(address!) !== 0 && rest.length === 0 && (bits === undefined || /^\d+$/.test(bits) || isIP(bits) !== 0);
  });
}

/** The value Express takes: a boolean, a number of hops, or the list as it is. */
function trustProxy(value: string): boolean | number | string {
  if (value === "true" || value === "false") return value === "true";
  return /^\d+$/.test(value) ? Number(value) : value;
}

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
    host: e.SIAGA_HOST,
    dataDir: resolve(e.DATA_DIR),
    mongodbUri: e.MONGODB_URI,
    redisUrl: e.REDIS_URL,
    demoPassword: e.SIAGA_DEMO_PASSWORD,
    publicUrl: e.SIAGA_PUBLIC_URL,
    seed: e.SIAGA_NO_SEED !== "1",
    allowReseed: e.SIAGA_ALLOW_RESEED === "1",
    metricsToken: e.SIAGA_METRICS_TOKEN,
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SIAGA_SHUTDOWN_TIMEOUT_MS,
    trustProxy: trustProxy(e.SIAGA_TRUST_PROXY),
    longHours: { escalateAfterMin: e.SIAGA_ESCALATE_AFTER_MIN, shiftHours: e.SIAGA_SHIFT_HOURS, fatigueLimitHours: e.SIAGA_FATIGUE_LIMIT_HOURS },
    push: e.SIAGA_VAPID_PUBLIC_KEY && e.SIAGA_VAPID_PRIVATE_KEY && e.SIAGA_VAPID_SUBJECT
      ? { vapid: { publicKey: e.SIAGA_VAPID_PUBLIC_KEY, privateKey: e.SIAGA_VAPID_PRIVATE_KEY, subject: e.SIAGA_VAPID_SUBJECT }, allowHttpLocalhost: e.SIAGA_PUSH_ALLOW_HTTP_LOCALHOST === "1" }
      : undefined,
    backup: { everyMin: e.SIAGA_BACKUP_EVERY_MIN, keep: e.SIAGA_BACKUP_KEEP, dir: join(resolve(e.DATA_DIR), "backups") },
  };
}
