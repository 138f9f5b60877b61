/**
 * One load formula (shared/rules.ts unitLoad over present staff): for the same state, the map's per-unit
 * load (client/model/derive.ts, from the live snapshot) equals the planner's `loadByUnit.before` of a plan
 * computed from that state, with people requested, confirmed, checked in, on leave, released, and a spike.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { LiveStore } from "../../client/live/store.js";
import { unitAggregates } from "../../client/model/derive.js";
import { StateSnapshot } from "../../shared/entities.js";
import { makeIncident, makeStaff, makeUnit } from "../helpers/fixtures.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;
beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
  coord = await server.as("koordinator");
});
afterAll(() => server.close());

it("the map and the planner show the same load for the same unit", async () => {
  const donor = await makeUnit(coord, { floor: 0, workload: 6 });
  const other = await makeUnit(coord, { floor: 0, workload: 3 });
  const people = [];
  for (let i = 0; i < 6; i++) people.push(await makeStaff(coord, donor.id, ["logistik"]));
  await makeStaff(coord, donor.id, ["logistik"], { status: "leave" });
  for (let i = 0; i < 2; i++) await makeStaff(coord, other.id, ["logistik"]);
  expect((await coord.post(`/units/${other.id}/spikes`, { reason: "Lonjakan", extraWorkload: 2, needs: [] })).status).toBe(201);
  const incident = await makeIncident(coord, [{ skill: "logistik", count: 10, priority: 3 }]);
  const needId = incident.needs[0]!.id;
  // requested, confirmed (by the unit head) and checked in: none of them is present at the unit any more.
  const head = `kepala.${donor.code}`;
  expect((await coord.post("/users", { username: head, password: "kata-sandi-uji", role: "unit_head", unitId: donor.id })).status).toBe(201);
  const kepala = await server.as(head, "kata-sandi-uji");
  const asg = [];
  for (const p of people.slice(0, 3)) asg.push((await coord.post("/assignments", { staffId: p.id, needId })).body);
  const confirmed = (await kepala.post(`/assignments/${asg[1].id}/confirm`, { version: asg[1].version })).body;
  const c2 = (await kepala.post(`/assignments/${asg[2].id}/confirm`, { version: asg[2].version })).body;
  expect((await coord.post(`/assignments/${asg[2].id}/checkin`, { version: c2.version })).status).toBe(200);
  expect(confirmed.state).toBe("confirmed");
  // A released person still counts as present (a release only puts them outside the floor).
  const until = new Date(server.clock.now().getTime() + 86_400_000).toISOString();
  expect((await kepala.post(`/units/${donor.id}/releases`, { staffIds: [people[3]!.id], until })).status).toBe(201);

  const snapshot = StateSnapshot.parse((await coord.get("/state")).body);
  const store = new LiveStore();
  store.applySnapshot(snapshot, snapshot.seq);
  const st = store.getState()!;
  const map = unitAggregates(st.units, st.staff, st.spikes, st.assignments, server.clock.now().getTime());
  const plan = await coord.post("/plans", {});
  expect(plan.status).toBe(201);
  const planner = plan.body.result.metrics.loadByUnit as Record<string, { before: number }>;
  for (const unitId of [donor.id, other.id]) expect(map.get(unitId)!.load, unitId).toBeCloseTo(planner[unitId]!.before, 12);
  expect(map.get(donor.id)!.load).toBeCloseTo(6 / 3, 12); // six people, three held, one on leave: three present
  expect(map.get(other.id)!.load).toBeCloseTo((3 + 2) / 2, 12);
});
