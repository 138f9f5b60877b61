/**
 * The dashboard the server serves is dist/client, built by `vite build`. The browser tests build it when
 * it is missing or older than anything it is built from, so they never test a stale bundle.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./server.js";

/** What `vite build` reads: the client, the shared schemas, the bundled boundaries, the build config. */
const SOURCES = ["client", "shared", "seed/geo", "vite.config.ts", "scripts/pwa.ts", "scripts/preload-app.ts", "package-lock.json"];
export const CLIENT_INDEX = join(ROOT, "dist", "client", "index.html");

function newestMtime(path: string): number {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** The reason dist/client must be rebuilt, or null when it is current. */
export function staleReason(): string | null {
  if (!existsSync(CLIENT_INDEX)) return "dist/client/index.html is missing";
  const built = statSync(CLIENT_INDEX).mtimeMs;
  for (const s of SOURCES) {
    if (newestMtime(join(ROOT, s)) > built) return `${s} changed after the last build`;
  }
  return null;
}

/** Runs `vite build` (always when `force`, else only when stale); throws with vite's output on failure. */
export function buildClient(force = false): { built: boolean; ms: number; reason: string | null } {
  const reason = force ? "forced" : staleReason();
  if (!reason) return { built: false, ms: 0, reason };
  const t0 = performance.now();
  const res = spawnSync(process.execPath, [join(ROOT, "node_modules", "vite", "bin", "vite.js"), "build"], {
    cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", NODE_ENV: "production" }, // vitest sets NODE_ENV=test: the tests use the bundle users get
  });
  if (res.status !== 0) throw new Error(`vite build failed (${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
  return { built: true, ms: performance.now() - t0, reason };
}
