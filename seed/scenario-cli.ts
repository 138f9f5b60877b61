/**
 * `npm run scenario`: loads the fictional Maulafa flood scenario into a RUNNING server through its
 * REST API as the coordinator, so every change goes through the same rules and reaches every screen live.
 * Server: SIAGA_URL, else http://localhost:$PORT (3000). Password: SIAGA_DEMO_PASSWORD, else the
 * koordinator line of $DATA_DIR/demo-credentials.txt. Loading twice changes nothing
 * (scenario-load.ts), and says so.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadScenario } from "./scenario-load.js";

const base = (process.env.SIAGA_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/$/, "");

function coordinatorPassword(): string {
  if (process.env.SIAGA_DEMO_PASSWORD) return process.env.SIAGA_DEMO_PASSWORD;
  const file = join(resolve(process.env.DATA_DIR || "./data"), "demo-credentials.txt");
  const line = readFileSync(file, "utf8").split("\n").find((l) => l.startsWith("koordinator\t"));
  if (!line) throw new Error(`no koordinator line in ${file}`);
  return line.split("\t")[2]!;
}

async function call(method: string, path: string, token: string | undefined, body?: unknown) {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json?.error ?? json)}`);
  return json as never;
}

async function main() {
  const { token } = await call("POST", "/auth/login", undefined, { username: "koordinator", password: coordinatorPassword() }) as { token: string };
  await loadScenario((method, path, body) => call(method, path, token, body), new Date(), (line) => console.log(line));
  console.log(`[skenario] server: ${base}`);
}

main().catch((error: Error) => {
  console.error(`[skenario] gagal: ${error.message}`);
  process.exit(1);
});
