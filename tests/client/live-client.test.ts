/**
 * The live client against a real Socket.IO server (a small stand-in that speaks the /live protocol of
 * shared/protocol.ts) and a real socket.io-client: gaps, duplicates, reordering and a server restart.
 *
 * Where a test is about the client's own timers (gap wait, idle resume, offline), they are fake and the
 * test moves them (`vi.advanceTimersByTime`), so what it checks does not depend on how fast the machine
 * delivers the pushes. Socket.IO keeps real timers (`useNativeTimers`), so the transport works as usual.
 */
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { io, type Socket } from "socket.io-client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LiveClient, type LiveClientOptions } from "../../client/live/client.js";
import type { Event, Unit } from "../../shared/domain.js";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/protocol.js";
import { until } from "../helpers/wait.js";
import { ev, snapshot, unit, workloadEvent } from "./fixtures.js";

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
  /** The store's epoch, named in every resume ack; a test replaces it to play a restored store. */
  epoch = "epoch-1";
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
            ok: true, seq: this.seq, epoch: this.epoch,
            snapshot: { seq: this.seq, epoch: this.epoch, units: [...this.units.values()], staff: [], incidents: [], assignments: [], spikes: [], releases: [], plans: [], positions: [], mutasiCycles: [], wishes: [], mutasiPlans: [], objections: [] },
          });
        } else {
          ack({ ok: true, events: this.log.filter((e) => e.seq > req.since!), epoch: this.epoch });
        }
      });
    });
    await new Promise<void>((resolve) => this.http.listen(port, "127.0.0.1", resolve));
    this.port = (this.http.address() as AddressInfo).port;
  }

  get seq(): number {
    return this.log.length;
  }

  /** Commits the next event to the log (unit `id`'s workload becomes the seq); returns it without broadcasting. */
  commit(id = "U1"): Event {
    const seq = this.seq + 1;
    const event = id === "U1" ? workloadEvent(seq) : ev(seq, "unit.updated", unit(id, seq, seq + 1));
    this.log.push(event);
    this.units.set(id, event.data as Unit);
    return event;
  }

  /** What a restore does to the store: another history under a new epoch, from `units` on. */
  replaceWorld(epoch: string, units: Unit[]): void {
    this.epoch = epoch;
    this.log = [];
    this.units = new Map(units.map((u) => [u.id, u]));
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

/** What the client's socket did, counted as it happens: resumes sent, events received, connection attempts after the first. */
let wire = { resumes: 0, received: 0, reopens: 0, socket: null as Socket | null };

const countingIo: NonNullable<LiveClientOptions["io"]> = (uri, opts) => {
  const socket = io(uri, { ...opts, forceNew: true });
  wire.socket = socket;
  const emit = socket.emit.bind(socket);
  socket.emit = ((ev: string, ...args: unknown[]) => {
    if (ev === "resume") wire.resumes++;
    return emit(ev, ...args);
  }) as typeof socket.emit;
  // Registered before the client's own listeners, so a count seen by the test has been applied.
  socket.on("event", () => wire.received++);
  socket.on("events", (list: unknown[]) => (wire.received += list.length));
  const open = socket.io.open.bind(socket.io);
  socket.io.open = ((fn?: (err?: Error) => void) => {
    wire.reopens++;
    return open(fn);
  }) as typeof socket.io.open;
  return socket as unknown as ReturnType<NonNullable<LiveClientOptions["io"]>>;
};

function connect(token = TOKEN, extra: Partial<LiveClientOptions> = {}): LiveClient {
  wire = { resumes: 0, received: 0, reopens: 0, socket: null };
  client = new LiveClient({
    origin: `http://127.0.0.1:${server.port}`,
    getToken: () => token,
    notifyMs: 0,
    retryMs: 100,
    offlineAfterMs: 60_000,
    io: countingIo,
    socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 200, transports: ["websocket"], useNativeTimers: true },
    ...extra,
  });
  client.start();
  return client;
}

/** Fakes the timers the client sets from now on (Socket.IO's stay real: useNativeTimers). */
const fakeClientTimers = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });

