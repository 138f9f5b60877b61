/**
 * Issue 16, item 10, with real processes and a real redis-server (the only way two processes may share
 * a SQLite data directory): two servers started at once on an empty DATA_DIR, random demo passwords.
 * Only the process whose transaction inserted the accounts writes the credentials file, and the
 * passwords in it work on both. Missing redis-server FAILS the suite, it never skips.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServerProcess, type ChildProc } from "../helpers/process.js";
import { request } from "../helpers/server.js";
import { startRedis } from "./support/redis.js";

const dataDir = mkdtempSync(join(tmpdir(), "siaga-first-"));
let redis: ChildProc;
const servers: ChildProc[] = [];

beforeAll(async () => {
  redis = await startRedis("tests/e2e/first-start.test.ts");
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await redis?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it("[16.10] two processes on one empty store at once: one writes the credentials, and they work on both", async () => {
  const [a, b] = await Promise.all(["A", "B"].map((name) =>
    startServerProcess({ name, dataDir, password: "", env: { SIAGA_DEMO_PASSWORD: "", REDIS_URL: redis.url }, timeoutMs: 400_000 })));
  servers.push(a!, b!);
  const wrote = servers.filter((s) => /passwords in .*demo-credentials\.txt/.test(s.log()));
  expect(wrote.map((s) => s.name), servers.map((s) => s.log()).join("\n---\n")).toHaveLength(1);
  const lines = readFileSync(join(dataDir, "demo-credentials.txt"), "utf8").split("\n").filter((l) => l && !l.startsWith("#"));
  const password = (username: string) => lines.find((l) => l.startsWith(`${username}\t`))!.split("\t")[2]!;
  for (const server of servers) {
    for (const username of ["koordinator", "layar"]) {
      const res = await request(server.url, "POST", "/auth/login", { username, password: password(username) });
      expect(res.status, `${username} on ${server.name}`).toBe(200);
    }
  }
}, 450_000);
