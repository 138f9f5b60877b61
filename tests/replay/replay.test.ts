/**
 * Replay (issue 15): GET /api/state?atSeq=N equals the GET /api/state taken when the log ended at N, for
 * many N, for every role (private fields cut the same way), across checkpoints and without them.
 */
import Database from "better-sqlite3";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.js";
import { CHECKPOINT_EVERY } from "../../shared/checkpoint.js";
import type { Staff, Unit } from "../../shared/domain.js";
import { SqliteStore } from "../../server/store/sqlite.js";
import { request } from "../helpers/http.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client, head: Client, screen: Client, person: Client;
/** What each role saw live, keyed by the seq it was taken at. */
const seen = new Map<number, { coord: unknown; head: unknown; screen: unknown; person: unknown }>();

async function record() {
  const [c, h, s, p] = await Promise.all([coord.get("/state"), head.get("/state"), screen.get("/state"), person.get("/state")]);
  expect(c.body.seq).toBe(s.body.seq);
  seen.set(c.body.seq, { coord: c.body, head: h.body, screen: s.body, person: p.body });
}

beforeAll(async () => {
  server = await startServer({ seed: "maulafa" });
  coord = await server.as("koordinator");
  screen = await server.as("layar");
  const state = (await coord.get("/state")).body as { units: Unit[]; staff: Staff[] };
  const unit = state.units.find((u) => u.kind === "puskesmas")!;
  head = await server.as(`kepala.${unit.code}`);
  // A staff member's snapshot is their own part (server/scope.ts): the replay cuts it alike.
  person = await server.as(state.staff.find((s) => s.homeUnitId === unit.id)!.nip);
  await record();

  // Many kinds of change, each recorded: incident, plan, approvals, every step of the chain, releases, spike, edits, deletions.
  const inc = await coord.post("/incidents", { type: "banjir", title: "Banjir uji replay", severity: 4, location: { lat: -10.2, lng: 123.61 }, needs: [{ skill: "logistik", count: 4, priority: 4 }, { skill: "keperawatan", count: 2, priority: 3 }] });
  expect(inc.status).toBe(201);
  await record();
  const plan = await coord.post("/plans", {});
  expect(plan.status).toBe(201);
  await record();
  const approved = await coord.post(`/plans/${plan.body.id}/approve`, {});
  expect(approved.body.approved.length).toBeGreaterThan(2);
  await record();
  const [a, b, c] = approved.body.approved as { id: string; fromUnitId: string; state: string }[];
  for (const [asg, step, reason] of [[a, "confirm"], [b, "decline", "Sedang dinas luar"], [c, "cancel"]] as const) {
    if (asg!.state !== "requested") continue;
    const unitHead = await server.as(`kepala.${state.units.find((u) => u.id === asg!.fromUnitId)!.code}`);
    const actor = step === "cancel" ? coord : unitHead;
    expect((await actor.post(`/assignments/${asg!.id}/${step}`, reason ? { reason } : {})).status).toBe(200);
    await record();
  }
  const confirmed = ((await coord.get("/assignments")).body as { id: string; state: string }[]).find((x) => x.state === "confirmed")!;
  expect((await coord.post(`/assignments/${confirmed.id}/checkin`)).status).toBe(200);
  await record();
  server.clock.advance(5 * 3600_000);
  expect((await coord.post(`/assignments/${confirmed.id}/complete`)).status).toBe(200);
  await record();
  const own = state.staff.filter((s) => s.homeUnitId === unit.id && s.status === "available").slice(0, 2);
  const rel = await head.post(`/units/${unit.id}/releases`, { staffIds: own.map((s) => s.id), until: new Date(server.clock.now().getTime() + 86400_000).toISOString() });
  expect(rel.status).toBe(201);
  await record();
  expect((await coord.post(`/units/${unit.id}/spikes`, { reason: "Lonjakan pasien diare", extraWorkload: 3 })).status).toBe(201);
  await record();
  expect((await coord.patch(`/units/${unit.id}`, { version: unit.version, workload: unit.workload + 1 })).status).toBe(200);
  await record();
  const created = await coord.post("/staff", { nip: "199001012015031001", name: "Pegawai Replay", homeUnitId: unit.id, jabatan: "Perawat", golongan: "III/a", skills: ["keperawatan"], status: "available", fatigueHours: 0, volunteer: true, phone: "+62 812-0000-0001" });
  expect(created.status).toBe(201);
  await record();
  expect((await coord.del(`/staff/${created.body.id}`, {})).status).toBe(204);
  await record();
  expect((await coord.patch(`/incidents/${inc.body.id}`, { version: inc.body.version, status: "closed" })).status).toBe(200);
  await record();
});
afterAll(() => server?.close());

