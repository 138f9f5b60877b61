/**
 * Multi-process realtime with a REAL redis-server (DESIGN.md, "Realtime"): two server processes A and B
 * on one SQLite file, both with REDIS_URL, so a change committed by one process reaches the sockets of
 * the other through the Redis adapter.
 *
 * Needs the `redis-server` binary (Debian package `redis-server`). Missing, the suite FAILS with a
 * message saying so — it never skips.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveClient, LiveStore } from "../../client/live/index.js";
import { StateSnapshot } from "../../shared/entities.js";
import { Event } from "../../shared/domain.js";
import { makeStaff } from "../helpers/fixtures.js";
import { startServerProcess, type ChildProc } from "../helpers/process.js";
import { client, DEMO_PASSWORD, request } from "../helpers/server.js";
import { until } from "../helpers/wait.js";
import { startRedis } from "./support/redis.js";

const ARTIFACTS = join(process.cwd(), "tests", "artifacts", "redis");

const sockets: Socket[] = [];
const lives: LiveClient[] = [];
const dataDir = mkdtempSync(join(tmpdir(), "siaga-redis-"));
let redis: ChildProc;
let A: ChildProc;
let B: ChildProc;
let token: string;

function startServer(name: string, redisUrl: string): Promise<ChildProc> {
  return startServerProcess({ name, dataDir, password: DEMO_PASSWORD, env: { REDIS_URL: redisUrl } });
}

beforeAll(async () => {
  redis = await startRedis("tests/e2e/redis.test.ts");

  // A seeds the empty store before it listens; B starts on the seeded file afterwards.
  A = await startServer("A", redis.url);
  B = await startServer("B", redis.url);
  for (const p of [A, B]) expect(p.log(), `${p.name} must run with the Redis adapter`).toContain("redis adapter");

  const login = await request(A.url, "POST", "/auth/login", { username: "koordinator", password: DEMO_PASSWORD });
  expect(login.status).toBe(200);
  token = login.body.token;
}, 180_000);

afterAll(async () => {
  for (const l of lives) l.stop();
  for (const s of sockets) s.disconnect();
  await Promise.all([A?.stop(), B?.stop()]);
  // Kept for a failed CI run: what each process printed.
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const p of [A, B, redis]) if (p) writeFileSync(join(ARTIFACTS, `${p.name}.log`), p.log());
  await redis?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** GETs with the coordinator's token; throws on anything but 2xx. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function get(url: string, path: string, as = token): Promise<any> {
  const res = await request(url, "GET", path, undefined, as);
  if (res.status >= 300) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function lastSeq(url: string): Promise<number> {
  return (await get(url, "/events?limit=1")).lastSeq;
}

/** The durable log after `since`, paged. */
async function logSince(url: string, since: number, as = token): Promise<Event[]> {
  const all: Event[] = [];
  for (let s = since; ;) {
    const page = (await get(url, `/events?since=${s}&limit=1000`, as)) as { events: Event[]; lastSeq: number };
    all.push(...page.events.map((e) => Event.parse(e)));
    if (page.events.length === 0 || page.events.at(-1)!.seq >= page.lastSeq) return all;
    s = page.events.at(-1)!.seq;
  }
}

/**
 * A raw socket.io-client socket, resumed from `since`: `arrived` keeps every pushed event in arrival
 * order (the transport's view); `store` is the client library's ordering core fed with the same
 * pushes, so `ordered()` is what an application applies.
 */
/** A raw socket resumed at `since`; `batch` takes pushes in the `events` (array per burst) form. */
async function observer(url: string, since: number, label: string, as = token, batch = false) {
  const socket = io(url + "/live", { auth: { token: as }, transports: ["websocket"], reconnection: false });
  sockets.push(socket);
  const arrived: Event[] = [];
  const store = new LiveStore({ recentLimit: 1_000_000 });
  store.applySnapshot({ units: [], staff: [], incidents: [], assignments: [], spikes: [], releases: [], plans: [], positions: [], mutasiCycles: [], wishes: [], mutasiPlans: [], objections: [] }, since);
  const take = (raw: unknown) => {
    const e = Event.parse(raw);
    arrived.push(e);
    store.offer([e]);
  };
  let wrongForm = 0; // pushes in the form this socket did not ask for
  socket.on("event", (raw) => (batch ? wrongForm++ : take(raw)));
  socket.on("events", (list: unknown[]) => (batch ? list.forEach(take) : wrongForm++));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  const ack = await socket.timeout(10_000).emitWithAck("resume", { since, batch });
  expect(ack.ok, `${label}: resume`).toBe(true);
  // Nothing was written since `since`, so the replay is empty and everything else comes as pushes.
  expect(ack.events, `${label}: resume replay`).toEqual([]);
  return {
    label,
    socket,
    arrived,
    ordered: () => [...(store.getState()?.recent ?? [])],
    pending: () => store.bufferedCount,
    wrongForm: () => wrongForm,
  };
}

