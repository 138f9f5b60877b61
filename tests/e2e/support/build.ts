/**
 * The browser tests run the build users get: dist/ (the dashboard in dist/client, the server in
 * dist/server), built by `npm run build` when it is not a build of the sources as they are, judged by
 * the same stamp `npm start` reads (scripts/build-stamp.mjs). So they never test a stale bundle.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { staleReason } from "../../../scripts/build-stamp.mjs";
import { runBuild } from "../../../scripts/ensure-built.mjs";
import { ROOT } from "./server.js";

/** The built dashboard's page (tests that read the bundle start here). */
export const CLIENT_INDEX = join(ROOT, "dist", "client", "index.html");

/** Builds dist/ when it is stale; throws with the build's output when the build fails. */
export function ensureBuilt(): { built: boolean; ms: number; reason: string | null } {
  const reason = staleReason(ROOT);
  if (!reason) return { built: false, ms: 0, reason };
  const t0 = performance.now();
  const res = runBuild("pipe");
  if (res.status !== 0) throw new Error(`npm run build failed (${res.status ?? res.signal}; it ran because ${reason}):\n${res.stdout}\n${res.stderr}`);
  return { built: true, ms: performance.now() - t0, reason };
}

/**
 * The dashboard alone: `vite build` into dist/client, always when `force` (bench:client times it), else
 * only when dist/ is stale (then the whole build, ensureBuilt). Throws with vite's output on failure.
 */
export function buildClient(force = false): { built: boolean; ms: number; reason: string | null } {
  if (!force) return ensureBuilt();
  const t0 = performance.now();
  const res = spawnSync(process.execPath, [join(ROOT, "node_modules", "vite", "bin", "vite.js"), "build"], {
    cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", NODE_ENV: "production" }, // vitest sets NODE_ENV=test: the tests use the bundle users get
  });
  if (res.status !== 0) throw new Error(`vite build failed (${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
  return { built: true, ms: performance.now() - t0, reason: "forced" };
}
