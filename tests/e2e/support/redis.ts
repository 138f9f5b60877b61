/**
 * A real redis-server on a free port, for the suites that run several server processes on one store.
 * Missing, it FAILS with what to install: these tests never skip.
 */
import { spawnSync } from "node:child_process";
import { freePort, startProcess, type ChildProc } from "../../helpers/process.js";

export const REDIS_BIN = process.env.REDIS_SERVER_BIN ?? "redis-server";

/** Starts redis-server (no persistence); `suite` names the test file in the message when it cannot run. */
export async function startRedis(suite: string): Promise<ChildProc> {
  const probe = spawnSync(REDIS_BIN, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `${suite} needs a real redis-server, and "${REDIS_BIN}" cannot be run (${probe.error?.message ?? `exit ${probe.status}`}).\n` +
      `Install it: apt-get install -y redis-server (or set REDIS_SERVER_BIN to the binary). This test does not skip.`,
    );
  }
  const port = await freePort();
  return startProcess({
    name: "redis-server", cmd: REDIS_BIN, args: ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    env: process.env, ready: /Ready to accept connections/, url: () => `redis://127.0.0.1:${port}`, timeoutMs: 90_000,
  });
}
