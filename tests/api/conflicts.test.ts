/**
 * Every 409 says why in `details.reason`, from the closed CONFLICT_REASONS, so a client can say it in its
 * own language. One case per reason the services produce, through the real API.
 */
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictDetails, CONFLICT_REASONS, type ConflictReason } from "../../shared/errors.js";
import { PROTOCOL_VERSION } from "../../shared/protocol.js";
import { makeIncident, makeStaff, makeUnit } from "../helpers/fixtures.js";
import { startServer, type Client, type Res, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;

beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
  coord = await server.as("koordinator");
});
afterAll(() => server.close());

const seen = new Set<ConflictReason>();
function expectConflict(res: Res, reason: ConflictReason): ConflictDetails {
  expect(res.status, JSON.stringify(res.body)).toBe(409);
  expect(res.body.error.code).toBe("conflict");
  const details = ConflictDetails.parse(res.body.error.details);
  expect(details.reason).toBe(reason);
  seen.add(reason);
  return details;
}

async function headOf(unit: { id: string; code: string }): Promise<Client> {
  const username = `kepala.${unit.code}`;
  expect((await coord.post("/users", { username, password: "kata-sandi-uji", role: "unit_head", unitId: unit.id })).status).toBe(201);
  return server.as(username, "kata-sandi-uji");
}

