/**
 * `npm run build` (and `npm ci`, through prepare, and `npm start` when the sources changed): the dashboard
 * with vite into dist/client, the server with esbuild into dist/server (build-server.ts), then
 * dist/build-stamp.json, which says which sources this build is of (build-stamp.mjs). The inputs are
 * hashed before the builds start, so a file edited while they run makes the next start build again; the
 * old stamp goes first, so a failed build leaves dist/ stale.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build as viteBuild } from "vite";
import { clearStamp, hashInputs, writeStamp } from "./build-stamp.mjs";
import { buildServerLogged } from "./build-server.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const files = hashInputs(ROOT);
clearStamp(ROOT);
// The bundle users get, whatever NODE_ENV the caller has (vitest sets "test").
process.env.NODE_ENV = "production";
await viteBuild({ configFile: join(ROOT, "vite.config.ts") });
await buildServerLogged(join(ROOT, "dist", "server"));
writeStamp(ROOT, files);
