/**
 * Relief before fatigue (issue 15): at check-in the person gets restAt (shift, 14-day limit or planned end,
 * whichever first); before it the sweep proposes a relief plan for the same need with a fresh person, one
 * assignment.relief_due; approving it sends the tired person to rest as the fresh one is requested.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Assignment, Incident, Staff, Unit } from "../../shared/domain.js";
import { restAtFor } from "../../shared/rules.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

const SETTINGS = { shiftHours: 8, fatigueLimitHours: 112, reliefLeadMin: 60 };
const HOUR = 3600_000;
let server: TestServer;
let coord: Client;
let incident: Incident;
let tired: Assignment;

beforeAll(async () => {
  server = await startServer({ seed: "maulafa", settings: SETTINGS });
  coord = await server.as("koordinator");
  const state = (await coord.get("/state")).body as { units: Unit[]; staff: Staff[] };
  incident = (await coord.post("/incidents", { type: "banjir", title: "Banjir uji pergantian", severity: 4, location: { lat: -10.2, lng: 123.61 }, needs: [{ skill: "keperawatan", count: 1, priority: 4 }] })).body;
  const plan = (await coord.post("/plans", {})).body;
  const until = new Date(server.clock.now().getTime() + 48 * HOUR).toISOString();
  const approved = (await coord.post(`/plans/${plan.id}/approve`, { until })).body.approved as Assignment[];
  expect(approved).toHaveLength(1);
  tired = approved[0]!;
  expect(tired.until).toBe(until);
  if (tired.state === "requested") {
    const head = await server.as(`kepala.${state.units.find((u) => u.id === tired.fromUnitId)!.code}`);
    expect((await head.post(`/assignments/${tired.id}/confirm`)).status).toBe(200);
  }
});
afterAll(() => server?.close());

describe("end and relief", () => {
  it("[L1] the coordinator sets the planned end by hand: one until_set event; a past end is a 400, a unit head a 403", async () => {
    const before = (await coord.get("/state")).body.seq as number;
    const until = new Date(server.clock.now().getTime() + 24 * HOUR).toISOString();
    const res = await coord.post(`/assignments/${tired.id}/until`, { until });
    expect(res.status).toBe(200);
    expect(res.body.until).toBe(until);
    const events = (await coord.get(`/events?since=${before}`)).body.events as { type: string }[];
    expect(events.map((e) => e.type)).toEqual(["assignment.until_set"]);
    const past = await coord.post(`/assignments/${tired.id}/until`, { until: new Date(server.clock.now().getTime() - HOUR).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.error.details[0]).toMatchObject({ path: "until", reason: "past" });
    const head = await server.as(`kepala.${((await coord.get(`/units/${tired.fromUnitId}`)).body as Unit).code}`);
    expect((await head.post(`/assignments/${tired.id}/until`, { until })).status).toBe(403);
  });

  it("[L2] check-in gives restAt; the relief plan comes reliefLeadMin before it, for the same need, with a fresh person, once", async () => {
    const person = (await coord.get(`/staff/${tired.staffId}`)).body as Staff;
    const checkin = await coord.post(`/assignments/${tired.id}/checkin`);
    expect(checkin.status).toBe(200);
    const restAt = checkin.body.restAt as string;
    expect(restAt).toBe(restAtFor(server.clock.now().getTime(), person.fatigueHours, checkin.body.until, SETTINGS));
    expect(Date.parse(restAt) - server.clock.now().getTime()).toBeLessThanOrEqual(8 * HOUR);

    server.clock.advance(Date.parse(restAt) - server.clock.now().getTime() - 61 * 60_000);
    expect((await server.app.sweeps.run()).reliefs).toBe(0);
    server.clock.advance(2 * 60_000);
    const before = (await coord.get("/state")).body.seq as number;
    expect((await server.app.sweeps.run()).reliefs).toBe(1);
    expect((await server.app.sweeps.run()).reliefs).toBe(0);
    const a = (await coord.get(`/assignments/${tired.id}`)).body as Assignment;
    expect(a.reliefDueAt).toBe(server.clock.now().toISOString());
    const events = (await coord.get(`/events?since=${before}`)).body.events as { type: string; data: { id: string } }[];
    expect(events.map((e) => e.type)).toEqual(["plan.created", "assignment.relief_due"]);
    const plan = (await coord.get(`/plans/${a.reliefPlanId}`)).body;
    expect(plan.relief).toEqual({ assignmentId: tired.id });
    expect(plan.result.assignments).toHaveLength(1);
    const line = plan.result.assignments[0];
    expect(line.needId).toBe(tired.needId);
    expect(line.staffId).not.toBe(tired.staffId);
    const fresh = (await coord.get(`/staff/${line.staffId}`)).body as Staff;
    expect(fresh.fatigueHours + SETTINGS.shiftHours).toBeLessThanOrEqual(SETTINGS.fatigueLimitHours);
  });

  it("[L3] approving the relief requests the fresh person and sends the tired one to rest, their hours counted", async () => {
    const a = (await coord.get(`/assignments/${tired.id}`)).body as Assignment;
    const was = (await coord.get(`/staff/${tired.staffId}`)).body as Staff;
    const res = await coord.post(`/plans/${a.reliefPlanId}/approve`, {});
    expect(res.status).toBe(200);
    expect(res.body.failed).toEqual([]);
    expect(res.body.approved).toHaveLength(1);
    const ended = (await coord.get(`/assignments/${tired.id}`)).body as Assignment;
    expect(ended.state).toBe("completed");
    expect(ended.history.at(-1)).toMatchObject({ state: "completed", reason: "relieved" });
    const rested = (await coord.get(`/staff/${tired.staffId}`)).body as Staff;
    expect(rested.status).toBe("available");
    expect(rested.fatigueHours).toBeGreaterThan(was.fatigueHours);
    // Nothing left to relieve.
    expect((await server.app.sweeps.run()).reliefs).toBe(0);
  });
});