const seqs = (events: readonly Event[]) => events.map((e) => e.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function incident(tag: string) {
  return {
    type: "banjir", title: `Uji redis ${tag}`, severity: 2, location: { lat: -10.2, lng: 123.62 },
    needs: [{ skill: "logistik", count: 1, priority: 2 }],
  };
}

/** Writes through one process: a new incident or a unit's workload, returns nothing but must succeed. */
async function write(url: string, kind: "incident" | "workload", tag: string, unit: { id: string; version: number }) {
  if (kind === "incident") {
    const res = await request(url, "POST", "/incidents", incident(tag), token);
    if (res.status !== 201) throw new Error(`POST /incidents via ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  } else {
    const res = await request(url, "PATCH", `/units/${unit.id}`, { version: unit.version, workload: (unit.version % 7) + 1 }, token);
    if (res.status !== 200) throw new Error(`PATCH /units/${unit.id} via ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    unit.version = res.body.version;
  }
}

/**
 * One more change through A, then one through B, each awaited on every observer. Once both are in, an
 * observer has everything pushed to it before them (a process pushes its own commits in order, and
 * Redis relays each publisher's messages in order), so a late duplicate would be in by then: no sleep
 * to outwait. One at a time, so a one-writer sequence stays in seq order.
 */
async function barrier(observers: { label: string; arrived: Event[] }[], tag: string): Promise<void> {
  for (const p of [A, B]) {
    await write(p.url, "incident", `${tag}-barrier-${p.name}`, { id: "", version: 0 });
    const seq = await lastSeq(p.url); // nothing else writes now
    for (const o of observers) {
      await until(() => o.arrived.some((e) => e.seq === seq), () => `${o.label}: barrier ${seq} (via ${p.name}) not in after ${o.arrived.length} events`, 20_000);
    }
  }
}

describe("realtime across two processes with a real redis-server", () => {
  it("clients of B receive the changes made through REST on A, in seq order, no gap, no duplicate", async () => {
    const since = await lastSeq(A.url);
    expect(await lastSeq(B.url)).toBe(since); // one store
    const obs = await Promise.all([0, 1, 2].map((i) => observer(B.url, since, `B#${i}`)));
    const units = (await get(A.url, "/units")) as { id: string; version: number }[];
    const unit = { ...units[0]! };

    // Sequential writes, then a concurrent burst (A serialises its commits; their pushes keep that order).
    for (let i = 0; i < 20; i++) await write(A.url, i % 2 ? "workload" : "incident", `A-seq-${i}`, unit);
    await Promise.all(Array.from({ length: 20 }, (_, i) => write(A.url, "incident", `A-burst-${i}`, unit)));

    expect((await logSince(A.url, since)).length).toBeGreaterThanOrEqual(40);
    await barrier(obs, "t1");
    const log = await logSince(A.url, since);
    const last = since + log.length;
    expect(seqs(log)).toEqual(range(since + 1, last));
    for (const o of obs) {
      // One writer at a time: the transport itself delivers in seq order, every seq exactly once, as logged.
      expect(seqs(o.arrived), o.label).toEqual(range(since + 1, last));
      expect(o.arrived, o.label).toEqual(log);
      expect(o.wrongForm(), `${o.label}: pushes in the other form`).toBe(0);
    }
  });

  it("writes interleaved through A and B: a client of A and a client of B end with the same sequence, equal to GET /api/events", async () => {
    const since = await lastSeq(A.url);
    const onA = await observer(A.url, since, "A-client");
    const onB = await observer(B.url, since, "B-client");
    // The client library itself, one on each process, from a fresh snapshot.
    const resumes = [0, 0];
    const libs = [A, B].map((p, k) => {
      // Counts the client's resume requests: each gap it saw (pushes that crossed) costs one.
      const counting = ((uri: string, o: object) => {
        const socket = io(uri, o);
        const emit = socket.emit.bind(socket);
        socket.emit = ((ev: string, ...args: unknown[]) => {
          if (ev === "resume") resumes[k]!++;
          return emit(ev, ...args);
        }) as typeof socket.emit;
        return socket;
      }) as unknown as ConstructorParameters<typeof LiveClient>[0]["io"];
      const live = new LiveClient({ origin: p.url, getToken: () => token, notifyMs: 0, retryMs: 100, io: counting, socketOptions: { transports: ["websocket"] } });
      lives.push(live);
      live.start();
      return live;
    });
    await until(() => libs.every((l) => l.getStatus().conn === "live" && l.getState() !== null), "the live clients to be live", 20_000);

    // Four writers at once, two per process, each on its own unit (no version conflicts between them).
    const units = ((await get(A.url, "/units")) as { id: string; version: number }[]).slice(1, 5).map((u) => ({ ...u }));
    const writers = [A, A, B, B].map(async (p, w) => {
      for (let i = 0; i < 25; i++) await write(p.url, i % 3 === 0 ? "incident" : "workload", `${p.name}${w}-${i}`, units[w]!);
    });
    await Promise.all(writers);
    expect((await logSince(B.url, since)).length).toBeGreaterThanOrEqual(100);
    await barrier([onA, onB], "t2");

    const log = await logSince(B.url, since);
    const last = since + log.length;
    expect(seqs(log), "the shared log has no gap").toEqual(range(since + 1, last));
    expect(new Set(log.map((e) => e.actor))).toEqual(new Set(["koordinator"]));

    for (const o of [onA, onB]) {
      // The transport delivers each event exactly once: nothing lost, nothing twice…
      expect([...seqs(o.arrived)].sort((a, b) => a - b), `${o.label}: every seq once`).toEqual(range(since + 1, last));
      // …and the client orders by seq (two publishers may cross on the way; see docs/realtime.md).
      expect(o.pending(), `${o.label}: nothing left waiting for a gap`).toBe(0);
      expect(o.wrongForm(), `${o.label}: pushes in the other form`).toBe(0);
      expect(o.ordered(), `${o.label}: applied sequence`).toEqual(log);
    }
    expect(seqs(onA.ordered())).toEqual(seqs(onB.ordered()));

    const state = StateSnapshot.parse(await get(A.url, "/state"));
    expect(state.seq).toBe(last);
    const ids = (xs: Iterable<{ id: string; version: number }>) => [...xs].map((x) => `${x.id}@${x.version}`).sort();
    for (const live of libs) {
      await until(() => live.getStatus().seq === last, () => `live client at ${live.getStatus().seq}, log at ${last}`, 20_000);
      const mine = live.getState()!;
      expect(ids(mine.units.values())).toEqual(ids(state.units));
      expect(ids(mine.incidents.values())).toEqual(ids(state.incidents));
    }
    // Informational: how often the two processes' pushes crossed on the way (allowed; the client reorders).
    const crossed = (o: typeof onA) => o.arrived.filter((e, i) => i > 0 && e.seq < o.arrived[i - 1]!.seq).length;
    console.log(`[redis e2e] ${log.length - 2} interleaved events and 2 barrier changes; out-of-order arrivals: A-client ${crossed(onA)}, B-client ${crossed(onB)}; ` +
      `LiveClient resume requests (incl. the first): on A ${resumes[0]}, on B ${resumes[1]}`);
  });
  it("private fields across processes: a staff change on A reaches a coordinator on B with the phone and a screen on B without, each once, in both push forms", async () => {
    const since = await lastSeq(A.url);
    const login = await request(B.url, "POST", "/auth/login", { username: "layar", password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const screenToken = login.body.token as string;
    const coordOnB = await observer(B.url, since, "coordinator on B");
    const screenOnB = await observer(B.url, since, "screen on B", screenToken);
    const coordBatchOnB = await observer(B.url, since, "coordinator on B (batch)", token, true);
    const screenBatchOnB = await observer(B.url, since, "screen on B (batch)", screenToken, true);

    const coord = client(A.url, token, { username: "koordinator", role: "coordinator" });
    const units = (await get(A.url, "/units")) as { id: string }[];
    for (let i = 0; i < 3; i++) await makeStaff(coord, units[5]!.id, ["medis"]);
    await write(A.url, "incident", "A-private", { id: "", version: 0 });
    await barrier([coordOnB, screenOnB, coordBatchOnB, screenBatchOnB], "t3");

    const full = await logSince(A.url, since);
    const cut = await logSince(B.url, since, screenToken);
    expect(full.filter((e) => e.type === "staff.created")).toHaveLength(3);
    for (const [o, expected, phones] of [[coordOnB, full, true], [screenOnB, cut, false], [coordBatchOnB, full, true], [screenBatchOnB, cut, false]] as const) {
      // One writer at a time: in order, exactly once, each as GET /api/events shows it to that user.
      expect(o.arrived, o.label).toEqual(expected);
      expect(o.wrongForm(), `${o.label}: pushes in the other form`).toBe(0);
      const staff = o.arrived.filter((e) => e.type === "staff.created").map((e) => e.data as { phone?: string });
      expect(staff, `${o.label}: the three staff events`).toHaveLength(3);
      expect(staff.every((d) => (typeof d.phone === "string") === phones), `${o.label}: phones ${phones ? "present" : "absent"}`).toBe(true);
    }
  });

  it("[16.1] a revoke on A disconnects the user's sockets on B (the Redis adapter carries it); the token opens no new socket", async () => {
    const created = await request(A.url, "POST", "/users", { username: "layar.hilang", password: "Layar-Posko-Maulafa-9", role: "screen" }, token);
    expect(created.status).toBe(201);
    const login = await request(B.url, "POST", "/auth/login", { username: "layar.hilang", password: "Layar-Posko-Maulafa-9" });
    const lost = io(B.url + "/live", { auth: { token: login.body.token }, transports: ["websocket"], reconnection: false });
    sockets.push(lost);
    await new Promise<void>((resolve, reject) => { lost.once("connect", resolve); lost.once("connect_error", reject); });
    expect((await lost.timeout(10_000).emitWithAck("resume", { since: null })).ok).toBe(true);
    const gone = new Promise<string>((resolve) => lost.once("disconnect", (reason) => resolve(reason)));
    expect((await request(A.url, "POST", "/users/layar.hilang/revoke", undefined, token)).body.revoked).toBe(1);
    expect(await gone).toBe("io server disconnect");
    const again = io(B.url + "/live", { auth: { token: login.body.token }, transports: ["websocket"], reconnection: false });
    sockets.push(again);
    const refused = await new Promise<string | undefined>((resolve) => {
      again.once("connect", () => resolve(undefined));
      again.once("connect_error", (e: Error & { data?: { code?: string } }) => resolve(e.data?.code));
    });
    expect(refused).toBe("unauthenticated");
  });

  it("SIGTERM of one process sends its own sockets away and no other's: a client of B stays connected and keeps getting A's changes", async () => {
    const C = await startServer("C", redis.url);
    const since = await lastSeq(A.url);
    const onB = await observer(B.url, since, "B-client");
    const onC = await observer(C.url, since, "C-client");
    const reasons = { B: [] as string[], C: [] as string[] };
    onB.socket.on("disconnect", (r) => reasons.B.push(r));
    onC.socket.on("disconnect", (r) => reasons.C.push(r));

    const exited = new Promise<unknown[]>((resolve) => C.child.once("exit", (...args) => resolve(args)));
    C.child.kill("SIGTERM");
    expect(await exited).toEqual([0, null]);
    expect(reasons.C).toEqual(["io server disconnect"]);

    // C closed its Redis connections before it exited, so whatever it published is ahead of A's next
    // push in what Redis relays to B: once that push is in, a disconnect request from C would have been too.
    await write(A.url, "incident", "after-C", { id: "", version: 0 });
    const seq = await lastSeq(A.url);
    await until(() => onB.arrived.some((e) => e.seq === seq), "A's change on the client of B", 20_000);
    expect(reasons.B).toEqual([]);
    expect(onB.socket.connected).toBe(true);
  });
});
