/**
 * The /live namespace with real socket.io-client sockets against a real server: handshake auth,
 * resume from the durable log, pushes in seq order, commands acked like REST, and recovery of the
 * client library across a server restart.
 */
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Event } from "../../shared/domain.js";
import { StateSnapshot } from "../../shared/entities.js";
import { LiveClient } from "../../client/live/index.js";
import { BATCH_GROUPS } from "../../server/realtime/push.js";
import { makeIncident, makeStaff, makeUnit } from "../helpers/fixtures.js";
import { ConnectionGate } from "../helpers/gate.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";
import { until } from "../helpers/wait.js";

let server: TestServer;
let coord: Client;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
  coord = await server.as("koordinator");
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

function connect(token: string): Socket {
  const socket = io(server.url + "/live", { auth: { token }, transports: ["websocket"], reconnection: false });
  sockets.push(socket);
  return socket;
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function emit(socket: Socket, event: string, payload: unknown): Promise<any> {
  return socket.timeout(10_000).emitWithAck(event, payload);
}

function collect(socket: Socket): Event[] {
  const got: Event[] = [];
  socket.on("event", (e) => got.push(Event.parse(e)));
  return got;
}

describe("/live", () => {
  it("refuses a bad token at the handshake", async () => {
    const socket = connect("forged-token");
    const error = await new Promise<Error & { data?: { code: string } }>((resolve) => socket.once("connect_error", resolve));
    expect(error.data?.code).toBe("unauthenticated");
    expect(socket.connected).toBe(false);
  });

  it("resume(null) gives a snapshot valid by the shared schema; then every REST change arrives as an event, in seq order", async () => {
    const socket = connect(coord.token);
    await connected(socket);
    const got = collect(socket);
    const ack = await emit(socket, "resume", { since: null });
    expect(ack.ok).toBe(true);
    const snapshot = StateSnapshot.parse(ack.snapshot);
    expect(ack.seq).toBe(snapshot.seq);

    const unit = await makeUnit(coord);
    for (let i = 0; i < 5; i++) await makeStaff(coord, unit.id, ["sosial"]);
    await until(() => got.length >= 6, "the six changes");
    expect(got.map((e) => e.seq)).toEqual(Array.from({ length: 6 }, (_, i) => snapshot.seq + 1 + i));
    expect(got[0]!.type).toBe("unit.created");
    // A coordinator may see phones, so they come with the push.
    expect(got.slice(1).every((e) => e.type === "staff.created" && typeof (e.data as { phone?: string }).phone === "string")).toBe(true);
  });

  it("resume(since) returns exactly the missed events, validated on receipt", async () => {
    const lastSeq = (await coord.get("/events?limit=1")).body.lastSeq as number;
    await makeIncident(coord, [{ skill: "evakuasi", count: 2, priority: 5 }]);
    await makeIncident(coord, [{ skill: "logistik", count: 1, priority: 3 }]);
    const socket = connect(coord.token);
    await connected(socket);
    const ack = await emit(socket, "resume", { since: lastSeq });
    const events = (ack.events as unknown[]).map((e) => Event.parse(e));
    expect(events.map((e) => [e.seq, e.type])).toEqual([[lastSeq + 1, "incident.created"], [lastSeq + 2, "incident.created"]]);
    const bad = await emit(socket, "resume", { since: "kemarin" });
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe("validation");
  });

  it("answers one resume at a time per socket: a second one while the first is answered is refused, then allowed again", async () => {
    const socket = connect(coord.token);
    await connected(socket);
    const [first, second] = await Promise.all([emit(socket, "resume", { since: null }), emit(socket, "resume", { since: null })]);
    expect(first.ok).toBe(true);
    expect(StateSnapshot.parse(first.snapshot).seq).toBe(first.seq);
    expect(second).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect((await emit(socket, "resume", { since: first.seq })).events).toEqual([]);
  });

  it("commands are acked like REST; a failed command broadcasts nothing; a screen may not command", async () => {
    const unit = await makeUnit(coord);
    const person = await makeStaff(coord, unit.id, ["medis"]);
    await makeStaff(coord, unit.id, ["medis"]);
    await coord.post("/users", { username: `kepala.${unit.code}`, password: "kata-sandi-uji", role: "unit_head", unitId: unit.id });
    const kepala = await server.as(`kepala.${unit.code}`, "kata-sandi-uji");
    const incident = await makeIncident(coord, [{ skill: "medis", count: 1, priority: 5 }]);
    const req = await coord.post("/assignments", { staffId: person.id, needId: incident.needs[0]!.id });

    const observer = connect(coord.token);
    await connected(observer);
    const since = (await coord.get("/events?limit=1")).body.lastSeq as number;
    await emit(observer, "resume", { since });
    const seen = collect(observer);

    const actor = connect(kepala.token);
    await connected(actor);
    const refused = await emit(actor, "assignment:decline", { id: req.body.id });
    expect(refused).toMatchObject({ ok: false, error: { code: "validation" } });
    const wrong = await emit(actor, "assignment:checkin", { id: req.body.id });
    expect(wrong).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const malformed = await emit(actor, "assignment:confirm", { id: 42 });
    expect(malformed.ok).toBe(false);
    expect(malformed.error.details[0].path).toBe("id");
    // Nothing committed; whether anything was pushed is told below by the confirm's push, which
    // comes after anything sent to the observer before it (one socket, in order).
    expect((await coord.get("/events?limit=1")).body.lastSeq).toBe(since);

    const screen = connect((await server.as("layar")).token);
    await connected(screen);
    expect(await emit(screen, "assignment:confirm", { id: req.body.id })).toMatchObject({ ok: false, error: { code: "forbidden" } });

    const ok = await emit(actor, "assignment:confirm", { id: req.body.id });
    expect(ok.ok).toBe(true);
    expect(ok.assignment.state).toBe("confirmed");
    await until(() => seen.some((e) => e.type === "assignment.confirmed"), "the observer's confirm event");
    expect(seen.map((e) => [e.seq, e.type])).toEqual([[since + 1, "assignment.confirmed"]]);
  });

  it("[I6] a phone is pushed only to sockets that may see it: coordinator, the person's unit head, the person", async () => {
    const unit = await makeUnit(coord);
    const other = await makeUnit(coord);
    const person = await makeStaff(coord, unit.id, ["komunikasi"]);
    await coord.post("/users", { username: `kepala.${unit.code}`, password: "kata-sandi-uji", role: "unit_head", unitId: unit.id });
    await coord.post("/users", { username: `kepala.${other.code}`, password: "kata-sandi-uji", role: "unit_head", unitId: other.id });
    await coord.post("/users", { username: `hp.${unit.code}`, password: "kata-sandi-uji", role: "staff", staffId: person.id });
    const tokens = {
      coordinator: coord.token,
      ownHead: (await server.as(`kepala.${unit.code}`, "kata-sandi-uji")).token,
      person: (await server.as(`hp.${unit.code}`, "kata-sandi-uji")).token,
      otherHead: (await server.as(`kepala.${other.code}`, "kata-sandi-uji")).token,
      screen: (await server.as("layar")).token,
    };
    const got: Record<string, Event[]> = {};
    for (const [who, token] of Object.entries(tokens)) {
      const socket = connect(token);
      await connected(socket);
      got[who] = collect(socket);
      await emit(socket, "resume", { since: (await coord.get("/events?limit=1")).body.lastSeq });
    }
    const res = await coord.patch(`/staff/${person.id}`, { version: person.version, phone: "+62 810-1111-2222" });
    expect(res.status).toBe(200);
    await until(() => Object.values(got).every((events) => events.length === 1), "one event per socket");
    const phoneOf = (who: string) => (got[who]![0]!.data as { phone?: string }).phone;
    expect([phoneOf("coordinator"), phoneOf("ownHead"), phoneOf("person")]).toEqual(Array(3).fill("+62 810-1111-2222"));
    expect(phoneOf("otherHead")).toBeUndefined();
    expect(phoneOf("screen")).toBeUndefined();
    // The same cut on replay from the log.
    const since = got.screen![0]!.seq - 1;
    const screenSocket = connect(tokens.screen);
    await connected(screenSocket);
    expect((await emit(screenSocket, "resume", { since })).events[0].data.phone).toBeUndefined();
    const coordSocket = connect(tokens.coordinator);
    await connected(coordSocket);
    expect((await emit(coordSocket, "resume", { since })).events[0].data.phone).toBe("+62 810-1111-2222");
  });

  it("batch: true gets `events` arrays, one per burst: every seq once, in order, cut per user like the log; `event` sockets beside them are unchanged", async () => {
    const unit = await makeUnit(coord, { floor: 0 });
    const people = [];
    for (let i = 0; i < 4; i++) people.push(await makeStaff(coord, unit.id, ["dapur_umum"]));
    const person = people[0]!;
    await coord.post("/users", { username: `hp.batch.${unit.code}`, password: "kata-sandi-uji", role: "staff", staffId: person.id });
    const users = {
      coordinator: coord,
      person: await server.as(`hp.batch.${unit.code}`, "kata-sandi-uji"),
      screen: await server.as("layar"),
    };
    const since = (await coord.get("/events?limit=1")).body.lastSeq as number;
    const frames: Record<string, Event[][]> = {};
    for (const [who, user] of Object.entries(users)) {
      const socket = connect(user.token);
      await connected(socket);
      frames[who] = [];
      socket.on("events", (list: unknown[]) => frames[who]!.push(list.map((e) => Event.parse(e))));
      socket.on("event", () => frames[who]!.push([])); // must not happen: an empty frame fails below
      expect((await emit(socket, "resume", { since, batch: true })).events).toEqual([]);
    }
    const single = connect(users.screen.token);
    await connected(single);
    const singleGot = collect(single);
    await emit(single, "resume", { since });

    // A burst that mixes public events with private ones (phones), then a plan approved in one request.
    const unitNow = (await coord.get(`/units/${unit.id}`)).body;
    await Promise.all([
      coord.patch(`/units/${unit.id}`, { version: unitNow.version, workload: 3 }),
      coord.patch(`/staff/${person.id}`, { version: person.version, phone: "+62 811-2222-3333" }),
      makeIncident(coord, [{ skill: "logistik", count: 1, priority: 1 }]),
    ]);
    await makeIncident(coord, [{ skill: "dapur_umum", count: 3, priority: 1 }]);
    // No donor load cap: this unit (workload 3, four people) would keep three under the default 1.0.
    const plan = await coord.post("/plans", { donorLoadCap: null });
    expect(plan.status).toBe(201);
    const approved = await coord.post(`/plans/${plan.body.id}/approve`, {});
    expect(approved.body.approved.length).toBeGreaterThanOrEqual(3);

    const last = (await coord.get("/events?limit=1")).body.lastSeq as number;
    const flat = (who: string) => frames[who]!.flat();
    await until(() => ["coordinator", "person", "screen"].every((who) => flat(who).at(-1)?.seq === last) && singleGot.at(-1)?.seq === last, "the last seq on every socket");
    for (const [who, user] of Object.entries(users)) {
      const log = (await user.get(`/events?since=${since}`)).body.events;
      expect(flat(who), who).toEqual(log);
      expect(frames[who]!.every((f) => f.length > 0), `${who}: no empty or single-form frame`).toBe(true);
    }
    expect(singleGot).toEqual((await users.screen.get(`/events?since=${since}`)).body.events);
    const phoneIn = (who: string) => flat(who).find((e) => e.type === "staff.updated" && (e.data as { id: string }).id === person.id)!.data as { phone?: string };
    expect(phoneIn("coordinator").phone).toBe("+62 811-2222-3333");
    expect(phoneIn("person").phone).toBe("+62 811-2222-3333");
    expect(phoneIn("screen").phone).toBeUndefined();
    // The approval's lines commit one after another within one request: a batch socket gets them in one frame.
    const approvalFrame = frames.screen!.find((f) => f.some((e) => e.type === "assignment.created"))!;
    expect(approvalFrame.filter((e) => e.type === "assignment.created").length).toBe(approved.body.approved.length);
    expect(frames.screen!.length).toBeLessThan(flat("screen").length);
  });

  it("with batch sockets in every fan-out group and writes landing mid-round, each socket gets the log once, in order", async () => {
    const screen = await server.as("layar");
    const since = (await coord.get("/events?limit=1")).body.lastSeq as number;
    const got: Event[][] = [];
    for (let i = 0; i < 48; i++) {
      const socket = connect(screen.token);
      await connected(socket);
      const mine: Event[] = [];
      got.push(mine);
      socket.on("events", (list: unknown[]) => mine.push(...list.map((e) => Event.parse(e))));
      await emit(socket, "resume", { since, batch: true });
    }
    // Sockets are spread over the groups by their random id: 48 of them leave at most two of eight
    // groups empty except with probability ~1e-8.
    const rooms = server.app.realtime.io.of("/live").adapter.rooms;
    const used = Array.from({ length: BATCH_GROUPS }, (_, k) => rooms.get(`batch:${k}:live`)?.size ?? 0).filter((n) => n > 0);
    expect(used.length).toBeGreaterThanOrEqual(6);
    const units = await Promise.all(Array.from({ length: 6 }, () => makeUnit(coord)));
    await Promise.all(units.map(async (unit) => {
      let version = unit.version;
      for (let i = 0; i < 10; i++) version = (await coord.patch(`/units/${unit.id}`, { version, workload: i + 3 })).body.version;
    }));
    expect((await screen.get(`/events?since=${since}`)).body.events).toHaveLength(66);
    // One more change once the 66 are written: a socket has everything sent to it before this one when
    // this one arrives (per group the log goes out in order), so a late duplicate would be in by then.
    const unit0 = (await coord.get(`/units/${units[0]!.id}`)).body as { version: number };
    const last = await coord.patch(`/units/${units[0]!.id}`, { version: unit0.version, workload: 1 });
    expect(last.status).toBe(200);
    const log = (await screen.get(`/events?since=${since}`)).body.events as Event[];
    expect(log).toHaveLength(67);
    await until(() => got.every((mine) => mine.some((e) => e.seq === log.at(-1)!.seq)), "every socket to have the last change");
    for (const mine of got) expect(mine).toEqual(log);
    // /api/health reports the sockets of this process and a fan-out that has caught up.
    const health = await fetch(`${server.url}/api/health`).then((r) => r.json());
    expect(health.live).toEqual({ sockets: server.app.realtime.io.of("/live").sockets.size, behind: 0 });
    expect(health.live.sockets).toBeGreaterThanOrEqual(48);
  });

  it("[I4] a client cut off while 1,000 events happen resumes to exactly the server's state", async () => {
    // The way back is held at a gate until the 1,000 writes are done, however long they take; the
    // client's short retry delay only makes it knock early.
    const gate = new ConnectionGate();
    const live = new LiveClient({ origin: server.url, getToken: () => coord.token, notifyMs: 0, retryMs: 100, gapWaitMs: 0, io: gate.io });
    live.start();
    try {
      await until(() => live.getStatus().conn === "live" && live.getState() !== null, "the client live with state");
      const unit = await makeUnit(coord, { workload: 1 });
      gate.hold();
      server.app.realtime.io.of("/live").disconnectSockets(true);
      await until(() => live.getStatus().conn !== "live", "the client to notice the drop");
      const seqBefore = live.getStatus().seq!;
      let version = unit.version;
      for (let i = 0; i < 1000; i++) {
        const res = await coord.patch(`/units/${unit.id}`, { version, workload: i + 2 });
        expect(res.status).toBe(200);
        version = res.body.version;
      }
      await until(() => gate.waiting > 0, "the client to try to come back");
      expect(live.getStatus().conn).not.toBe("live");
      expect(live.getStatus().seq).toBe(seqBefore);
      const truth = StateSnapshot.parse((await coord.get("/state")).body);
      gate.release();
      await until(() => live.getStatus().seq === truth.seq, "the server's last seq", 20_000);
      const state = live.getState()!;
      expect(state.units.get(unit.id)).toEqual(truth.units.find((u) => u.id === unit.id));
      const ids = (xs: { id: string; version: number }[]) => xs.map((x) => `${x.id}@${x.version}`).sort();
      expect(ids([...state.units.values()])).toEqual(ids(truth.units));
      expect(ids([...state.staff.values()])).toEqual(ids(truth.staff));
    } finally {
      live.stop();
    }
  });

  it("[I4] the client library ends with exactly the server's state across a server restart", async () => {
    // Held at a gate from the restart until the 20 changes are made: they happen while it is away
    // however fast it would reconnect, and however slowly they are written.
    const gate = new ConnectionGate();
    const live = new LiveClient({ origin: server.url, getToken: () => coord.token, notifyMs: 0, retryMs: 100, io: gate.io });
    live.start();
    try {
      await until(() => live.getStatus().conn === "live" && live.getState() !== null, "the client live with state");
      const unit = await makeUnit(coord);
      gate.hold();
      await server.restart();
      await until(() => live.getStatus().conn !== "live", "the client to notice the restart");
      const seqAway = live.getStatus().seq;
      // Changes while the client is away, then more after it is back.
      for (let i = 0; i < 20; i++) await makeStaff(coord, unit.id, ["teknik"]);
      await until(() => gate.waiting > 0, "the client to try to come back");
      expect(live.getStatus().seq).toBe(seqAway);
      gate.release();
      await until(() => live.getStatus().conn === "live", "the client back after the restart");
      await makeIncident(coord, [{ skill: "teknik", count: 3, priority: 2 }]);
      const server_ = StateSnapshot.parse((await coord.get("/state")).body);
      await until(() => live.getStatus().seq === server_.seq, "the server's last seq");
      const state = live.getState()!;
      const ids = (xs: { id: string; version: number }[]) => xs.map((x) => `${x.id}@${x.version}`).sort();
      expect(ids([...state.units.values()])).toEqual(ids(server_.units));
      expect(ids([...state.staff.values()])).toEqual(ids(server_.staff));
      expect(ids([...state.incidents.values()])).toEqual(ids(server_.incidents));
      expect(ids([...state.assignments.values()])).toEqual(ids(server_.assignments));
    } finally {
      live.stop();
    }
  });
});
