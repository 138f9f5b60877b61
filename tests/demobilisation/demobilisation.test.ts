/**
 * The way home (issue 15): a contained incident's demobilisation lists everyone still deployed there, most
 * loaded home unit first (shared/rules.ts unitLoad); demobilising completes them in that order, one
 * event each, with endedAt, and their hours on site count as fatigue.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Assignment, DemandSpike, Incident, Staff, Unit } from "../../shared/domain.js";
import { isPresent, isOpen, spikeInForce, unitLoad } from "../../shared/rules.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;
let incident: Incident;
let approved: Assignment[];

beforeAll(async () => {
  server = await startServer({ seed: "maulafa" });
  coord = await server.as("koordinator");
  incident = (await coord.post("/incidents", {
    type: "banjir", title: "Banjir uji pemulangan", severity: 4, location: { lat: -10.2, lng: 123.61 },
    needs: [{ skill: "logistik", count: 4, priority: 4 }, { skill: "dapur_umum", count: 3, priority: 3 }, { skill: "keperawatan", count: 2, priority: 3 }],
  })).body;
  const plan = (await coord.post("/plans", {})).body;
  approved = (await coord.post(`/plans/${plan.id}/approve`, {})).body.approved;
  expect(approved.length).toBeGreaterThanOrEqual(4);
  const units = ((await coord.get("/state")).body as { units: Unit[] }).units;
  // Confirm all, check in half; one stays requested (not deployed, not on the list).
  for (const [i, a] of approved.entries()) {
    if (i === approved.length - 1) continue;
    if (a.state === "requested") {
      const head = await server.as(`kepala.${units.find((u) => u.id === a.fromUnitId)!.code}`);
      expect((await head.post(`/assignments/${a.id}/confirm`)).status).toBe(200);
    }
    if (i % 2 === 0) expect((await coord.post(`/assignments/${a.id}/checkin`)).status).toBe(200);
  }
  // A spike at one donor unit makes it the most loaded.
  expect((await coord.post(`/units/${approved[1]!.fromUnitId}/spikes`, { reason: "Lonjakan pasien", extraWorkload: 40 })).status).toBe(201);
  server.clock.advance(6 * 3600_000);
});
afterAll(() => server?.close());

function loadsOf(state: { units: Unit[]; staff: Staff[]; assignments: Assignment[]; spikes: DemandSpike[] }, now: number) {
  const held = new Set(state.assignments.filter(isOpen).map((a) => a.staffId));
  return new Map(state.units.map((u) => {
    const extra = state.spikes.filter((s) => s.unitId === u.id && spikeInForce(s, now)).reduce((n, s) => n + s.extraWorkload, 0);
    const present = state.staff.filter((s) => s.homeUnitId === u.id && isPresent(s, held.has(s.id))).length;
    return [u.id, unitLoad(u.workload + extra, present)];
  }));
}

describe("demobilisation", () => {
  it("[D1] is refused with 409 not_contained while the incident is active", async () => {
    const res = await coord.get(`/incidents/${incident.id}/demobilisation`);
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({ reason: "not_contained", state: "active" });
    expect((await coord.post(`/incidents/${incident.id}/demobilise`, {})).status).toBe(409);
  });

  it("[D2] lists everyone confirmed or on site, most loaded home unit first, with that unit's load", async () => {
    const patched = await coord.patch(`/incidents/${incident.id}`, { version: (await coord.get(`/incidents/${incident.id}`)).body.version, status: "contained" });
    expect(patched.status).toBe(200);
    const state = (await coord.get("/state")).body;
    const deployed = (state.assignments as Assignment[]).filter((a) => a.siteId === incident.id && (a.state === "confirmed" || a.state === "active"));
    const { lines } = (await coord.get(`/incidents/${incident.id}/demobilisation`)).body as { lines: { assignmentId: string; staffId: string; homeUnitId: string; homeLoad: number }[] };
    expect(lines.map((l) => l.assignmentId).sort()).toEqual(deployed.map((a) => a.id).sort());
    const loads = loadsOf(state, server.clock.now().getTime());
    for (const l of lines) expect(l.homeLoad).toBeCloseTo(loads.get(l.homeUnitId)!, 9);
    for (let i = 1; i < lines.length; i++) expect(lines[i - 1]!.homeLoad).toBeGreaterThanOrEqual(lines[i]!.homeLoad);
    expect(lines[0]!.homeUnitId).toBe(approved[1]!.fromUnitId);
    const screen = await server.as("layar");
    expect((await screen.get(`/incidents/${incident.id}/demobilisation`)).body).toEqual({ lines });
  });

  it("[D3] demobilising some, then the rest, completes them in that order with one assignment event each, endedAt and fatigue", async () => {
    const { lines } = (await coord.get(`/incidents/${incident.id}/demobilisation`)).body as { lines: { assignmentId: string; staffId: string }[] };
    const before = (await coord.get("/state")).body as { seq: number; staff: Staff[]; assignments: Assignment[] };
    expect((await coord.post(`/incidents/${incident.id}/demobilise`, { assignmentIds: ["asg-nope"] })).body.error.details[0]).toMatchObject({ path: "assignmentIds.0", reason: "not_deployed" });
    expect((await (await server.as("layar")).post(`/incidents/${incident.id}/demobilise`, {})).status).toBe(403);
    expect((await coord.get("/state")).body.seq).toBe(before.seq); // refused: nothing changed

    const first = await coord.post(`/incidents/${incident.id}/demobilise`, { assignmentIds: [lines[1]!.assignmentId] });
    expect(first.status).toBe(200);
    expect(first.body.completed.map((a: Assignment) => a.id)).toEqual([lines[1]!.assignmentId]);
    const rest = await coord.post(`/incidents/${incident.id}/demobilise`, {});
    expect(rest.body.completed.map((a: Assignment) => a.id)).toEqual(lines.filter((_, i) => i !== 1).map((l) => l.assignmentId));
    const now = server.clock.now().toISOString();
    for (const a of [...first.body.completed, ...rest.body.completed] as Assignment[]) {
      expect(a.state).toBe("completed");
      expect(a.endedAt).toBe(now);
      expect(a.history.at(-1)).toMatchObject({ state: "completed", by: "koordinator", reason: "demobilised" });
    }
    const events = (await coord.get(`/events?since=${before.seq}&limit=1000`)).body.events as { type: string; data: { id: string } }[];
    const completions = events.filter((e) => e.type === "assignment.completed").map((e) => e.data.id);
    expect(completions).toEqual([lines[1]!.assignmentId, ...lines.filter((_, i) => i !== 1).map((l) => l.assignmentId)]);
    // Those on site come home rested no more: six hours count as fatigue; all are available again.
    const after = (await coord.get("/state")).body as { staff: Staff[] };
    for (const a of before.assignments.filter((x) => lines.some((l) => l.assignmentId === x.id))) {
      const was = before.staff.find((s) => s.id === a.staffId)!;
      const is = after.staff.find((s) => s.id === a.staffId)!;
      expect(is.status).toBe("available");
      expect(is.fatigueHours).toBeCloseTo(was.fatigueHours + (a.state === "active" ? 6 : 0), 5);
    }
    expect((await coord.get(`/incidents/${incident.id}/demobilisation`)).body.lines).toEqual([]);
  });
});