afterEach(async () => {
  vi.useRealTimers();
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

  it("waits a moment on a gap: pushes that crossed in flight cause no resume; a gap that stays is resumed after gapWaitMs", async () => {
    server = new FakeLive();
    await server.listen();
    fakeClientTimers();
    const c = connect(TOKEN, { gapWaitMs: 300 });
    await until(() => c.getStatus().conn === "live", "live");
    const e1 = server.commit();
    const e2 = server.commit();
    server.push(e2); // crossed with e1, as pushes from two server processes do
    server.push(e1);
    await until(() => c.getState()?.seq === 2, "seq 2");
    vi.advanceTimersByTime(300); // the wait runs out, after the gap closed
    expect(wire.resumes).toBe(1);
    // A gap that stays: nothing before the wait is over, a resume the moment it is.
    server.commit(); // its push is lost
    server.push(server.commit());
    await until(() => wire.received === 3, "the push after the lost one");
    vi.advanceTimersByTime(299);
    expect(wire.resumes).toBe(1);
    vi.advanceTimersByTime(1);
    expect(wire.resumes).toBe(2);
    await until(() => c.getState()?.seq === 4, "seq 4");
    expect(server.resumes).toEqual([null, 2]);
  });

  it("catches up on a lost last push once idle, without waiting for the next change", async () => {
    server = new FakeLive();
    await server.listen();
    fakeClientTimers();
    const c = connect(TOKEN, { idleResumeMs: 200 });
    await until(() => c.getStatus().conn === "live", "live");
    server.commit(); // committed, but its push is lost
    vi.advanceTimersByTime(199);
    expect(wire.resumes).toBe(1);
    vi.advanceTimersByTime(1); // idle for idleResumeMs since the last ack
    expect(wire.resumes).toBe(2);
    await until(() => c.getState()?.seq === 1, "the lost event");
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

  it("a resume ack of another epoch (a restored store) throws the state away and takes a fresh snapshot", async () => {
    server = new FakeLive();
    await server.listen();
    const c = connect();
    await until(() => c.getStatus().conn === "live", "live");
    for (let i = 0; i < 3; i++) server.push(server.commit());
    await until(() => c.getState()?.seq === 3, "seq 3");
    expect(c.getState()?.epoch).toBe("epoch-1");

    // The restored store holds another history: seqs 4 and 5 exist there, about other things.
    await server.restart(() => {
      server.replaceWorld("epoch-2", [unit("U9", 7)]);
      for (let i = 0; i < 5; i++) server.commit("U2");
    });
    await until(() => c.getState()?.epoch === "epoch-2" && c.getStatus().conn === "live", "the new epoch");
    expect(server.resumes).toEqual([null, 3, null]);
    expect(c.getState()?.seq).toBe(5);
    expect(new Map(c.getState()!.units)).toEqual(server.units); // no U1 from the old history
    server.push(server.commit("U2"));
    await until(() => c.getState()?.seq === 6, "live in the new epoch");
    expect(server.resumes).toEqual([null, 3, null]);
  });

  it("events buffered before a reconnect do not fill seqs of another epoch", async () => {
    server = new FakeLive();
    await server.listen();
    const c = connect(TOKEN, { gapWaitMs: 60_000 });
    await until(() => c.getStatus().conn === "live", "live");
    const [e1, , e3] = [server.commit(), server.commit(), server.commit()];
    server.push(e1);
    server.push(e3); // 2 missing: 3 waits in the buffer
    await until(() => c.getState()?.seq === 1, "seq 1");

    // The client is ahead of the restored store, which answers with a snapshot at seq 1.
    await server.restart(() => {
      server.replaceWorld("epoch-2", [unit("U9", 7)]);
      server.commit("U2");
      server.snapshotOnly = true;
    });
    await until(() => c.getState()?.epoch === "epoch-2", "the new epoch");
    server.push(server.commit("U2"));
    await until(() => c.getState()?.seq === 2, "seq 2 of the new epoch");
    const e3new = server.commit("U2");
    server.push(e3new);
    await until(() => c.getState()?.seq === 3, "seq 3 of the new epoch");
    // The old history's seq 3 (about U1) was dropped, not applied in place of the new one.
    expect(c.getState()?.recent.at(-1)).toEqual(e3new);
    expect(new Map(c.getState()!.units)).toEqual(server.units);
  });

  it("reports a refused token once, and stays offline", async () => {
    server = new FakeLive();
    await server.listen();
    fakeClientTimers();
    let refused = 0;
    const c = connect("stale-token", { onAuthError: () => refused++ });
    await until(() => c.getStatus().authError, "auth error");
    expect(c.getStatus().conn).toBe("offline");
    // Socket.IO gives up on a socket its server refused; every timer of the client's runs out, and
    // none of them tries again.
    expect(wire.socket!.active).toBe(false);
    vi.advanceTimersByTime(10 * 60_000);
    expect(wire.reopens).toBe(0);
    expect(refused).toBe(1);
    expect(c.getStatus()).toMatchObject({ conn: "offline", authError: true });
  });

  it("turns offline after a while without the server, with `since` at the moment it was lost", async () => {
    server = new FakeLive();
    await server.listen();
    fakeClientTimers();
    let now = 1_000_000;
    const c = connect(TOKEN, { offlineAfterMs: 150, now: () => now });
    await until(() => c.getStatus().conn === "live", "live");
    now = 2_000_000; // the moment the feed is lost
    await server.close();
    await until(() => c.getStatus().conn === "reconnecting", "reconnecting");
    expect(c.getStatus().since).toBe(2_000_000);
    now = 3_000_000;
    vi.advanceTimersByTime(149);
    expect(c.getStatus().conn).toBe("reconnecting");
    vi.advanceTimersByTime(1);
    expect(c.getStatus()).toMatchObject({ conn: "offline", since: 2_000_000 });
    await server.listen(server.port);
    await until(() => c.getStatus().conn === "live", "live again");
  });
});

/** A promise the test settles by hand: the HTTP answer of GET /api/state, arriving when the test says. */
function gate<T>(): { promise: Promise<T>; open(value: T): void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => { open = resolve; });
  return { promise, open };
}

describe("LiveClient with a first snapshot over HTTP (`initial`, issue 14's weak link)", () => {
  it("shows the HTTP snapshot before the socket opens; the socket then resumes from its seq, no second snapshot", async () => {
    server = new FakeLive();
    server.commit();
    server.commit();
    await server.listen();
    const body = snapshot(2, [...server.units.values()], server.epoch);
    const answer = gate<unknown>();
    // What the client holds when it opens its socket.
    let atOpen: number | null | undefined;
    const c = connect(TOKEN, { initial: answer.promise, io: (uri, opts) => { atOpen = c.getState()?.seq ?? null; return countingIo(uri, opts); } });
    server.commit(); // after the HTTP answer was made: the resume must bring it
    expect(wire.socket).toBeNull(); // the socket waits for the first data
    expect(c.getState()).toBeNull();
    answer.open(body);
    await until(() => c.getStatus().conn === "live" && c.getState()?.seq === 3, "live at seq 3");
    expect(atOpen).toBe(2);
    expect(server.resumes).toEqual([2]);
    expect(c.getState()?.units.get("U1")).toEqual(server.units.get("U1"));
  });

  it("no HTTP answer (null, or a body without a seq): the socket's own snapshot comes, the bad body is reported", async () => {
    server = new FakeLive();
    server.commit();
    await server.listen();
    const c1 = connect(TOKEN, { initial: Promise.resolve(null) });
    await until(() => c1.getStatus().conn === "live", "live");
    expect(server.resumes).toEqual([null]);
    expect(c1.getState()?.seq).toBe(1);
    c1.stop();
    const errors: string[] = [];
    const c2 = connect(TOKEN, { initial: Promise.resolve({ units: [] }), onError: (m) => errors.push(m) });
    await until(() => c2.getStatus().conn === "live", "live");
    expect(server.resumes).toEqual([null, null]);
    expect(errors).toEqual(["snapshot without a valid seq"]);
  });

  it("an HTTP answer that does not come within initialWaitMs does not hold the socket; arriving late, it changes nothing", async () => {
    server = new FakeLive();
    server.commit();
    server.commit();
    await server.listen();
    fakeClientTimers();
    const stale = snapshot(1, [unit("U1", 1, 2)], server.epoch);
    const answer = gate<unknown>();
    const c = connect(TOKEN, { initial: answer.promise, initialWaitMs: 5_000 });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(wire.socket).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    await until(() => c.getStatus().conn === "live" && c.getState()?.seq === 2, "live from the socket's snapshot");
    answer.open(stale);
    await vi.advanceTimersByTimeAsync(0);
    expect(c.getState()?.seq).toBe(2);
    expect(c.getState()?.units.get("U1")?.workload).toBe(2);
    expect(server.resumes).toEqual([null]);
  });
});

