/**
 * SIGTERM of a real server process in the middle of a burst of writes on loopback. Every write asks
 * `Expect: 100-continue` and sends its body only once the server answers 100: the server has read the
 * request then, so the test knows which requests were accepted. An accepted request must end with its
 * response; one that was not may fail only with a connection error. Two accepted requests are held
 * (no body yet) until the signal has been sent and every writer has run into the shutdown, so some are
 * surely in flight across it. After a restart on the same DATA_DIR the stored writes are exactly the
 * acknowledged ones, and a live client had every acknowledged write pushed before it was told to
 * reconnect, and reconnects by itself.
 */
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io as ioClient } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { LiveClient } from "../../client/live/index.js";
import { freePort, startServerProcess, type ChildProc } from "../helpers/process.js";
import { DEMO_PASSWORD, request } from "../helpers/server.js";
import { until } from "../helpers/wait.js";

const dataDir = mkdtempSync(join(tmpdir(), "siaga-shutdown-"));
const procs: ChildProc[] = [];
afterAll(async () => {
  for (const p of procs) await p.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Outcome {
  title: string;
  /** The server answered 100 Continue: it had read the request. */
  accepted: boolean;
  status?: number;
  id?: string;
  connection?: string;
  error?: string;
}

const incident = (title: string) => JSON.stringify({
  type: "banjir", title, severity: 2, location: { lat: -10.2, lng: 123.6 }, needs: [{ skill: "logistik", count: 1, priority: 2 }],
});

/**
 * POST /api/incidents with `Expect: 100-continue`. `hold` is awaited between the 100 and the body.
 * `onContinue` is called when the server has accepted it.
 */
function post(url: URL, token: string, title: string, agent: Agent | false, hold?: Promise<void>, onContinue?: () => void): Promise<Outcome> {
  const body = incident(title);
  const outcome: Outcome = { title, accepted: false };
  return new Promise((resolve) => {
    const req = httpRequest({
      host: url.hostname, port: url.port, path: "/api/incidents", method: "POST", agent,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": Buffer.byteLength(body), expect: "100-continue" },
    });
    req.on("continue", async () => {
      outcome.accepted = true;
      onContinue?.();
      await hold;
      req.end(body);
    });
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => {
        outcome.status = res.statusCode;
        outcome.connection = res.headers.connection;
        if (res.statusCode === 201) outcome.id = (JSON.parse(text) as { id: string }).id;
        resolve(outcome);
      });
      res.on("error", (e: NodeJS.ErrnoException) => resolve({ ...outcome, error: e.code ?? e.message }));
    });
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ ...outcome, error: e.code ?? e.message }));
    req.flushHeaders();
  });
}

