import { extname } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The built dashboard, dist/client, seen from the server's entry module: from server/index.ts (run by
 * tsx) it is ../dist/client, from the build's dist/server/index.js it is ../client. The two are told
 * apart by the entry's extension, as the planner pool finds worker.ts or worker.js next to itself.
 */
export function clientDir(entryUrl: string): string {
  const compiled = extname(fileURLToPath(entryUrl)) === ".js";
  return fileURLToPath(new URL(compiled ? "../client" : "../dist/client", entryUrl));
}
