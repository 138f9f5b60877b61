/**
 * The live client against a real Socket.IO server (a small stand-in that speaks the /live protocol of
 * shared/protocol.ts) and a real socket.io-client: gaps, duplicates, reordering and a server restart.
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { afterEach, describe, expect, it } from "vitest";
import { LiveClient } from "../../client/live/client.js";
import type { Event, Unit } from "../../shared/domain.js";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/protocol.js";
import { until } from "../helpers/wait.js";
import { unit, workloadEvent } from "./fixtures.js";

const TOKEN = "good-token";

/** A minimal /live server with a durable (in-memory) log that survives `restart()`. */
class FakeLive {
  log: Event[] = [];
  units = new Map<string, Unit>([["U1", unit("U1", 0)]]);
  resumes: (number | null)[] = [];
  /** Whether each resume asked for the batch form. */
  batchAsked: (boolean | undefined)[] = [];
  /** When set, the server answers resume with a fresh snapshot whatever `since` is. */
  snapshotOnly = false;
  private http!: HttpServer;
  private io!: Server<ClientToServerEvents, ServerToClientEvents>;
  port = 0;

  async listen(port = 0): Promise<void> {
    this.http = createServer();
    this.io = new Server(this.http);
    const live = this.io.of("/live");
    live.use((socket, next) => {
      if (socket.handshake.auth?.token === TOKEN) next();
      else next(Object.assign(new Error("unauthenticated"), { data: { code: "unauthenticated" } }));
    });
    live.on("connection", (socket) => {
      socket.on("resume", (req, ack) => {
        this.resumes.push(req.since);
        this.batchAsked.push(req.batch);
        if (req.since === null || this.snapshotOnly) {
          ack({
            ok: true, seq: this.seq,
            snapshot: { seq: this.seq, units: [...this.units.values()], staff: [], incidents: [], assignments: [], spikes: [], releases: [], plans: [] },
          });
        } else {
          ack({ ok: true, events: this.log.filter((e) => e.seq > req.since!) });
        }
      });
    });
    await new Promise<void>((resolve) => this.http.listen(port, "127.0.0.1", resolve));
    this.port = (this.http.address() as AddressInfo).port;
  }

  get seq(): number {
    return this.log.length;
  }

  /** Commits the next event to the log; returns it without broadcasting. */
  commit(): Event {
    const event = workloadEvent(this.seq + 1);
    this.log.push(event);
    this.units.set("U1", event.data as Unit);
    return event;
  }

  push(event: Event): void {
    this.io.of("/live").emit("event", event);
  }

  /** The batch form; `unknown[]` so a test can slip in something that is not an Event. */
  pushBatch(events: unknown[]): void {
    this.io.of("/live").emit("events", events as Event[]);
  }

  async close(): Promise<void> {
    this.io.of("/live").disconnectSockets(true);
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }

  async restart(whileDown?: () => void): Promise<void> {
    await this.close();
    whileDown?.();
    await this.listen(this.port);
  }
}

let server: FakeLive;
let client: LiveClient | undefined;

function connect(token = TOKEN, extra: Partial<ConstructorParameters<typeof LiveClient>[0]> = {}): LiveClient {
  client = new LiveClient({
    origin: `http://127.0.0.1:${server.port}`,
    getToken: () => token,
    notifyMs: 0,
    retryMs: 100,
    offlineAfterMs: 60_000,
    socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 200, transports: ["websocket"] },
    ...extra,
  });
  client.start();
  return client;
}

afterEach(async () => {
  client?.stop();
  client = undefined;
  await server?.close();
});