describe("graceful shutdown of a server process", () => {
  it("SIGTERM mid-burst: exit 0, every accepted write answered, only connection errors before acceptance, acknowledged writes all there after restart", async () => {
    const port = await freePort();
    const start = async () => {
      const p = await startServerProcess({ dataDir, password: DEMO_PASSWORD, port });
      procs.push(p);
      return p;
    };
    const first = await start();
    const url = new URL(first.url);
    const token = (await request(first.url, "POST", "/auth/login", { username: "koordinator", password: DEMO_PASSWORD })).body.token as string;

    // A live client, through the client library; the socket it uses is watched for pushes and the disconnect.
    const pushed = new Set<string>();
    const disconnects: { reason: string; pushed: Set<string> }[] = [];
    const live = new LiveClient({
      origin: first.url,
      getToken: () => token,
      notifyMs: 0,
      retryMs: 100,
      socketOptions: { reconnectionDelay: 100, reconnectionDelayMax: 200 },
      io: (uri, opts) => {
        const socket = ioClient(uri, opts);
        socket.on("events", (events: { type: string; data: { id: string } }[]) => {
          for (const e of events) if (e.type === "incident.created") pushed.add(e.data.id);
        });
        socket.on("disconnect", (reason) => disconnects.push({ reason, pushed: new Set(pushed) }));
        return socket as never;
      },
    });
    live.start();
    try {
      await until(() => live.getStatus().conn === "live", "the live client live");

      // Two requests accepted before the signal, held without their bodies until every writer has run into
      // the shutdown: the server must wait for them, and push their commits before it lets the sockets go.
      let release!: () => void;
      const released = new Promise<void>((resolve) => { release = resolve; });
      let heldAccepted = 0;
      const held = [0, 1].map((i) => post(url, token, `Uji shutdown held-${i}`, false, released, () => heldAccepted++));
      await until(() => heldAccepted === 2, "both held requests accepted");

      // The burst: 6 writers on keep-alive connections, 40 writes each at most; SIGTERM once 30 are acknowledged.
      const exited = once(first.child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
      const outcomes: Outcome[] = [];
      let acked = 0;
      let signalled = false;
      const writer = async (w: number) => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        try {
          for (let i = 0; i < 40; i++) {
            const outcome = await post(url, token, `Uji shutdown ${w}-${i}`, agent);
            outcomes.push(outcome);
            if (outcome.status === 201 && ++acked === 30 && !signalled) {
              signalled = true;
              first.child.kill("SIGTERM");
            }
            if (outcome.error) return; // the server is going: this writer stops
          }
        } finally {
          agent.destroy();
        }
      };
      const writers = Promise.all([0, 1, 2, 3, 4, 5].map(writer));

      await until(() => first.log().includes("SIGTERM: shutting down"), "the shutdown log line", 30_000);
      // More signals while it shuts down change nothing.
      first.child.kill("SIGTERM");
      first.child.kill("SIGINT");
      await until(() => (first.log().match(/already shutting down/g) ?? []).length === 2, "both extra signals logged");

      await writers;
      expect(first.child.exitCode).toBe(null); // still waiting for the held requests
      release();
      const heldOutcomes = await Promise.all(held);
      const [code, signal] = await exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(first.log()).toContain("shut down cleanly");
      // SQLite checkpointed on close: the write-ahead log is gone.
      expect(existsSync(join(dataDir, "siaga.sqlite-wal"))).toBe(false);

      // The held requests were accepted before the signal and answered after it, closing their connections.
      for (const h of heldOutcomes) expect(h).toMatchObject({ accepted: true, status: 201, connection: "close" });
      const all = [...heldOutcomes, ...outcomes];
      // Accepted means answered; a request may fail only before it was accepted.
      expect(all.filter((o) => o.accepted && o.status === undefined)).toEqual([]);
      expect(all.filter((o) => o.status !== undefined && o.status !== 201)).toEqual([]);
      const ackedIds = all.filter((o) => o.status === 201).map((o) => o.id!);
      expect(ackedIds.length).toBeGreaterThanOrEqual(32);
      const refused = all.filter((o) => o.error !== undefined);
      expect(refused.length).toBeGreaterThan(0); // the writers ran into the shutdown
      console.log(`[shutdown test] ${ackedIds.length} acknowledged, ${refused.length} refused before acceptance (${[...new Set(refused.map((o) => o.error))].join(", ")})`);

      // The live client had every acknowledged write pushed before the server told it to go.
      expect(disconnects[0]?.reason).toBe("io server disconnect");
      expect(ackedIds.filter((id) => !disconnects[0]!.pushed.has(id))).toEqual([]);
      await until(() => live.getStatus().conn !== "live", "the client no longer live");

      const second = await start();
      const incidents = (await request(second.url, "GET", "/incidents", undefined, token)).body as { id: string; title: string }[];
      const stored = incidents.filter((i) => i.title.startsWith("Uji shutdown")).map((i) => i.id).sort();
      // Exactly the acknowledged writes: none lost, none stored without an answer.
      expect(stored).toEqual([...ackedIds].sort());
      const { events, lastSeq } = (await request(second.url, "GET", "/events?since=0&limit=5000", undefined, token)).body as { events: { seq: number }[]; lastSeq: number };
      events.forEach((e, i) => expect(e.seq).toBe(i + 1));
      expect(events.length).toBe(lastSeq);

      // The client library reconnects by itself and catches up.
      await until(() => live.getStatus().conn === "live" && live.getStatus().seq === lastSeq, "the client live again at the last seq", 20_000);
      await second.stop();
    } finally {
      live.stop();
    }
  });
});
