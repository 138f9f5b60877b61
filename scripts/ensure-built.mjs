/**
 * Builds dist/ when it is not a build of the sources as they are (build-stamp.mjs), else does nothing.
 * `npm start` calls it before it runs the server; run as a script it is `prepare`, which `npm ci` and
 * `npm install` run once the packages are in: so a fresh clone builds at install and starts at once.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { staleReason } from "./build-stamp.mjs";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Returns whether it built. Without the build tools (`npm ci --omit=dev`) a stale dist/ cannot be built:
 * `required` (npm start) fails with what to do, else (prepare) it says so and goes on.
 */
export function ensureBuilt({ required }) {
  const reason = staleReason(ROOT);
  if (!reason) return false;
  if (!existsSync(join(ROOT, "node_modules", "vite")) || !existsSync(join(ROOT, "node_modules", "tsx"))) {
    const message = `dist/ needs a build (${reason}), and the build tools (vite, esbuild: dev packages) are not installed; run npm ci with them, then npm run build`;
    if (required) {
      process.stderr.write(`siaga: cannot start: ${message}\n`);
      process.exit(1);
    }
    process.stderr.write(`siaga: not building: ${message}\n`);
    return false;
  }
  process.stderr.write(`siaga: building dist/: ${reason}\n`);
  const res = runBuild("inherit");
  if (res.status !== 0) {
    process.stderr.write(`siaga: the build failed (${res.status ?? res.signal})\n`);
    process.exit(1);
  }
  return true;
}

/** `npm run build` (scripts/build.ts) in a child process, its output to `stdio`. */
export function runBuild(stdio) {
  return spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "build.ts")], { cwd: ROOT, stdio, encoding: "utf8" });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) ensureBuilt({ required: false });
