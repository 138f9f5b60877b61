/**
 * Escalation (issue 15), two stages: an unanswered request goes to the unit's Plh once
 * SIAGA_ESCALATE_AFTER_MIN has passed on the injected clock (escalatedAt), and to the coordinator another
 * SIAGA_ESCALATE_AFTER_MIN later (straight there when the unit has no stand-in); exactly one
 * assignment.escalated event per stage, also across restarts and with three processes on one store; the
 * coordinator may confirm for the unit, with a reason, only at the coordinator stage.
 */
import { afterEach, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { ROOT } from "../helpers/process.js";
import type { Assignment, Incident, Staff, Unit } from "../../shared/domain.js";
import { escalationDue, transitionBlock } from "../../shared/rules.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";
import { join } from "node:path";

let server: TestServer | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const MIN = 60_000;

/** A request for one available person of `unitOf` (default: the first puskesmas, which has the seed's Plh), to a fresh incident needing their skill. */
async function setup(s: TestServer, unitOf: (units: Unit[]) => Unit = (units) => units.find((u) => u.kind === "puskesmas")!) {
  const coord = await s.as("koordinator");
  const state = (await coord.get("/state")).body as { units: Unit[]; staff: Staff[]; assignments: Assignment[] };
  const unit = unitOf(state.units);
  const busy = new Set(state.assignments.filter((a) => ["requested", "confirmed", "active"].includes(a.state)).map((a) => a.staffId));
  const person = state.staff.find((p) => p.homeUnitId === unit.id && p.status === "available" && !busy.has(p.id))!;
  const inc = (await coord.post("/incidents", { type: "banjir", title: "Banjir uji eskalasi", severity: 3, location: { lat: -10.2, lng: 123.61 }, needs: [{ skill: person.skills[0], count: 3, priority: 3 }] })).body as Incident;
  const res = await coord.post("/assignments", { staffId: person.id, needId: inc.needs[0]!.id });
  expect(res.status).toBe(201);
  return { coord, unit, asg: res.body as Assignment };
}

async function escalations(c: Client, id: string) {
  const events = (await c.get("/events?since=0&limit=5000")).body.events as { type: string; data: Assignment }[];
  return events.filter((e) => e.type === "assignment.escalated" && e.data.id === id);
}
/** The stages the log's escalation events of this assignment name, in order. */
async function stages(c: Client, id: string) {
  return (await escalations(c, id)).map((e) => e.data.escalationStage);
}

describe("escalation of unanswered requests", () => {
  it("[E1] stand-in after SIAGA_ESCALATE_AFTER_MIN, coordinator after another; one event per stage, however often the sweep runs", async () => {
    server = await startServer({ seed: "maulafa", settings: { escalateAfterMin: 10 } });
    const { coord, unit, asg } = await setup(server);
    server.clock.advance(9 * MIN);
    await server.app.sweeps.run();
    expect((await coord.get(`/assignments/${asg.id}`)).body.escalatedAt).toBeUndefined();
    server.clock.advance(2 * MIN);
    const firstAt = server.clock.now().toISOString();
    expect((await server.app.sweeps.run()).escalated).toBe(1);
    for (let i = 0; i < 3; i++) expect((await server.app.sweeps.run()).escalated).toBe(0);
    let after = (await coord.get(`/assignments/${asg.id}`)).body as Assignment;
    expect(after).toMatchObject({ escalatedAt: firstAt, escalatedTo: `plh.${unit.code}`, escalationStage: "stand_in", state: "requested" });
    expect(await stages(coord, asg.id)).toEqual(["stand_in"]);

    // Another SIAGA_ESCALATE_AFTER_MIN counted from the first stage, not from the request.
    server.clock.advance(9 * MIN);
    expect((await server.app.sweeps.run()).escalated).toBe(0);
    expect(((await coord.get(`/assignments/${asg.id}`)).body as Assignment).escalationStage).toBe("stand_in");
    server.clock.advance(2 * MIN);
    expect((await server.app.sweeps.run()).escalated).toBe(1);
    for (let i = 0; i < 3; i++) expect((await server.app.sweeps.run()).escalated).toBe(0);
    after = (await coord.get(`/assignments/${asg.id}`)).body as Assignment;
    // escalatedAt keeps the first stage's time; escalatedTo still names the stand-in it went to first.
    expect(after).toMatchObject({ escalatedAt: firstAt, escalatedTo: `plh.${unit.code}`, escalationStage: "coordinator", state: "requested" });
    expect(await stages(coord, asg.id)).toEqual(["stand_in", "coordinator"]);
  });

  it("[E2] goes to the unit's Plh first, who may confirm like the head; an answered request is never escalated", async () => {
    server = await startServer({ seed: "maulafa" });
    const { coord, unit, asg } = await setup(server);
    server.clock.advance(31 * MIN);
    await server.app.sweeps.run();
    expect(((await coord.get(`/assignments/${asg.id}`)).body as Assignment).escalatedTo).toBe(`plh.${unit.code}`);
    const plh = await server.as(`plh.${unit.code}`);
    expect(plh.user).toMatchObject({ role: "unit_head", unitId: unit.id, acting: "plh" });
    expect((await plh.post(`/assignments/${asg.id}/confirm`)).status).toBe(200);

    // A unit without a stand-in: straight to the coordinator, in one stage; a Plh named later gets the next one.
    const other = await setup(server, (units) => units.find((u) => u.kind === "kelurahan")!);
    server.clock.advance(31 * MIN);
    await server.app.sweeps.run();
    const bare = (await coord.get(`/assignments/${other.asg.id}`)).body as Assignment;
    expect(bare.escalatedAt).toBeDefined();
    expect(bare.escalatedTo).toBeUndefined();
    expect(bare.escalationStage).toBe("coordinator");
    expect(await stages(coord, other.asg.id)).toEqual(["coordinator"]);
    server.clock.advance(31 * MIN);
    expect((await server.app.sweeps.run()).escalated).toBe(0);
    const made = await coord.post("/users", { username: "plh.uji", password: "kata-sandi-plh-1", role: "unit_head", unitId: other.unit.id, acting: "plh" });
    expect(made.status).toBe(201);
    expect(made.body.acting).toBe("plh");
    expect((await coord.post("/users", { username: "plh.salah", password: "kata-sandi-plh-1", role: "screen", acting: "plh" })).status).toBe(400);
    const next = await setup(server, () => other.unit);
    server.clock.advance(31 * MIN);
    await server.app.sweeps.run();
    expect((await coord.get(`/assignments/${next.asg.id}`)).body).toMatchObject({ escalatedTo: "plh.uji", escalationStage: "stand_in" });

    // A request answered in time stays unescalated.
    const answered = await setup(server);
    expect((await plh.post(`/assignments/${answered.asg.id}/confirm`)).status).toBe(200);
    server.clock.advance(60 * MIN);
    await server.app.sweeps.run();
    expect((await coord.get(`/assignments/${answered.asg.id}`)).body.escalatedAt).toBeUndefined();
  });

  it("[E3] the coordinator confirms for the unit only once escalated to the coordinator, and only with a reason, which the history keeps", async () => {
    server = await startServer({ seed: "maulafa" });
    const { coord, unit, asg } = await setup(server);
    const early = await coord.post(`/assignments/${asg.id}/confirm-for-unit`, { reason: "Kepala unit di lapangan" });
    expect(early.status).toBe(409);
    expect(early.body.error.details.reason).toBe("not_escalated");
    // With the stand-in: still the unit's to answer, and the coordinator is not offered the step.
    server.clock.advance(31 * MIN);
    await server.app.sweeps.run();
    const withPlh = await coord.post(`/assignments/${asg.id}/confirm-for-unit`, { reason: "Kepala unit di lapangan" });
    expect(withPlh.status).toBe(409);
    expect(withPlh.body.error.details.reason).toBe("not_escalated");
    expect(((await coord.get(`/assignments/${asg.id}`)).body as Assignment).state).toBe("requested");
    server.clock.advance(31 * MIN);
    await server.app.sweeps.run();
    expect(((await coord.get(`/assignments/${asg.id}`)).body as Assignment).escalationStage).toBe("coordinator");
    const head = await server.as(`kepala.${unit.code}`);
    expect((await head.post(`/assignments/${asg.id}/confirm-for-unit`, { reason: "x" })).status).toBe(403);
    const noReason = await coord.post(`/assignments/${asg.id}/confirm-for-unit`, {});
    expect(noReason.status).toBe(400);
    const ok = await coord.post(`/assignments/${asg.id}/confirm-for-unit`, { reason: "Kepala unit di lapangan, tidak dapat dihubungi" });
    expect(ok.status).toBe(200);
    expect(ok.body.state).toBe("confirmed");
    expect(ok.body.history.at(-1)).toMatchObject({ state: "confirmed", by: "koordinator", reason: "Kepala unit di lapangan, tidak dapat dihubungi" });
  });

  it("[E4] across restarts: each stage due while the server was down is written once after it, and not again after another restart", async () => {
    server = await startServer({ seed: "maulafa" });
    const { asg } = await setup(server);
    await server.restart(() => { server!.clock.advance(45 * MIN); });
    await server.app.sweeps.run();
    await server.restart();
    await server.app.sweeps.run();
    let coord = await server.as("koordinator");
    expect((await coord.get(`/assignments/${asg.id}`)).body).toMatchObject({ escalationStage: "stand_in" });
    expect(await stages(coord, asg.id)).toEqual(["stand_in"]);
    await server.restart(() => { server!.clock.advance(45 * MIN); });
    await server.app.sweeps.run();
    await server.restart();
    await server.app.sweeps.run();
    coord = await server.as("koordinator");
    expect((await coord.get(`/assignments/${asg.id}`)).body).toMatchObject({ escalationStage: "coordinator" });
    expect(await stages(coord, asg.id)).toEqual(["stand_in", "coordinator"]);
  });

  it("[E5] two more processes on the same store, sweeping at the same time as this one, write each stage's event exactly once", async () => {
    server = await startServer({ seed: "maulafa" });
    const { coord, asg } = await setup(server);
    const file = join(server.dir, "siaga.sqlite");
    const child = () => {
      const proc = spawn(process.execPath, ["--import", "tsx", "tests/escalation/sweep-child.ts", file, server!.clock.now().toISOString(), "3"], { cwd: ROOT });
      let out = "";
      const ready = new Promise<void>((resolve) => proc.stdout.on("data", (chunk: Buffer) => { out += chunk; if (out.includes("ready\n")) resolve(); }));
      const done = new Promise<number>((resolve, reject) => proc.once("exit", (code) => code === 0 ? resolve((JSON.parse(out.trim().split("\n").at(-1)!) as { escalated: number }).escalated) : reject(new Error(`child exit ${code}: ${out}`))));
      return { proc, ready, done };
    };
    /** All three processes sweep three times each at the same moment; returns how many stages they wrote together. */
    const sweepTogether = async () => {
      const kids = [child(), child()];
      await Promise.all(kids.map((k) => k.ready));
      for (const k of kids) k.proc.stdin.end("go\n");
      const [a, b, mine] = await Promise.all([kids[0]!.done, kids[1]!.done, (async () => { let n = 0; for (let i = 0; i < 3; i++) n += (await server!.app.sweeps.run()).escalated; return n; })()]);
      return a + b + mine;
    };
    server.clock.advance(31 * MIN);
    expect(await sweepTogether()).toBe(1);
    expect(await stages(coord, asg.id)).toEqual(["stand_in"]);
    server.clock.advance(31 * MIN);
    expect(await sweepTogether()).toBe(1);
    expect(await stages(coord, asg.id)).toEqual(["stand_in", "coordinator"]);
  });

  it("[E6] the rulebook: each stage due once, the second counted from the first; a record from before stages reads by its escalatedTo", () => {
    const t0 = Date.parse("2026-01-05T08:00:00Z");
    const base = { state: "requested" as const, createdAt: new Date(t0).toISOString(), recallRequested: undefined };
    const first = new Date(t0 + 30 * MIN).toISOString();
    expect(escalationDue(base, t0 + 29 * MIN, 30)).toBeNull();
    expect(escalationDue(base, t0 + 30 * MIN, 30)).toBe("first");
    expect(escalationDue({ ...base, escalatedAt: first, escalationStage: "stand_in" }, t0 + 59 * MIN, 30)).toBeNull();
    expect(escalationDue({ ...base, escalatedAt: first, escalationStage: "stand_in" }, t0 + 60 * MIN, 30)).toBe("coordinator");
    expect(escalationDue({ ...base, escalatedAt: first, escalationStage: "coordinator" }, t0 + 600 * MIN, 30)).toBeNull();
    expect(escalationDue({ ...base, state: "confirmed" }, t0 + 600 * MIN, 30)).toBeNull();
    // Written before the stages: with a Plh named it is at the stand-in, without one at the coordinator.
    expect(escalationDue({ ...base, escalatedAt: first, escalatedTo: "plh.x" }, t0 + 60 * MIN, 30)).toBe("coordinator");
    expect(transitionBlock("confirm-for-unit", { ...base, escalatedAt: first, escalatedTo: "plh.x" })).toBe("not_escalated");
    expect(transitionBlock("confirm-for-unit", { ...base, escalatedAt: first })).toBeNull();
  });
});
