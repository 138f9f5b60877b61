/**
 * Invariants 3 and 4 across a crash: kill -9 of a real server process in the middle of a stream of
 * writes; after restart every acknowledged write is there and the event log has no gap.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, request } from "../helpers/server.js";

const dataDir = mkdtempSync(join(tmpdir(), "siaga-crash-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts `server/index.ts` as its own process and resolves with its URL once it listens. */
function startProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...process.env, PORT: "0", DATA_DIR: dataDir, SIAGA_DEMO_PASSWORD: DEMO_PASSWORD, REDIS_URL: "", MONGODB_URI: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/listening on (http:\/\/localhost:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!.replace("localhost", "127.0.0.1") });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited ${code}:\n${out}`)));
  });
}

describe("[I3][I4] crash safety", () => {
  it("after kill -9 mid-stream, every acknowledged write is there and seq has no gap", async () => {
    const first = await startProcess();
    const login = await request(first.url, "POST", "/auth/login", { username: "koordinator", password: DEMO_PASSWORD });
    const token = login.body.token as string;

    const acked: string[] = [];
    let stop = false;
    // Four writers in parallel, each writing until the process dies under it.
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await request(first.url, "POST", "/incidents", {
            type: "banjir", title: `Uji crash ${w}-${i}`, severity: 2, location: { lat: -10.2, lng: 123.6 }, needs: [{ skill: "logistik", count: 1, priority: 2 }],
          }, token);
          if (res.status === 201) acked.push(res.body.id);
        } catch {
          return; // connection reset: the process is gone
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acked.length < 40) await new Promise((r) => setTimeout(r, 5));
    first.child.kill("SIGKILL");
    stop = true;
    await Promise.all(writers);
    if (first.child.exitCode === null && first.child.signalCode === null) await once(first.child, "exit");

    const second = await startProcess();
    try {
      // The old token works after the crash too (sessions are durable).
      const incidents = (await request(second.url, "GET", "/incidents", undefined, token)).body as { id: string }[];
      const stored = new Set(incidents.map((i) => i.id));
      for (const id of acked) expect(stored.has(id)).toBe(true);

      const { events, lastSeq } = (await request(second.url, "GET", "/events?since=0&limit=5000", undefined, token)).body as { events: { seq: number; type: string; data: { id: string } }[]; lastSeq: number };
      expect(events.length).toBe(lastSeq);
      events.forEach((e, i) => expect(e.seq).toBe(i + 1));
      const logged = new Set(events.filter((e) => e.type === "incident.created").map((e) => e.data.id));
      // Exactly one event per stored incident, and none for a write that did not commit.
      expect(logged).toEqual(stored);
    } finally {
      second.child.kill("SIGKILL");
    }
  });
});
