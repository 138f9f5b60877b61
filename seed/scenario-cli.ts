/**
 * `npm run scenario`: loads the fictional Maulafa flood scenario into a RUNNING server through its
 * REST API as the coordinator, so every change goes through the same rules and reaches every screen live.
 * Server: SIAGA_URL, else http://localhost:$PORT (3000). Password: SIAGA_DEMO_PASSWORD, else the
 * koordinator line of $DATA_DIR/demo-credentials.txt. Loading twice changes nothing.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildScenario } from "./scenario.js";

const base = (process.env.SIAGA_URL ?? `http://localhost:${process.env.PORT || 3000}`).replace(/\/$/, "");

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
  const scenario = buildScenario({ now: new Date() });
  const existing = new Set(((await call("GET", "/incidents", token)) as { title: string }[]).map((i) => i.title));
  if (scenario.incidents.every((i) => existing.has(i.title))) {
    console.log("[scenario] already loaded; nothing to do");
    return;
  }
  for (const incident of scenario.incidents) {
    if (existing.has(incident.title)) continue;
    await call("POST", "/incidents", token, incident);
    console.log(`[scenario] incident: ${incident.title}`);
  }
  for (const spike of scenario.spikes) {
    await call("POST", `/units/${spike.unitId}/spikes`, token, spike.body);
    console.log(`[scenario] spike at ${spike.unitId}: ${spike.body.reason}`);
  }
  for (const release of scenario.releases) {
    await call("POST", `/units/${release.unitId}/releases`, token, release.body);
    console.log(`[scenario] ${release.body.staffIds.length} released by ${release.unitId}`);
  }
  console.log(`[scenario] ${scenario.meta.title} loaded into ${base}`);
}

main().catch((error: Error) => {
  console.error(`[scenario] failed: ${error.message}`);
  process.exit(1);
});
