/**
 * `npm start`: builds dist/ only when the sources changed since its last build (`npm ci` built it, as
 * prepare), then runs the built server in this same process: no second node to start, and signals
 * reach the server directly.
 */
import { ensureBuilt } from "./ensure-built.mjs";

ensureBuilt({ required: true });
await import("../dist/server/index.js");