describe("GET /api/state?atSeq=N", () => {
  it("[R1] equals the live state taken at seq N, for every recorded N and every role (private fields cut alike)", async () => {
    expect(seen.size).toBeGreaterThanOrEqual(12);
    for (const [seq, live] of seen) {
      const [c, h, s, p] = await Promise.all([coord.get(`/state?atSeq=${seq}`), head.get(`/state?atSeq=${seq}`), screen.get(`/state?atSeq=${seq}`), person.get(`/state?atSeq=${seq}`)]);
      expect(c.body, `coordinator at ${seq}`).toEqual(live.coord);
      expect(h.body, `unit head at ${seq}`).toEqual(live.head);
      expect(s.body, `screen at ${seq}`).toEqual(live.screen);
      expect(p.body, `staff member at ${seq}`).toEqual(live.person);
    }
    // The screen never sees a phone, in the replay as live.
    const last = Math.max(...seen.keys());
    const screenStaff = (await screen.get(`/state?atSeq=${last}`)).body.staff as Staff[];
    expect(screenStaff.some((p) => p.phone !== undefined)).toBe(false);
    expect(((await coord.get(`/state?atSeq=${last}`)).body.staff as Staff[]).some((p) => p.phone !== undefined)).toBe(true);
  });

  it("[R2] seq 0 is the empty state; a seq past the log is a 400 naming atSeq, and so is a bad one", async () => {
    const zero = (await coord.get("/state?atSeq=0")).body;
    expect(zero.seq).toBe(0);
    expect(zero.units).toEqual([]);
    const last = (await coord.get("/state")).body.seq as number;
    const past = await coord.get(`/state?atSeq=${last + 1}`);
    expect(past.status).toBe(400);
    expect(past.body.error.details[0]).toMatchObject({ path: "atSeq", reason: "beyond_log" });
    for (const bad of ["-1", "x", "1.5"]) expect((await coord.get(`/state?atSeq=${bad}`)).status).toBe(400);
    expect((await coord.get("/state?other=1")).status).toBe(400);
  });

  it("[R3] past checkpoints: the same answer with and without them, and the checkpoints are written once", async () => {
    // Enough changes to pass two checkpoints, written as the services write them (record and event in one
    // transaction), much faster than as many requests.
    const people = ((await coord.get("/state")).body as { staff: Staff[] }).staff.slice(0, 100);
    while ((await server.store.lastSeq()) < 2 * CHECKPOINT_EVERY + 50) {
      await server.store.transact(async (tx) => {
        for (const p of people) {
          const current = (await tx.get("staff", p.id))!;
          const saved = await tx.replace("staff", { ...current, fatigueHours: (current.fatigueHours + 1) % 300 });
          await tx.append({ type: "staff.updated", actor: "koordinator", data: saved });
        }
      });
    }
    const last = (await coord.get("/state")).body;
    const probes = [CHECKPOINT_EVERY - 1, CHECKPOINT_EVERY, CHECKPOINT_EVERY + 1, 2 * CHECKPOINT_EVERY + 7, last.seq];
    const withCp = [];
    for (const seq of probes) withCp.push((await coord.get(`/state?atSeq=${seq}`)).body);
    expect(withCp.at(-1)).toEqual(last);
    const rows = () => (server.store as unknown as { db: Database.Database }).db.prepare("SELECT id FROM checkpoints ORDER BY json_extract(doc, '$.seq')").all();
    expect(rows()).toEqual([{ id: `cp-${CHECKPOINT_EVERY}` }, { id: `cp-${2 * CHECKPOINT_EVERY}` }]);
    (server.store as unknown as { db: Database.Database }).db.exec("DELETE FROM checkpoints");
    for (const [i, seq] of probes.entries()) expect((await coord.get(`/state?atSeq=${seq}`)).body, `at ${seq}`).toEqual(withCp[i]);
    expect(rows()).toHaveLength(2);
  });
});

describe("replay of a log written by release 0.1.0", () => {
  const dir = mkdtempSync(join(tmpdir(), "siaga-replay-old-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("[R4] equals the live state but for the plans the old log kept without createdAt, and says so with `partial`", async () => {
    const file = join(dir, "siaga.sqlite");
    copyFileSync(join(import.meta.dirname, "../fixtures/release-0.1.0/siaga.sqlite"), file);
    const store = new SqliteStore({ file });
    const app = await createApp({ store, sweepEveryMs: 0 });
    await new Promise<void>((resolve) => app.http.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(app.http.address() as { port: number }).port}`;
    try {
      const token = (await request(url, "POST", "/auth/login", { username: "koordinator", password: "rahasia-uji-123" })).body.token as string;
      const live = (await request(url, "GET", "/state", undefined, token)).body;
      const replay = (await request(url, "GET", `/state?atSeq=${live.seq}`, undefined, token)).body;
      const { plans: livePlans, ...liveRest } = live;
      const { plans: replayPlans, partial, ...replayRest } = replay;
      expect(replayRest).toEqual(liveRest);
      expect(partial).toEqual(["plans_without_created_at"]);
      expect(replayPlans.map((p: { id: string }) => p.id)).toEqual(livePlans.map((p: { id: string }) => p.id));
      expect(replayPlans[0].createdAt).toBeUndefined();
      // Before the old plan was logged the replay is exact and says nothing.
      const planSeq = livePlans[0].seq as number;
      expect((await request(url, "GET", `/state?atSeq=${planSeq}`, undefined, token)).body.partial).toBeUndefined();
    } finally {
      await app.close();
      await store.close();
    }
  });
});
