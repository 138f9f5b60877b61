/**
 * Invariants 3 and 4 across a crash: kill -9 of a real server process in the middle of a stream of
 * writes; after restart every acknowledged write is there and the event log has no gap.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServerProcess } from "../helpers/process.js";
import { DEMO_PASSWORD, request } from "../helpers/server.js";

const dataDir = mkdtempSync(join(tmpdir(), "siaga-crash-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const startProcess = () => startServerProcess({ dataDir, password: DEMO_PASSWORD });

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
    const killed = first.kill();
    stop = true;
    await Promise.all([killed, ...writers]);

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
      await second.kill();
    }
  });
});
