/**
 * The Idempotency-Key header on every write (issue 14 item 2, issue 16 item 14): the same key again
 * returns the first answer and changes nothing, also when the first answer was lost on the way.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateInstance, SCALES } from "../../bench/generate.js";
import { IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_TTL_MS } from "../../shared/idempotency.js";
import { checkContract } from "../helpers/contract.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;

interface StaffRow { id: string; nip: string; homeUnitId: string; skills: string[]; status: string }
interface UnitRow { id: string; code: string; floor: number }

beforeAll(async () => {
  server = await startServer({ seed: "maulafa" });
  coord = await server.as("koordinator");
});
afterAll(() => server.close());

/** One write with an Idempotency-Key, its answer held to the REST contract. */
async function send(token: string, method: string, path: string, key: string, body: unknown = {}) {
  const res = await fetch(`${server.url}/api${path}`, {
    method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": key }, body: JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : undefined;
  checkContract(method, path, res.status, parsed);
  return { status: res.status, body: parsed, replayed: res.headers.get("idempotent-replayed") === "true" };
}

const used = new Set<string>();
/** A person who can be lent without breaking their unit's floor, once per test. */
async function pickPerson(skill: string): Promise<{ person: StaffRow; unit: UnitRow }> {
  const state = (await coord.get("/state")).body as { units: UnitRow[]; staff: StaffRow[]; assignments: { staffId: string; fromUnitId: string; state: string }[] };
  for (const unit of state.units) {
    const busy = state.assignments.filter((a) => a.fromUnitId === unit.id && ["requested", "confirmed", "active"].includes(a.state)).length;
    const people = state.staff.filter((s) => s.homeUnitId === unit.id && s.status === "available" && !used.has(s.id));
    const person = people.find((s) => s.skills.includes(skill));
    if (person && people.length - busy > unit.floor + 2) { used.add(person.id); return { person, unit }; }
  }
  throw new Error(`no spare ${skill} in the seed`);
}

let incidentN = 0;
/** A confirmed assignment, ready for the person's check-in. */
async function confirmedAssignment() {
  const { person, unit } = await pickPerson("logistik");
  const inc = await coord.post("/incidents", {
    type: "banjir", title: `Banjir uji ${++incidentN}`, severity: 3, location: { lat: -10.2, lng: 123.61 }, needs: [{ skill: "logistik", count: 1, priority: 3 }],
  });
  const req = await coord.post("/assignments", { staffId: person.id, needId: inc.body.needs[0].id });
  const head = await server.as(`kepala.${unit.code}`);
  const confirmed = await head.post(`/assignments/${req.body.id}/confirm`, { version: req.body.version });
  expect(confirmed.status).toBe(200);
  const staff = await server.as(person.nip);
  return { id: req.body.id as string, version: confirmed.body.version as number, staff, person };
}

async function eventsOf(type: string, id: string): Promise<number> {
  const log = await server.store.eventsSince(0, 1_000_000);
  return log.filter((e) => e.type === type && (e.data as { id: string }).id === id).length;
}

describe("Idempotency-Key", () => {
  it("the same key again returns the first answer and changes nothing", async () => {
    const { id, version, staff } = await confirmedAssignment();
    const first = await send(staff.token, "POST", `/assignments/${id}/checkin`, "chk-aaaaaaaa-1", { version });
    expect(first.status).toBe(200);
    expect(first.replayed).toBe(false);
    const again = await send(staff.token, "POST", `/assignments/${id}/checkin`, "chk-aaaaaaaa-1", { version });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await eventsOf("assignment.active", id)).toBe(1);
    // Without the key the same step is a real second attempt: the state machine refuses it.
    expect((await staff.post(`/assignments/${id}/checkin`, { version })).status).toBe(409);
  });

  it("a key is the user's: another user's same key is another request", async () => {
    const a = await send(coord.token, "POST", "/incidents", "shared-key-0001", { type: "banjir", title: "Kunci A", severity: 1, location: { lat: -10.2, lng: 123.6 } });
    const other = await server.as("koordinator");
    expect(other.token).not.toBe(coord.token);
    // Same user, other session: still the same answer.
    const b = await send(other.token, "POST", "/incidents", "shared-key-0001", { type: "banjir", title: "Kunci A", severity: 1, location: { lat: -10.2, lng: 123.6 } });
    expect(b.body.id).toBe(a.body.id);
    const { staff } = await confirmedAssignment();
    const c = await send(staff.token, "POST", "/incidents", "shared-key-0001", { type: "banjir", title: "Kunci A", severity: 1, location: { lat: -10.2, lng: 123.6 } });
    expect(c.status).toBe(403);
  });

  it("the same key with another body or path is 409 idempotency_reused and changes nothing", async () => {
    const body = { type: "banjir", title: "Banjir kunci", severity: 2, location: { lat: -10.2, lng: 123.6 } };
    const first = await send(coord.token, "POST", "/incidents", "reuse-key-0001", body);
    expect(first.status).toBe(201);
    const before = (await coord.get("/incidents")).body.length as number;
    const other = await send(coord.token, "POST", "/incidents", "reuse-key-0001", { ...body, title: "Lain" });
    expect(other.status).toBe(409);
    expect(other.body.error.details.reason).toBe("idempotency_reused");
    const otherPath = await send(coord.token, "PATCH", `/incidents/${first.body.id}`, "reuse-key-0001", { title: "Lain" });
    expect(otherPath.body.error.details.reason).toBe("idempotency_reused");
    expect((await coord.get("/incidents")).body.length).toBe(before);
    expect((await coord.get(`/incidents/${first.body.id}`)).body.title).toBe("Banjir kunci");
  });

  it("a malformed key is a 400 naming the header, and nothing runs", async () => {
    const before = (await coord.get("/incidents")).body.length as number;
    for (const key of ["short", "has space in it", "x".repeat(129), "kunci-ü-0001"]) {
      const res = await send(coord.token, "POST", "/incidents", key, { type: "banjir", title: "Salah", severity: 1, location: { lat: -10.2, lng: 123.6 } });
      expect(res.status, key).toBe(400);
      expect(res.body.error.details[0].path).toBe("headers.idempotency-key");
    }
    expect((await coord.get("/incidents")).body.length).toBe(before);
  });

  it("a check-in whose answer was lost (the client hung up) is applied once; the retry gets its answer", async () => {
    const { id, version, staff } = await confirmedAssignment();
    // Gate: the server has written the check-in.
    const written = new Promise<void>((resolve) => {
      const stop = server.store.subscribe((events) => {
        if (events.some((e) => e.type === "assignment.active" && (e.data as { id: string }).id === id)) { stop(); resolve(); }
      });
    });
    const url = new URL(`${server.url}/api/assignments/${id}/checkin`);
    const payload = JSON.stringify({ version });
    const hungUp = new Promise<void>((resolve) => {
      const req = httpRequest(url, { method: "POST", headers: { authorization: `Bearer ${staff.token}`, "content-type": "application/json", "idempotency-key": "lost-answer-0001", "content-length": Buffer.byteLength(payload) } });
      req.on("error", () => resolve());
      req.on("close", () => resolve());
      req.end(payload, () => req.destroy()); // the body is out; the answer will never be read
    });
    await hungUp;
    await written;
    // The retry may meet the first request still storing its answer (409 in_progress): retry after each commit.
    let retry = await send(staff.token, "POST", `/assignments/${id}/checkin`, "lost-answer-0001", { version });
    while (retry.status === 409 && retry.body.error.details.reason === "in_progress") {
      await new Promise((resolve) => setImmediate(resolve));
      retry = await send(staff.token, "POST", `/assignments/${id}/checkin`, "lost-answer-0001", { version });
    }
    expect(retry.status).toBe(200);
    expect(retry.replayed).toBe(true);
    expect(retry.body.state).toBe("active");
    expect(await eventsOf("assignment.active", id)).toBe(1);
  });

  it("concurrent duplicates: one runs, the others replay it or are told in_progress", async () => {
    const { id, version, staff } = await confirmedAssignment();
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(staff.token, "POST", `/assignments/${id}/checkin`, "dup-concurrent-01", { version })));
    expect(answers.filter((a) => a.status === 200 && !a.replayed)).toHaveLength(1);
    for (const a of answers) if (a.status !== 200) expect(a.body.error.details.reason).toBe("in_progress");
    expect(await eventsOf("assignment.active", id)).toBe(1);
  });

  it("plan approval with a key returns the first answer on retry", async () => {
    const { person } = await pickPerson("sosial");
    await coord.post("/incidents", { type: "banjir", title: "Banjir rencana", severity: 4, location: { lat: -10.21, lng: 123.62 }, needs: [{ skill: "sosial", count: 2, priority: 5 }] });
    const plan = await coord.post("/plans");
    expect(plan.status).toBe(201);
    used.add(person.id);
    const first = await send(coord.token, "POST", `/plans/${plan.body.id}/approve`, "approve-key-0001", {});
    expect(first.status).toBe(200);
    expect(first.body.approved.length).toBeGreaterThan(0);
    const again = await send(coord.token, "POST", `/plans/${plan.body.id}/approve`, "approve-key-0001", {});
    expect(again).toEqual({ ...first, replayed: true });
    for (const a of first.body.approved as { id: string }[]) expect(await eventsOf("assignment.created", a.id)).toBe(1);
  });

  it("a what-if with a key returns its first answer on retry, body and all (it is written as bytes, not by send())", async () => {
    const input = generateInstance(SCALES.small);
    const first = await send(coord.token, "POST", "/plans/simulate", "simulate-key-0001", input);
    expect(first.status).toBe(200);
    expect(first.body.assignments.length).toBeGreaterThan(0);
    const again = await send(coord.token, "POST", "/plans/simulate", "simulate-key-0001", input);
    expect(again).toEqual({ ...first, replayed: true });
  });

  it("a crash between the write and its stored answer: after the lease the retry runs again and the state machine answers 409", async () => {
    const { id, version, staff } = await confirmedAssignment();
    // What a crash leaves: the key claimed (pending), the check-in committed, no answer stored.
    const { createHash } = await import("node:crypto");
    const key = "crash-between-01";
    const now = server.clock.now();
    await server.store.transact((tx) => tx.insert("idempotency", {
      id: createHash("sha256").update(`${staff.user.username}\u0000${key}`).digest("hex"), username: staff.user.username,
      method: "POST", path: `/api/assignments/${id}/checkin`, bodyHash: createHash("sha256").update(JSON.stringify({ version })).digest("hex"),
      state: "pending", startedAt: now.toISOString(), expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS).toISOString(),
    }));
    expect((await staff.post(`/assignments/${id}/checkin`, { version })).status).toBe(200);
    const early = await send(staff.token, "POST", `/assignments/${id}/checkin`, key, { version });
    expect(early.body.error.details.reason).toBe("in_progress");
    server.clock.advance(IDEMPOTENCY_LEASE_MS + 1);
    const late = await send(staff.token, "POST", `/assignments/${id}/checkin`, key, { version });
    expect(late.status).toBe(409);
    expect(["wrong_state", "version"]).toContain(late.body.error.details.reason);
    expect(await eventsOf("assignment.active", id)).toBe(1);
  });

  it("a key is forgotten after a day: the same key then is a new request", async () => {
    const body = { type: "banjir", title: "Banjir kemarin", severity: 1, location: { lat: -10.2, lng: 123.6 } };
    const first = await send(coord.token, "POST", "/incidents", "expiry-key-0001", body);
    const replay = await send(coord.token, "POST", "/incidents", "expiry-key-0001", body);
    expect(replay.body.id).toBe(first.body.id);
    server.clock.advance(IDEMPOTENCY_TTL_MS + 1);
    coord = await server.as("koordinator"); // the session expired with the day
    const later = await send(coord.token, "POST", "/incidents", "expiry-key-0001", body);
    expect(later.status).toBe(201);
    expect(later.replayed).toBe(false);
    expect(later.body.id).not.toBe(first.body.id);
    // The hourly sweep removed every expired key but the one just claimed again.
    const left = await server.store.read((tx) => tx.find("idempotency"));
    expect(left.every((r) => Date.parse(r.expiresAt) > server.clock.now().getTime())).toBe(true);
  });

  it("writes without a key behave as before", async () => {
    const res = await coord.post("/incidents", { type: "banjir", title: "Tanpa kunci", severity: 1, location: { lat: -10.2, lng: 123.6 } });
    expect(res.status).toBe(201);
  });
});
