/**
 * Whether dist/ was built from the sources as they are now. `npm run build` (scripts/build.ts) hashes
 * every build input before it starts and, once both builds succeed, writes the hashes to
 * dist/build-stamp.json; `npm start` and `npm ci` (prepare) build only when the sources differ from that.
 * By content, not mtimes: a checkout or copy that keeps old mtimes, or an edit and its undo, are judged
 * by what the files hold. ~260 files, ~2 MB: about 20 ms.
 *
 * Plain JavaScript on purpose: `npm start` runs it with plain node, before anything is built, and
 * loading tsx would cost the start a third of a second.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** What the dashboard and server builds read: their sources, the seed and boundaries they bundle, their configs, the locked dependencies. */
export const BUILD_INPUTS = ["client", "server", "shared", "seed", "scripts", "vite.config.ts", "tsconfig.json", "package.json", "package-lock.json"];

/** What a start needs of the build. */
export const BUILD_OUTPUTS = ["dist/client/index.html", "dist/server/index.js", "dist/server/worker.js", "dist/server/mutasi-worker.js", "dist/server/kernel.wasm"];

export const STAMP = "dist/build-stamp.json";

/** Every input file under `root` (path with "/", relative to root) with the sha1 of its content, in path order. */
export function hashInputs(root) {
  /** @type {Record<string, string>} */
  const files = {};
  const walk = (rel) => {
    const st = statSync(join(root, rel), { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const name of readdirSync(join(root, rel)).sort()) walk(`${rel}/${name}`);
    } else if (st.isFile()) {
      files[rel] = createHash("sha1").update(readFileSync(join(root, rel))).digest("hex");
    }
  };
  for (const input of BUILD_INPUTS) walk(input);
  return files;
}

/** Removes the stamp: a build under way, or one that failed, leaves dist/ stale. */
export function clearStamp(root) {
  rmSync(join(root, STAMP), { force: true });
}

/** Records that dist/ holds a build of `files` (from hashInputs, taken before that build started). */
export function writeStamp(root, files) {
  mkdirSync(join(root, "dist"), { recursive: true });
  writeFileSync(join(root, STAMP), `${JSON.stringify({ builtAt: new Date().toISOString(), files }, null, 1)}\n`);
}

/** Why dist/ must be built again, or null when it is a build of the sources as they are. */
export function staleReason(root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, STAMP), "utf8")).files;
  } catch {
    return `no build stamp (${STAMP})`;
  }
  for (const out of BUILD_OUTPUTS) if (!existsSync(join(root, out))) return `${out} is missing`;
  const now = hashInputs(root);
  const changed = [
    ...Object.keys(now).filter((f) => stamp[f] !== now[f]),
    ...Object.keys(stamp).filter((f) => !(f in now)),
  ];
  if (changed.length === 0) return null;
  const [first] = changed;
  const what = first in now ? (first in stamp ? "changed" : "is new") : "was removed";
  return `${first} ${what} since the last build${changed.length > 1 ? ` (and ${changed.length - 1} more)` : ""}`;
}