describe("LiveClient over a real socket", () => {
  it("starts from a snapshot and goes live", async () => {
    server = new FakeLive();
    for (let i = 0; i < 3; i++) server.commit();
    await server.listen();
    const c = connect();
    await until(() => c.getStatus().conn === "live", "live");
    expect(server.resumes).toEqual([null]);
    expect(c.getState()?.seq).toBe(3);
    expect(c.getState()?.units.get("U1")?.workload).toBe(3);
    expect(c.getStatus().lastUpdate).not.toBeNull();
  });

  it("fills a gap with a resume, drops duplicates and applies in seq order", async () => {
    server = new FakeLive();
    await server.listen();
    const c = connect();
    await until(() => c.getStatus().conn === "live", "live");
    const e1 = server.commit();
    const e2 = server.commit();
    const e3 = server.commit();
    const e4 = server.commit();
    server.push(e1);
    server.push(e1); // duplicate
    server.push(e3); // gap: 2 is missing
    server.push(e4);
    await until(() => c.getState()?.seq === 4, "seq 4");
    server.push(e2); // late duplicate
    const e5 = server.commit();
    server.push(e5);
    await until(() => c.getState()?.seq === 5, "seq 5");
    expect(server.resumes).toEqual([null, 1]);
    expect(c.getState()?.recent.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(c.getState()?.units.get("U1")).toEqual(server.units.get("U1"));
  });

  it("asks for the batch form and applies `events` arrays in order; an invalid one is reported and fetched again", async () => {
    server = new FakeLive();
    await server.listen();
    const errors: string[] = [];
    const c = connect(TOKEN, { gapWaitMs: 0, onError: (m) => errors.push(m) });
    await until(() => c.getStatus().conn === "live", "live");
    expect(server.batchAsked).toEqual([true]);
    const [e1, e2, e3, e4] = [server.commit(), server.commit(), server.commit(), server.commit()];
    server.pushBatch([e1, e2]);
    server.pushBatch([e3, { ...e4, seq: "empat" }]);
    await until(() => c.getState()?.seq === 3 && errors.length > 0, "seq 3 and an error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("pushed event does not match the schema");
    server.pushBatch([server.commit()]); // 5 arrives with 4 missing: a resume from 3 fetches 4 and 5
    await until(() => c.getState()?.seq === 5, "seq 5");
    expect(server.resumes).toEqual([null, 3]);
    expect(c.getState()?.units.get("U1")).toEqual(server.units.get("U1"));
  });

  it("waits a moment on a gap: pushes that crossed in flight cause no resume", async () => {
    server = new FakeLive();
    await server.listen();
    const c = connect(TOKEN, { gapWaitMs: 300 });
    await until(() => c.getStatus().conn === "live", "live");
    const e1 = server.commit();
    const e2 = server.commit();
    server.push(e2); // crossed with e1, as pushes from two server processes do
    server.push(e1);
    await until(() => c.getState()?.seq === 2, "seq 2");
    await new Promise((r) => setTimeout(r, 400));
    expect(server.resumes).toEqual([null]);
  });

  it("catches up on a lost last push once idle, without waiting for the next change", async () => {
    server = new FakeLive();
    await server.listen();
    const c = connect(TOKEN, { idleResumeMs: 200 });
    await until(() => c.getStatus().conn === "live", "live");
    server.commit(); // committed, but its push is lost
    await until(() => c.getState()?.seq === 1, "the lost event", 2_000);
    expect(server.resumes).toEqual([null, 0]);
  });

  it("survives a server restart without a new login and catches up on what it missed", async () => {
    server = new FakeLive();
    await server.listen();
    const conns: string[] = [];
    const c = connect();
    c.subscribe(() => conns.push(c.getStatus().conn));
    await until(() => c.getStatus().conn === "live", "live");
    server.push(server.commit());
    await until(() => c.getState()?.seq === 1, "seq 1");

    await server.restart(() => {
      for (let i = 0; i < 5; i++) server.commit(); // committed while the client was cut off
    });
    await until(() => c.getState()?.seq === 6 && c.getStatus().conn === "live", "caught up after restart");
    expect(conns).toContain("reconnecting");
    expect(server.resumes.at(-1)).toBe(1);
    expect(c.getState()?.recent.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(c.getState()?.units.get("U1")).toEqual(server.units.get("U1"));

    server.push(server.commit());
    await until(() => c.getState()?.seq === 7, "live again after restart");
  });

  it("takes a fresh snapshot when the server answers resume with one", async () => {
    server = new FakeLive();
    await server.listen();
    const c = connect();
    await until(() => c.getStatus().conn === "live", "live");
    server.snapshotOnly = true;
    for (let i = 0; i < 4; i++) server.commit();
    server.push(server.log[3]!); // seq 4 while the client is at 0: gap → resume → snapshot
    await until(() => c.getState()?.seq === 4, "snapshot at 4");
    expect(c.getState()?.units.get("U1")?.workload).toBe(4);
  });

  it("reports a refused token once, and stays offline", async () => {
    server = new FakeLive();
    await server.listen();
    let refused = 0;
    const c = connect("stale-token", { onAuthError: () => refused++ });
    await until(() => c.getStatus().authError, "auth error");
    expect(c.getStatus().conn).toBe("offline");
    await new Promise((r) => setTimeout(r, 300));
    expect(refused).toBe(1);
  });

  it("turns offline after a while without the server, with `since` at the moment it was lost", async () => {
    server = new FakeLive();
    await server.listen();
    const c = connect(TOKEN, { offlineAfterMs: 150 });
    await until(() => c.getStatus().conn === "live", "live");
    const lost = Date.now();
    await server.close();
    await until(() => c.getStatus().conn === "offline", "offline");
    expect(c.getStatus().since).toBeGreaterThanOrEqual(lost - 5);
    expect(c.getStatus().since).toBeLessThan(lost + 150);
    await server.listen(server.port);
    await until(() => c.getStatus().conn === "live", "live again");
  });
});