describe("409 reasons", () => {
  it("floor: a request that would leave the donor unit below its floor, with the floor in the details", async () => {
    const unit = await makeUnit(coord, { floor: 1 });
    const person = await makeStaff(coord, unit.id, ["medis"]);
    const incident = await makeIncident(coord, [{ skill: "medis", count: 1, priority: 3 }]);
    const details = expectConflict(await coord.post("/assignments", { staffId: person.id, needId: incident.needs[0]!.id }), "floor");
    expect(details).toMatchObject({ floor: 1, unitId: unit.id, staying: 1 });
  });

  it("already_open, covered, skill, unavailable: the request rules of invariant 1 and the need", async () => {
    const unit = await makeUnit(coord, { floor: 0 });
    const [a, b] = [await makeStaff(coord, unit.id, ["logistik"]), await makeStaff(coord, unit.id, ["logistik"])];
    const onLeave = await makeStaff(coord, unit.id, ["logistik"], { status: "leave" });
    const nurse = await makeStaff(coord, unit.id, ["keperawatan"]);
    const [one, two] = [await makeIncident(coord, [{ skill: "logistik", count: 1, priority: 3 }]), await makeIncident(coord, [{ skill: "logistik", count: 5, priority: 3 }])];
    expect((await coord.post("/assignments", { staffId: a.id, needId: one.needs[0]!.id })).status).toBe(201);
    expectConflict(await coord.post("/assignments", { staffId: a.id, needId: two.needs[0]!.id }), "already_open");
    expectConflict(await coord.post("/assignments", { staffId: b.id, needId: one.needs[0]!.id }), "covered");
    expectConflict(await coord.post("/assignments", { staffId: nurse.id, needId: two.needs[0]!.id }), "skill");
    expectConflict(await coord.post("/assignments", { staffId: onLeave.id, needId: two.needs[0]!.id }), "unavailable");
  });

  it("own_unit and site_closed: nobody goes to their own unit's spike; a closed incident takes nobody", async () => {
    const unit = await makeUnit(coord, { floor: 0 });
    const person = await makeStaff(coord, unit.id, ["administrasi"]);
    const spike = await coord.post(`/units/${unit.id}/spikes`, { reason: "Lonjakan", extraWorkload: 1, needs: [{ skill: "administrasi", count: 1, priority: 2 }] });
    expect(spike.status).toBe(201);
    expectConflict(await coord.post("/assignments", { staffId: person.id, needId: spike.body.needs[0].id }), "own_unit");
    const incident = await makeIncident(coord, [{ skill: "administrasi", count: 1, priority: 2 }]);
    expect((await coord.patch(`/incidents/${incident.id}`, { version: incident.version, status: "closed" })).status).toBe(200);
    expectConflict(await coord.post("/assignments", { staffId: person.id, needId: incident.needs[0]!.id }), "site_closed");
  });

  it("version: a stale edit, with the current version; wrong_state: a step from the wrong state, with the state", async () => {
    const incident = await makeIncident(coord, [{ skill: "sosial", count: 1, priority: 1 }]);
    expect((await coord.patch(`/incidents/${incident.id}`, { version: incident.version, title: "Banjir uji, diperbarui" })).status).toBe(200);
    const details = expectConflict(await coord.patch(`/incidents/${incident.id}`, { version: incident.version, title: "Basi" }), "version");
    expect(details.currentVersion).toBe(incident.version + 1);

    const unit = await makeUnit(coord, { floor: 0 });
    const person = await makeStaff(coord, unit.id, ["sosial"]);
    const asg = await coord.post("/assignments", { staffId: person.id, needId: incident.needs[0]!.id });
    expect(asg.status).toBe(201);
    const wrong = expectConflict(await coord.post(`/assignments/${asg.body.id}/complete`, {}), "wrong_state");
    expect(wrong.state).toBe("requested");
  });

  it("recall_pending, no_recall, open_assignment, already_released, need_held, in_use, unique", async () => {
    const unit = await makeUnit(coord, { floor: 0 });
    const head = await headOf(unit);
    const person = await makeStaff(coord, unit.id, ["teknik"]);
    const other = await makeStaff(coord, unit.id, ["teknik"]);
    const incident = await makeIncident(coord, [{ skill: "teknik", count: 2, priority: 2 }]);
    const asg = (await coord.post("/assignments", { staffId: person.id, needId: incident.needs[0]!.id })).body;
    const confirmed = (await head.post(`/assignments/${asg.id}/confirm`, { version: asg.version })).body;
    expectConflict(await coord.post(`/assignments/${asg.id}/recall-approve`, {}), "no_recall");
    expect((await head.post(`/assignments/${asg.id}/recall`, { version: confirmed.version, reason: "Dibutuhkan di unit" })).status).toBe(200);
    expectConflict(await head.post(`/assignments/${asg.id}/recall`, { reason: "Sekali lagi" }), "recall_pending");

    const staffNow = (await coord.get(`/staff/${person.id}`)).body;
    expectConflict(await coord.patch(`/staff/${person.id}`, { version: staffNow.version, status: "leave" }), "open_assignment");
    expectConflict(await coord.patch(`/incidents/${incident.id}`, { version: incident.version, needs: [] }), "need_held");

    const until = new Date(server.clock.now().getTime() + 86_400_000).toISOString();
    expect((await head.post(`/units/${unit.id}/releases`, { staffIds: [other.id], until })).status).toBe(201);
    expectConflict(await head.post(`/units/${unit.id}/releases`, { staffIds: [other.id], until }), "already_released");

    const current = (await coord.get(`/units/${unit.id}`)).body;
    expectConflict(await coord.del(`/units/${unit.id}`, { version: current.version }), "in_use");
    const taken = await coord.post("/units", {
      code: unit.code, name: "Kembar", kind: "dinas", location: { lat: -10.2, lng: 123.6 }, kelurahan: "53.71.02.1001", floor: 0, workload: 1,
    });
    expectConflict(taken, "unique");
  });

  it("protocol: a live client of another protocol version is refused at resume, with the server's version", async () => {
    const socket = io(server.url + "/live", { auth: { token: coord.token }, transports: ["websocket"], reconnection: false });
    try {
      await new Promise<void>((resolve, reject) => { socket.once("connect", () => resolve()); socket.once("connect_error", reject); });
      const ack = await socket.emitWithAck("resume", { since: null, protocolVersion: PROTOCOL_VERSION + 1 });
      expect(ack.ok).toBe(false);
      expectConflict({ status: 409, body: { error: ack.error } }, "protocol");
      expect(ack.error.details.protocolVersion).toBe(PROTOCOL_VERSION);
      const current = await socket.emitWithAck("resume", { since: null, protocolVersion: PROTOCOL_VERSION });
      expect(current.ok).toBe(true);
    } finally {
      socket.disconnect();
    }
  });

  it("every reason the services produce above is in the closed set", () => {
    for (const reason of seen) expect(CONFLICT_REASONS).toContain(reason);
    expect(seen.size).toBeGreaterThanOrEqual(17);
  });
});
