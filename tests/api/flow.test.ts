/**
 * The approval chain end to end over HTTP on the Maulafa seed: coordinator → unit head → staff,
 * with each role allowed only its own steps (invariant 6) and every step in the event log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;
let screen: Client;

interface StaffRow { id: string; nip: string; homeUnitId: string; skills: string[]; status: string; fatigueHours: number; phone?: string }
interface UnitRow { id: string; code: string; floor: number }

beforeAll(async () => {
  server = await startServer({ seed: "maulafa" });
  coord = await server.as("koordinator");
  screen = await server.as("layar");
});
afterAll(() => server.close());

async function pickPerson(skill: string): Promise<{ person: StaffRow; unit: UnitRow }> {
  const state = (await coord.get("/state")).body as { units: UnitRow[]; staff: StaffRow[] };
  for (const unit of state.units) {
    const people = state.staff.filter((s) => s.homeUnitId === unit.id && s.status === "available");
    const person = people.find((s) => s.skills.includes(skill));
    if (person && people.length > unit.floor + 1) return { person, unit };
  }
  throw new Error(`no spare ${skill} in the seed`);
}

describe("approval chain", () => {
  it("requested → confirmed (unit head) → active (staff) → completed, each step an event", async () => {
    const { person, unit } = await pickPerson("medis");
    const inc = await coord.post("/incidents", {
      type: "banjir", title: "Banjir Sikumana", severity: 4, location: { lat: -10.2, lng: 123.61 }, kelurahan: ["53.71.02.1008"],
      needs: [{ skill: "medis", count: 2, priority: 5 }],
    });
    expect(inc.status).toBe(201);
    const seqBefore = (await coord.get("/events?since=0&limit=1")).body.lastSeq as number;

    const req = await coord.post("/assignments", { staffId: person.id, needId: inc.body.needs[0].id });
    expect(req.status).toBe(201);
    expect(req.body.state).toBe("requested");
    const id = req.body.id as string;

    const kepala = await server.as(`kepala.${unit.code}`);
    const staff = await server.as(person.nip);
    // Out-of-order steps and wrong roles are refused and change nothing.
    expect((await staff.post(`/assignments/${id}/checkin`)).status).toBe(409);
    expect((await coord.post(`/assignments/${id}/confirm`)).status).toBe(403);
    expect((await screen.post(`/assignments/${id}/confirm`)).status).toBe(403);
    expect((await kepala.post(`/assignments/${id}/decline`, {})).status).toBe(400);

    const confirmed = await kepala.post(`/assignments/${id}/confirm`, { version: req.body.version });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.state).toBe("confirmed");
    // A stale version is a 409 carrying the current one.
    const stale = await kepala.post(`/assignments/${id}/confirm`, { version: req.body.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.currentVersion).toBe(confirmed.body.version);

    const active = await staff.post(`/assignments/${id}/checkin`);
    expect(active.body.state).toBe("active");
    expect((await coord.get(`/staff/${person.id}`)).body.status).toBe("deployed");
    server.clock.advance(5 * 3600_000);
    const done = await staff.post(`/assignments/${id}/complete`);
    expect(done.body.state).toBe("completed");
    const after = (await coord.get(`/staff/${person.id}`)).body as StaffRow;
    expect(after.status).toBe("available");
    // Five hours in the field count as fatigue.
    expect(after.fatigueHours).toBeCloseTo(Math.min(336, person.fatigueHours + 5), 1);

    const events = (await coord.get(`/events?since=${seqBefore}`)).body.events as { seq: number; type: string; data: { id: string } }[];
    expect(events.map((e) => e.type)).toEqual([
      "assignment.created", "assignment.confirmed", "assignment.active", "staff.updated", "assignment.completed", "staff.updated",
    ]);
    events.forEach((e, i) => expect(e.seq).toBe(seqBefore + 1 + i));
    expect(done.body.history.map((h: { state: string }) => h.state)).toEqual(["requested", "confirmed", "active", "completed"]);
  });

  it("a unit head may not act on another unit's people; decline needs a reason; recall needs the coordinator", async () => {
    const { person, unit } = await pickPerson("keperawatan");
    const inc = await coord.post("/incidents", {
      type: "tanah_longsor", title: "Longsor Kolhua", severity: 3, location: { lat: -10.23, lng: 123.64 }, needs: [{ skill: "keperawatan", count: 1, priority: 4 }],
    });
    const req = await coord.post("/assignments", { staffId: person.id, needId: inc.body.needs[0].id });
    const state = (await coord.get("/state")).body as { units: UnitRow[] };
    const other = state.units.find((u) => u.id !== unit.id)!;
    const otherHead = await server.as(`kepala.${other.code}`);
    expect((await otherHead.post(`/assignments/${req.body.id}/confirm`)).status).toBe(403);
    expect((await otherHead.post(`/units/${unit.id}/releases`, { staffIds: [person.id], until: "2030-01-01T00:00:00Z" })).status).toBe(403);

    const kepala = await server.as(`kepala.${unit.code}`);
    await kepala.post(`/assignments/${req.body.id}/confirm`);
    const recall = await kepala.post(`/assignments/${req.body.id}/recall`, { reason: "Puskesmas kewalahan" });
    expect(recall.status).toBe(200);
    expect(recall.body.state).toBe("confirmed");
    expect(recall.body.recallRequested.reason).toBe("Puskesmas kewalahan");
    const approved = await coord.post(`/assignments/${req.body.id}/recall-approve`);
    expect(approved.body.state).toBe("recalled");
  });

  it("phones reach only who may see them: never the screen, never the event log", async () => {
    const screenState = (await screen.get("/state")).body as { staff: StaffRow[] };
    expect(screenState.staff.length).toBeGreaterThan(500);
    expect(screenState.staff.some((s) => "phone" in s)).toBe(false);
    const coordState = (await coord.get("/state")).body as { staff: StaffRow[] };
    expect(coordState.staff.some((s) => typeof s.phone === "string")).toBe(true);
    const log = (await screen.get("/events?since=0&limit=5000")).body.events as { data: Record<string, unknown> }[];
    expect(log.length).toBeGreaterThan(500);
    expect(log.some((e) => e.data && "phone" in e.data)).toBe(false);
  });

  it("a screen is read-only", async () => {
    expect((await screen.get("/state")).status).toBe(200);
    expect((await screen.post("/incidents", { type: "banjir", title: "x", severity: 1, location: { lat: -10, lng: 123 } })).status).toBe(403);
    expect((await screen.post("/plans")).status).toBe(403);
  });
});

describe("plans from the current state", () => {
  it("a spike's unit does not lend its own staff to itself; approval makes requests; a taken person fails their line", async () => {
    const state = (await coord.get("/state")).body as { units: (UnitRow & { kind: string })[] };
    const pkm = state.units.find((u) => u.code === "pkm-sikumana")!;
    const spike = await coord.post(`/units/${pkm.id}/spikes`, { reason: "Pasien diare", extraWorkload: 6, needs: [{ skill: "keperawatan", count: 3, priority: 5 }] });
    expect(spike.status).toBe(201);
    const created = await coord.post("/plans");
    expect(created.status).toBe(201);
    const lines = created.body.result.assignments as { staffId: string; needId: string; explain: { unitId: string } }[];
    const spikeLines = lines.filter((l) => l.needId === spike.body.needs[0].id);
    expect(spikeLines).toHaveLength(3);
    expect(spikeLines.every((l) => l.explain.unitId !== pkm.id)).toBe(true);
    expect((await coord.get(`/plans/${created.body.id}`)).body.result.objective).toBe(created.body.result.objective);

    // Someone takes the first line's person before approval: only that line fails.
    const [first, ...rest] = spikeLines;
    const manual = await coord.post("/assignments", { staffId: first!.staffId, needId: first!.needId });
    expect(manual.status).toBe(201);
    const approved = await coord.post(`/plans/${created.body.id}/approve`, { staffIds: [first!.staffId, ...rest.map((l) => l.staffId), "stf-not-in-plan"] });
    expect(approved.status).toBe(200);
    expect(approved.body.approved).toHaveLength(2);
    expect(approved.body.approved.every((a: { state: string; planId: string }) => ["requested", "confirmed"].includes(a.state) && a.planId === created.body.id)).toBe(true);
    expect(approved.body.failed).toEqual(expect.arrayContaining([
      { staffId: first!.staffId, reason: expect.stringMatching(/open assignment|fully covered/), code: "conflict", conflict: expect.stringMatching(/^(already_open|covered)$/) },
      { staffId: "stf-not-in-plan", reason: "not in this plan", code: "not_found" },
    ]));
  });
});

describe("spikes", () => {
  it("a spike past its `until` no longer draws people, in plans or by hand", async () => {
    const state = (await coord.get("/state")).body as { units: UnitRow[] };
    const pkm = state.units.find((u) => u.code === "pkm-penfui")!;
    const until = new Date(server.clock.now().getTime() + 3600_000).toISOString();
    const spike = await coord.post(`/units/${pkm.id}/spikes`, { reason: "Vaksinasi massal", extraWorkload: 2, until, needs: [{ skill: "kesehatan_masyarakat", count: 1, priority: 2 }] });
    expect(spike.status).toBe(201);
    const needId = spike.body.needs[0].id as string;
    const linesFor = async () => ((await coord.post("/plans")).body.result.assignments as { needId: string }[]).filter((l) => l.needId === needId);
    expect(await linesFor()).toHaveLength(1);
    server.clock.advance(2 * 3600_000);
    expect(await linesFor()).toHaveLength(0);
    const { person } = await pickPerson("kesehatan_masyarakat");
    const late = await coord.post("/assignments", { staffId: person.id, needId });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/ended/);
  });
});
