/**
 * Compiles the server for `npm start` (`npm run build` runs it after `vite build`): esbuild (a dev dependency of its own) bundles
 * server/index.ts into dist/server/index.js, ESM for Node 20, with every package left to node_modules
 * (so better-sqlite3 loads its native addon from there, untouched). `npm run dev`, the tests and the
 * CLIs keep running the TypeScript through tsx.
 *
 * Worker threads: a module that starts a worker finds it next to itself by its own extension (the planner
 * pool loads `./worker${extname(import.meta.url)}`: worker.ts beside pool.ts under tsx). Bundled, that
 * module's `import.meta.url` is a file of dist/server/, so each worker is an entry of its own, written to
 * dist/server/<name>.js. Code splitting keeps every chunk in that folder too, and keeps the MongoDB
 * adapter (a dynamic import) out of the start of an SQLite server.
 *
 * Usage: tsx scripts/build-server.ts [outdir]   (default dist/server; tests build elsewhere). `npm run build`
 * (scripts/build.ts) calls buildServer after the dashboard's build.
 */
import { build } from "esbuild";
import { copyFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** `in` is built to `<outdir>/<out>.js`. */
export const ENTRIES: { in: string; out: string }[] = [
  { in: "server/index.ts", out: "index" },
  // server/planner/pool.ts is bundled into index.js (or a chunk beside it) and loads ./worker.js.
  { in: "server/planner/worker.ts", out: "worker" },
  // server/mutasi/model/index.ts (MUTASI_WORKER) loads ./mutasi-worker.js the same way.
  { in: "server/mutasi/model/mutasi-worker.ts", out: "mutasi-worker" },
];

export async function buildServer(outdir: string): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
  // The planner's WebAssembly kernel, which server/planner/kernel/index.ts loads from beside itself.
  copyFileSync(resolve(ROOT, "server/planner/kernel/kernel.wasm"), resolve(outdir, "kernel.wasm"));
}

/** Builds to `outdir` and says so, with the time it took. */
export async function buildServerLogged(outdir: string): Promise<void> {
  const t0 = performance.now();
  await buildServer(outdir);
  console.log(`server built to ${outdir} (${ENTRIES.map((e) => `${e.out}.js`).join(", ")}) in ${Math.round(performance.now() - t0)} ms`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServerLogged(resolve(ROOT, process.argv[2] ?? "dist/server"));
}
