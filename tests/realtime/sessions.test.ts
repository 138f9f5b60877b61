/**
 * Issue 16, item 1, with real sockets: a socket lives no longer than its session. A revoke, a logout and
 * an expiry send the socket away; a command on a session ended behind the socket's back is refused
 * (and changes nothing) and the socket is disconnected.
 */
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIncident, makeStaff, makeUnit } from "../helpers/fixtures.js";
import { request, startServer, type Client, type TestServer } from "../helpers/server.js";

const PASSWORD = "Maulafa-Siaga-Kepala-7";

let server: TestServer;
let coord: Client;
let unitId: string;
const sockets: Socket[] = [];

async function signIn(username: string): Promise<Client> {
  return server.as(username, PASSWORD);
}

async function live(token: string): Promise<Socket> {
  const socket = io(server.url + "/live", { auth: { token }, transports: ["websocket"], reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const ack = await socket.timeout(10_000).emitWithAck("resume", { since: null });
  expect(ack.ok).toBe(true);
  return socket;
}

const disconnected = (socket: Socket) => new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));

async function handshakeRefused(token: string): Promise<string | undefined> {
  const socket = io(server.url + "/live", { auth: { token }, transports: ["websocket"], reconnection: false });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once("connect", () => resolve(undefined));
    socket.once("connect_error", (e: Error & { data?: { code?: string } }) => resolve(e.data?.code));
  });
}

/** An assignment requested from the unit head's unit, for the head to confirm. */
async function requested(): Promise<{ id: string; version: number }> {
  const person = await makeStaff(coord, unitId);
  const incident = await makeIncident(coord, [{ skill: "sosial", count: 1, priority: 3 }]);
  const res = await coord.post("/assignments", { staffId: person.id, needId: incident.needs[0]!.id });
  expect(res.status).toBe(201);
  expect(res.body.state).toBe("requested");
  return res.body;
}

beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
  coord = await server.as("koordinator");
  unitId = (await makeUnit(coord, { floor: 0 })).id;
  for (const username of ["kepala.revoke", "kepala.recheck", "kepala.logout", "kepala.expiry"]) {
    const res = await coord.post("/users", { username, password: PASSWORD, role: "unit_head", unitId });
    expect(res.status).toBe(201);
  }
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

describe("[16.1] a socket lives no longer than its session", () => {
  it("a revoke disconnects every socket of the user; the token opens no new one and confirms nothing", async () => {
    const head = await signIn("kepala.revoke");
    const phone = await live(head.token);
    const laptop = await live((await signIn("kepala.revoke")).token);
    const a = await requested();
    const gone = [disconnected(phone), disconnected(laptop)];
    expect((await coord.post("/users/kepala.revoke/revoke")).body.revoked).toBe(2);
    expect(await Promise.all(gone)).toEqual(["io server disconnect", "io server disconnect"]);
    expect(await handshakeRefused(head.token)).toBe("unauthenticated");
    expect((await head.get("/me")).status).toBe(401);
    expect((await coord.get(`/assignments/${a.id}`)).body.state).toBe("requested");
  });

  it("a command on a session revoked behind the socket's back is refused with 401, changes nothing, and the socket goes", async () => {
    const head = await signIn("kepala.recheck");
    const socket = await live(head.token);
    const a = await requested();
    // Another process (or the store directly) ended the session; this process heard nothing.
    await server.store.transact(async (tx) => {
      for (const s of await tx.find("sessions", {})) if (!s.revokedAt) await tx.replace("sessions", { ...s, revokedAt: server.clock.now().toISOString() });
    });
    coord = await server.as("koordinator"); // the sweep above ended the coordinator's session too
    const gone = disconnected(socket);
    const ack = await socket.timeout(10_000).emitWithAck("assignment:confirm", { id: a.id, version: a.version });
    expect(ack).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(await gone).toBe("io server disconnect");
    expect((await coord.get(`/assignments/${a.id}`)).body.state).toBe("requested");
  });

  it("a logout disconnects that session's sockets, and only those", async () => {
    const one = await signIn("kepala.logout");
    const two = await signIn("kepala.logout");
    const first = await live(one.token);
    const second = await live(two.token);
    const gone = disconnected(first);
    expect((await request(server.url, "POST", "/auth/logout", undefined, one.token)).status).toBe(204);
    expect(await gone).toBe("io server disconnect");
    const a = await requested();
    const ack = await second.timeout(10_000).emitWithAck("assignment:confirm", { id: a.id, version: a.version });
    expect(ack.ok).toBe(true);
    expect(second.connected).toBe(true);
  });

  it("an expired session's socket is sent away by the sweep, and its commands are refused before that", async () => {
    const head = await signIn("kepala.expiry");
    const socket = await live(head.token);
    const a = await requested();
    server.clock.advance(13 * 3600_000); // past the 12 h of a unit head's session
    const ack = await socket.timeout(10_000).emitWithAck("assignment:confirm", { id: a.id, version: a.version });
    expect(ack).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    const other = await live((await signIn("kepala.expiry")).token);
    server.clock.advance(13 * 3600_000);
    const gone = disconnected(other);
    expect(server.app.realtime.expireSessions()).toBeGreaterThanOrEqual(1);
    expect(await gone).toBe("io server disconnect");
  });
});
