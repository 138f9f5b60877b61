/**
 * Invariants 1 and 2 through the HTTP API, with requests racing for real over sockets:
 * the store serialises the checks and writes, so exactly the allowed number succeed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIncident, makeStaff, makeUnit } from "../helpers/fixtures.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;

beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
  coord = await server.as("koordinator");
});
afterAll(() => server.close());

describe("invariants under concurrency", () => {
  it("[I1] 50 concurrent requests for the same person: exactly one succeeds, the rest get 409", async () => {
    const unit = await makeUnit(coord, { floor: 0 });
    const person = await makeStaff(coord, unit.id, ["medis"]);
    const incidents = await Promise.all(Array.from({ length: 5 }, () => makeIncident(coord, [{ skill: "medis", count: 20, priority: 5 }])));
    const needIds = incidents.map((i) => i.needs[0]!.id);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => coord.post("/assignments", { staffId: person.id, needId: needIds[i % needIds.length] })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const all = (await coord.get("/assignments")).body as { staffId: string; state: string }[];
    expect(all.filter((a) => a.staffId === person.id && ["requested", "confirmed", "active"].includes(a.state))).toHaveLength(1);
  });

  it("[I2] 50 concurrent requests for different people of one unit never break its floor", async () => {
    const unit = await makeUnit(coord, { floor: 7 });
    const people: { id: string }[] = [];
    for (let i = 0; i < 12; i++) people.push(await makeStaff(coord, unit.id, ["logistik"]));
    const incident = await makeIncident(coord, [{ skill: "logistik", count: 50, priority: 4 }]);
    const needId = incident.needs[0]!.id;
    // 12 people, floor 7: at most 5 may go. Each person is asked for 4 or 5 times over.
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => coord.post("/assignments", { staffId: people[i % 12]!.id, needId })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const floorRefusals = results.filter((r) => r.status === 409 && /floor/.test(r.body.error.message));
    expect(floorRefusals.length).toBeGreaterThan(0);
    const open = ((await coord.get("/assignments")).body as { fromUnitId: string; state: string }[])
      .filter((a) => a.fromUnitId === unit.id && a.state === "requested");
    expect(open).toHaveLength(5);
  });

  it("[I2] released staff are outside the floor and are confirmed at once", async () => {
    const unit = await makeUnit(coord, { floor: 2 });
    const people: { id: string }[] = [];
    for (let i = 0; i < 3; i++) people.push(await makeStaff(coord, unit.id, ["dapur_umum"]));
    const head = await coord.post("/users", { username: `kepala.${unit.code}`, password: "kata-sandi-uji", role: "unit_head", unitId: unit.id });
    expect(head.status).toBe(201);
    const kepala = await server.as(`kepala.${unit.code}`, "kata-sandi-uji");
    const until = new Date(server.clock.now().getTime() + 86_400_000).toISOString();
    const rel = await kepala.post(`/units/${unit.id}/releases`, { staffIds: [people[0]!.id, people[1]!.id], until });
    expect(rel.status).toBe(201);
    const incident = await makeIncident(coord, [{ skill: "dapur_umum", count: 3, priority: 3 }]);
    const needId = incident.needs[0]!.id;
    const a = await coord.post("/assignments", { staffId: people[0]!.id, needId });
    const b = await coord.post("/assignments", { staffId: people[1]!.id, needId });
    expect([a.body.state, b.body.state]).toEqual(["confirmed", "confirmed"]);
    // The third is not released: taking them would leave 0 < floor 2.
    const c = await coord.post("/assignments", { staffId: people[2]!.id, needId });
    expect(c.status).toBe(409);
    expect(c.body.error.message).toMatch(/floor/);
  });
});
