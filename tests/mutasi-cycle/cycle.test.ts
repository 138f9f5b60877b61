/**
 * The whole mutasi cycle through the API on a small world built for it: two units, one position each of the
 * same jabatan, the first overstaffed for its ABK and the second empty, so any exact optimiser moves the
 * person who wishes to go. Positions and ABK, phases, wishes, eligibility, plan, review, decision, SK and TMT.
 */
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Event } from "../../shared/domain.js";
import type { Position } from "../../shared/mutasi-cycle.js";
import { solveMutasi } from "../../server/mutasi/model/solve.js";
import { makeIncident, makeStaff, makeUnit } from "../helpers/fixtures.js";
import { DEMO_PASSWORD, startServer, type Client, type TestServer } from "../helpers/server.js";
import { until } from "../helpers/wait.js";

let server: TestServer;
let coord: Client;
let unitA: { id: string }, unitB: { id: string };
let posA: Position, posB: Position;
let mover: { id: string; nip: string }, stayer: { id: string; nip: string }, barred: { id: string; nip: string };
let moverClient: Client;
const JABATAN = "Pengelola Data";

async function staffLogin(staffId: string, username: string): Promise<Client> {
  expect((await coord.post("/users", { username, password: "kata-sandi-uji-9", role: "staff", staffId })).status).toBe(201);
  return server.as(username, "kata-sandi-uji-9");
}

beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
  coord = await server.as("koordinator");
  unitA = await makeUnit(coord);
  unitB = await makeUnit(coord);
});
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server.close();
});

/** A live-feed socket of this client, resumed, collecting the events it is pushed. */
async function liveEvents(client: Client): Promise<Event[]> {
  const got: Event[] = [];
  const socket = io(server.url + "/live", { auth: { token: client.token }, transports: ["websocket"], reconnection: false });
  sockets.push(socket);
  socket.on("event", (e: Event) => got.push(e));
  socket.on("events", (list: Event[]) => got.push(...list));
  await new Promise<void>((resolve, reject) => { socket.once("connect", resolve); socket.once("connect_error", reject); });
  expect((await socket.timeout(10_000).emitWithAck("resume", { since: null })).ok).toBe(true);
  return got;
}

describe("positions and ABK", () => {
  it("creates positions, derives needFte from the ABK with 75,000 minutes, and guards versions", async () => {
    const created = await coord.post("/positions", { unitId: unitA.id, jabatan: JABATAN, kind: "pelaksana", capacity: 3, floor: 0 });
    expect(created.status).toBe(201);
    expect(created.body.needFte).toBe(0);
    const abk = await coord.put(`/positions/${created.body.id}/abk`, {
      year: 2026, version: created.body.version,
      tasks: [{ uraian: "Mengolah data kepegawaian", volumePerYear: 300, normaMinutes: 50, satuan: "berkas" }],
    });
    expect(abk.status).toBe(200);
    expect(abk.body.needFte).toBeCloseTo((300 * 50) / 75_000, 6);
    posA = abk.body;
    const stale = await coord.patch(`/positions/${posA.id}`, { version: created.body.version, capacity: 4 });
    expect([stale.status, stale.body.error.details.reason]).toEqual([409, "version"]);
    const b = await coord.post("/positions", {
      unitId: unitB.id, jabatan: JABATAN, kind: "pelaksana", capacity: 2, floor: 0,
      abk: { year: 2026, tasks: [{ uraian: "Mengolah data layanan", volumePerYear: 3000, normaMinutes: 50, satuan: "berkas" }] },
    });
    expect(b.status).toBe(201);
    expect(b.body.needFte).toBeCloseTo(2, 6);
    posB = b.body;
    const list = await coord.get("/positions");
    expect(list.body.map((p: Position) => p.id).sort()).toEqual([posA.id, posB.id].sort());
  });

  it("refuses a position of an unknown unit with the field and its reason, and a head may not create one", async () => {
    const bad = await coord.post("/positions", { unitId: "unit-nope", jabatan: JABATAN, kind: "pelaksana", capacity: 1, floor: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: "unitId", reason: "unknown_unit" })]);
    const negative = await coord.post("/positions", { unitId: unitA.id, jabatan: JABATAN, kind: "pelaksana", capacity: -1, floor: 0 });
    expect(negative.status).toBe(400);
    expect(negative.body.error.details[0].path).toBe("capacity");
    const screen = await server.as("layar");
    expect((await screen.post("/positions", { unitId: unitA.id, jabatan: JABATAN, kind: "pelaksana", capacity: 1, floor: 0 })).status).toBe(403);
  });

  it("puts staff in positions with their TMT jabatan, ratings and flags", async () => {
    const fields = (extra: object) => ({ jabatan: JABATAN, positionId: posA.id, tmtJabatan: "2020-01-01", ratings: { "2027": "baik" }, ...extra });
    mover = await makeStaff(coord, unitA.id, ["administrasi"], fields({ ratings: { "2027": "sangat_baik" } }));
    stayer = await makeStaff(coord, unitA.id, ["administrasi"], fields({}));
    barred = await makeStaff(coord, unitA.id, ["administrasi"], fields({ sanctionUntil: "2029-12-31" }));
    const got = await coord.get(`/staff/${mover.id}`);
    expect(got.body).toMatchObject({ positionId: posA.id, tmtJabatan: "2020-01-01", ratings: { "2027": "sangat_baik" } });
    const elsewhere = await coord.patch(`/staff/${mover.id}`, { version: got.body.version, positionId: posB.id });
    expect(elsewhere.body.error.details).toEqual([expect.objectContaining({ path: "positionId", reason: "position_other_unit" })]);
    const unknown = await coord.patch(`/staff/${mover.id}`, { version: got.body.version, positionId: "pos-nope" });
    expect(unknown.body.error.details).toEqual([expect.objectContaining({ path: "positionId", reason: "unknown_position" })]);
  });
});

let cycle: { id: string; version: number; phase: string };

describe("the cycle's phases", () => {
  it("a coordinator creates the cycle in draft with its settings and their defaults; a year is taken once", async () => {
    const res = await coord.post("/mutasi/cycles", { year: 2028 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ phase: "draft", settings: { minMonths: 24, maxMonths: 60, tmt: "2028-03-01", abkMinutes: 75_000 } });
    cycle = res.body;
    const again = await coord.post("/mutasi/cycles", { year: 2028 });
    expect([again.status, again.body.error.details.reason]).toEqual([409, "unique"]);
    const walikota = await server.as("walikota");
    expect((await walikota.post("/mutasi/cycles", { year: 2031 })).status).toBe(403);
  });

  it("refuses an illegal step and a stale version with 409 and the reason", async () => {
    const skip = await coord.post(`/mutasi/cycles/${cycle.id}/phase`, { to: "planned", version: cycle.version });
    expect([skip.status, skip.body.error.details.reason, skip.body.error.details.state]).toEqual([409, "wrong_state", "draft"]);
    const open = await coord.post(`/mutasi/cycles/${cycle.id}/phase`, { to: "wishes_open", version: cycle.version });
    expect(open.status).toBe(200);
    expect(open.body.history.map((h: { phase: string }) => h.phase)).toEqual(["draft", "wishes_open"]);
    const stale = await coord.post(`/mutasi/cycles/${cycle.id}/phase`, { to: "wishes_closed", version: cycle.version });
    expect([stale.status, stale.body.error.details.reason]).toEqual([409, "version"]);
    cycle = open.body;
  });
});

describe("wishes, points and eligibility", () => {
  it("a person sees the positions of their jabatan, their points sheet and why they may move", async () => {
    moverClient = await staffLogin(mover.id, "pegawai.pindah");
    const me = await moverClient.get(`/mutasi/cycles/${cycle.id}/me`);
    expect(me.status).toBe(200);
    expect(me.body.options.map((p: Position) => p.id)).toEqual([posB.id]);
    expect(me.body.eligibility.movable).toBe(true);
    expect(me.body.points.items.find((i: { rule: string }) => i.rule === "rating").points).toBe(40);
    expect(me.body.points.total).toBeGreaterThan(0);
    expect(me.body.points.total).toBeLessThanOrEqual(100);
  });

  it("refuses wishes outside the rules with field paths and reasons", async () => {
    const own = await moverClient.put(`/mutasi/cycles/${cycle.id}/wishes/me`, { choice: "move", wishes: [posA.id] });
    expect(own.body.error.details).toEqual([expect.objectContaining({ path: "wishes.0", reason: "wish_current" })]);
    const other = await coord.post("/positions", { unitId: unitB.id, jabatan: "Perawat Terampil", kind: "fungsional", capacity: 1, floor: 0 });
    const jabatan = await moverClient.put(`/mutasi/cycles/${cycle.id}/wishes/me`, { choice: "move", wishes: [other.body.id] });
    expect(jabatan.body.error.details).toEqual([expect.objectContaining({ path: "wishes.0", reason: "wish_other_jabatan" })]);
    const stay = await moverClient.put(`/mutasi/cycles/${cycle.id}/wishes/me`, { choice: "stay", wishes: [posB.id] });
    expect([stay.status, stay.body.error.details[0].path]).toEqual([400, "wishes"]);
    const reason = await moverClient.put(`/mutasi/cycles/${cycle.id}/wishes/me`, { choice: "move", wishes: [posB.id], reasons: [{ code: "bribe", note: "" }] });
    expect([reason.status, reason.body.error.details[0].path]).toEqual([400, "reasons.0.code"]);
    const coordTries = await coord.put(`/mutasi/cycles/${cycle.id}/wishes/me`, { choice: "stay", wishes: [] });
    expect(coordTries.status).toBe(403);
  });

  it("takes a wish with its reasons, shows it back with the reason's points, and lets the person contest the sheet", async () => {
    const put = await moverClient.put(`/mutasi/cycles/${cycle.id}/wishes/me`, { choice: "move", wishes: [posB.id], reasons: [{ code: "spouse", note: "Suami bertugas di Penfui" }] });
    expect(put.status).toBe(200);
    const me = await moverClient.get(`/mutasi/cycles/${cycle.id}/me`);
    expect(me.body.wish).toMatchObject({ choice: "move", wishes: [posB.id] });
    expect(me.body.points.items).toContainEqual(expect.objectContaining({ rule: "reason.spouse", points: 10 }));
    const contest = await moverClient.post(`/mutasi/cycles/${cycle.id}/points/contest`, { text: "Nilai SKP 2027 saya belum tercatat dengan benar" });
    expect(contest.status).toBe(201);
    expect((await moverClient.get(`/mutasi/cycles/${cycle.id}/me`)).body.objections).toHaveLength(1);
    // What the others see of the wish: that it was sent, not what it says.
    const events = (await coord.get("/events?since=0&limit=1000")).body.events;
    const sent = events.filter((e: { type: string }) => e.type === "wish.submitted");
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0].data).sort()).toEqual(["cycleId", "id", "staffId", "updatedAt", "version"]);
    const stayerClient = await staffLogin(stayer.id, "pegawai.tetap");
    expect((await stayerClient.put(`/mutasi/cycles/${cycle.id}/wishes/me`, { choice: "stay", wishes: [] })).status).toBe(200);
  });

  it("names the rule that keeps a person in place, with its legal basis", async () => {
    const client = await staffLogin(barred.id, "pegawai.sanksi");
    const me = await client.get(`/mutasi/cycles/${cycle.id}/me`);
    expect(me.body.eligibility.movable).toBe(false);
    const sanction = me.body.eligibility.checks.find((c: { rule: string }) => c.rule === "sanction");
    expect(sanction).toMatchObject({ ok: false });
    expect(sanction.basis).toMatch(/PP 94\/2021/);
  });

  it("closes wishes: a wish sent then is refused", async () => {
    const closed = await coord.post(`/mutasi/cycles/${cycle.id}/phase`, { to: "wishes_closed", version: cycle.version });
    expect(closed.status).toBe(200);
    cycle = closed.body;
    const late = await moverClient.put(`/mutasi/cycles/${cycle.id}/wishes/me`, { choice: "stay", wishes: [] });
    expect([late.status, late.body.error.details.reason]).toEqual([409, "wrong_state"]);
  });
});

let plan: { id: string; input: unknown; result: { moves: { staffId: string; to: string }[]; objective: number }; eligibility: { staffId: string; movable: boolean }[] };

describe("plans, review, decision, SK and TMT", () => {
  it("makes a plan from the cycle's state: the input is exactly what the optimiser was given", async () => {
    const res = await coord.post(`/mutasi/cycles/${cycle.id}/plans`, {});
    expect(res.status).toBe(201);
    plan = res.body;
    const again = solveMutasi(res.body.input);
    expect(again.moves).toEqual(res.body.result.moves);
    expect(again.objective).toBeCloseTo(res.body.result.objective, 9);
    const input = res.body.input as { staff: { id: string; movable: boolean; choice: string; wishes: string[] }[] };
    expect(input.staff.find((s) => s.id === barred.id)).toMatchObject({ movable: false });
    expect(input.staff.find((s) => s.id === mover.id)).toMatchObject({ movable: true, choice: "move", wishes: [posB.id] });
    expect(input.staff.find((s) => s.id === stayer.id)).toMatchObject({ choice: "stay", wishes: [] });
    expect(res.body.eligibility.find((e: { staffId: string }) => e.staffId === barred.id).movable).toBe(false);
    const cycles = await coord.get("/mutasi/cycles");
    cycle = cycles.body.find((c: { id: string }) => c.id === cycle.id);
    expect(cycle.phase).toBe("planned");
  });

  it("shows each person their own line, and keeps everyone's moves off phones and screens", async () => {
    const me = (await moverClient.get(`/mutasi/cycles/${cycle.id}/me`)).body;
    expect(me.line).toMatchObject({ planId: plan.id, from: posA.id, to: posB.id, approved: null });
    expect(me.line.move).toMatchObject({ staffId: mover.id, to: posB.id, wishRank: 0 });
    const stayerClient = await server.as("pegawai.tetap", "kata-sandi-uji-9");
    const stays = (await stayerClient.get(`/mutasi/cycles/${cycle.id}/me`)).body.line;
    expect(stays).toEqual({ planId: plan.id, from: posA.id, to: posA.id, move: null, approved: null });
    // The phone's snapshot holds no plan; the coordinator's holds it with its moves.
    expect((await moverClient.get("/state")).body.mutasiPlans).toEqual([]);
    const held = (await coord.get("/state")).body.mutasiPlans.find((p: { id: string }) => p.id === plan.id);
    expect(held.result.moves.length).toBe(plan.result.moves.length);
    const screen = await server.as("layar");
    expect((await screen.get("/state")).body.mutasiPlans.find((p: { id: string }) => p.id === plan.id)).not.toHaveProperty("result");
    // Pushed live: the same plan change reaches a phone and a screen without the moves, reviews, decision or SK.
    const got = { phone: await liveEvents(moverClient), screen: await liveEvents(screen), coord: await liveEvents(coord) };
    expect((await coord.post(`/mutasi/plans/${plan.id}/reviews`, { vote: "agree", note: "Dicek dari layar" })).status).toBe(200);
    const reviewed = (list: Event[]) => list.find((e) => e.type === "mutasi_plan.reviewed");
    await until(() => Object.values(got).every((list) => reviewed(list) !== undefined), "the review on every socket");
    for (const who of ["phone", "screen"] as const) {
      expect(Object.keys(reviewed(got[who])!.data as object).sort(), who).toEqual(["createdAt", "createdBy", "cycleId", "id", "inputHash", "version"]);
    }
    expect((reviewed(got.coord)!.data as { reviews: unknown[] }).reviews).toHaveLength(1);
  });

  it("moves the person who wishes to go to the empty, overloaded position", () => {
    expect(plan.result.moves).toContainEqual(expect.objectContaining({ staffId: mover.id, to: posB.id, wishRank: 0, forced: false }));
    expect(plan.result.moves.find((m) => m.staffId === barred.id)).toBeUndefined();
  });

  it("takes reviews from coordinators and heads of affected units only", async () => {
    const review = await coord.post(`/mutasi/plans/${plan.id}/reviews`, { vote: "agree", note: "Sesuai ABK" });
    expect(review.status).toBe(200);
    expect(review.body.reviews).toHaveLength(2);
    const bad = await coord.post(`/mutasi/plans/${plan.id}/reviews`, { vote: "object", staffIds: ["staff-nope"] });
    expect(bad.body.error.details[0]).toMatchObject({ path: "staffIds.0", reason: "not_in_plan" });
    const toReview = await coord.post(`/mutasi/cycles/${cycle.id}/phase`, { to: "in_review", version: cycle.version });
    expect(toReview.status).toBe(200);
    cycle = toReview.body;
  });

  it("lets a person object to their own line", async () => {
    const res = await moverClient.post(`/mutasi/plans/${plan.id}/objections`, { text: "Saya setuju, hanya mohon TMT diundur" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: "line", planId: plan.id, staffId: mover.id });
  });

  it("a coordinator reads the objections and answers each once; the person reads the answer", async () => {
    const list = await coord.get(`/mutasi/cycles/${cycle.id}/objections`);
    expect(list.status).toBe(200);
    // Both of the person's objections, with their text (the test clock gives them one timestamp: any order).
    expect(list.body.map((o: { kind: string; staffId: string }) => [o.kind, o.staffId]).sort()).toEqual([["line", mover.id], ["points", mover.id]]);
    expect(list.body.every((o: { text: string }) => o.text.length > 0)).toBe(true);
    expect((await (await server.as("walikota")).get(`/mutasi/cycles/${cycle.id}/objections`)).status).toBe(200);
    expect((await moverClient.get(`/mutasi/cycles/${cycle.id}/objections`)).status).toBe(403);
    const line = list.body.find((o: { kind: string }) => o.kind === "line") as { id: string; version: number };
    const empty = await coord.post(`/mutasi/objections/${line.id}/answer`, { answer: "  ", version: line.version });
    expect([empty.status, empty.body.error.details[0].path]).toEqual([400, "answer"]);
    const stale = await coord.post(`/mutasi/objections/${line.id}/answer`, { answer: "Diterima", version: line.version + 1 });
    expect([stale.status, stale.body.error.details.reason]).toEqual([409, "version"]);
    expect((await coord.post("/mutasi/objections/obj-nope/answer", { answer: "x", version: 1 })).status).toBe(404);
    const before = (await coord.get("/events?since=0&limit=1")).body.lastSeq;
    const answered = await coord.post(`/mutasi/objections/${line.id}/answer`, { answer: "TMT tetap 1 Maret; cuti dapat diatur dengan kepala unit.", version: line.version });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ answer: "TMT tetap 1 Maret; cuti dapat diatur dengan kepala unit.", answeredBy: "koordinator" });
    const again = await coord.post(`/mutasi/objections/${line.id}/answer`, { answer: "Lain", version: answered.body.version });
    expect([again.status, again.body.error.details.reason]).toEqual([409, "wrong_state"]);
    const mine = (await moverClient.get(`/mutasi/cycles/${cycle.id}/me`)).body.objections.find((o: { id: string }) => o.id === line.id);
    expect(mine.answer).toBe("TMT tetap 1 Maret; cuti dapat diatur dengan kepala unit.");
    // The feed says that it was answered, not what either side wrote.
    const events = (await coord.get(`/events?since=${before}&limit=100`)).body.events as Event[];
    expect(events.map((e) => e.type)).toEqual(["objection.answered"]);
    expect(events[0]!.data).not.toHaveProperty("answer");
    expect(events[0]!.data).not.toHaveProperty("text");
    expect(events[0]!.data).toHaveProperty("answeredAt");
  });

  it("refuses a Plh's decision with 403 acting_signer, and a coordinator's", async () => {
    const plh = await server.as("plh.walikota");
    const res = await plh.post(`/mutasi/plans/${plan.id}/decide`, { approve: true });
    expect([res.status, res.body.error.code, res.body.error.details.reason]).toEqual([403, "forbidden", "acting_signer"]);
    expect((await coord.post(`/mutasi/plans/${plan.id}/decide`, { approve: true })).status).toBe(403);
  });

  it("the PPK decides: the SK is signed with the signer as he is, the cycle is decided", async () => {
    const walikota = await server.as("walikota");
    const res = await walikota.post(`/mutasi/plans/${plan.id}/decide`, { approve: true });
    expect(res.status).toBe(200);
    expect(res.body.decision).toMatchObject({ by: "walikota", approve: true });
    expect(res.body.sk.signer).toEqual({ name: "Yeremias Laiskodat", nip: "197208152000031004", jabatan: "Wali Kota Kupang" });
    expect(res.body.sk.moves.map((m: { nip: string }) => m.nip)).toContain(mover.nip);
    expect(res.body.sk.number).toMatch(/^821\.2\/\d{3}\/BKPSDM\/2028$/);
    const twice = await walikota.post(`/mutasi/plans/${plan.id}/decide`, { approve: true });
    expect([twice.status, twice.body.error.details.reason]).toEqual([409, "wrong_state"]);
    cycle = (await coord.get("/mutasi/cycles")).body.find((c: { id: string }) => c.id === cycle.id);
    expect(cycle.phase).toBe("decided");
    expect((await moverClient.get(`/mutasi/cycles/${cycle.id}/me`)).body.line).toMatchObject({ planId: plan.id, to: posB.id, approved: true });
    const pdf = await fetch(`${server.url}/api/mutasi/plans/${plan.id}/sk.pdf`, { headers: { authorization: `Bearer ${walikota.token}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toMatch(/application\/pdf/);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("TMT is refused while a person to move holds an open surge assignment, naming them; then applies every move with one event each", async () => {
    const incident = await makeIncident(coord, [{ skill: "administrasi", count: 1, priority: 3 }]);
    const assignment = await coord.post("/assignments", { staffId: mover.id, needId: incident.needs[0]!.id });
    expect(assignment.status).toBe(201);
    const refused = await coord.post(`/mutasi/cycles/${cycle.id}/phase`, { to: "effective", version: cycle.version });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ reason: "open_assignment", staffIds: [mover.id] });
    expect((await coord.get(`/staff/${mover.id}`)).body.homeUnitId).toBe(unitA.id);
    expect((await coord.post(`/assignments/${assignment.body.id}/cancel`, {})).status).toBe(200);

    const before = (await coord.get("/events?since=0&limit=1")).body.lastSeq;
    const done = await coord.post(`/mutasi/cycles/${cycle.id}/phase`, { to: "effective", version: cycle.version });
    expect(done.status).toBe(200);
    expect(done.body.phase).toBe("effective");
    const moved = (await coord.get(`/staff/${mover.id}`)).body;
    expect(moved).toMatchObject({ homeUnitId: unitB.id, positionId: posB.id, tmtJabatan: "2028-03-01" });
    const events = (await coord.get(`/events?since=${before}&limit=1000`)).body.events as { type: string; data: { id: string } }[];
    const updates = events.filter((e) => e.type === "staff.updated");
    expect(updates.map((e) => e.data.id).sort()).toEqual(plan.result.moves.map((m) => m.staffId).sort());
    expect(events.filter((e) => e.type === "mutasi_cycle.phase_changed")).toHaveLength(1);
  });
});

describe("a blackout window", () => {
  it("refuses the PPK's decision inside it with 403 blackout", async () => {
    const today = new Date(server.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const created = await coord.post("/mutasi/cycles", {
      year: 2030, settings: { blackouts: [{ kind: "pilkada", from: "2026-01-01", until: "2029-12-31", basis: "UU 10/2016 Pasal 71 ayat (2)" }] },
    });
    expect(created.status).toBe(201);
    expect(today >= "2026-01-01").toBe(true);
    let c = created.body;
    for (const to of ["wishes_open", "wishes_closed"]) c = (await coord.post(`/mutasi/cycles/${c.id}/phase`, { to, version: c.version })).body;
    const p = await coord.post(`/mutasi/cycles/${c.id}/plans`, {});
    c = (await coord.get("/mutasi/cycles")).body.find((x: { id: string }) => x.id === c.id);
    c = (await coord.post(`/mutasi/cycles/${c.id}/phase`, { to: "in_review", version: c.version })).body;
    expect(c.phase).toBe("in_review");
    const walikota = await server.as("walikota", DEMO_PASSWORD);
    const res = await walikota.post(`/mutasi/plans/${p.body.id}/decide`, { approve: true });
    expect([res.status, res.body.error.details.reason]).toEqual([403, "blackout"]);
  });
});

describe("simulate", () => {
  const input = {
    positions: [
      { id: "p1", unitId: "u1", jabatan: "Perawat", capacity: 2, floor: 0, needFte: 0.5 },
      { id: "p2", unitId: "u2", jabatan: "Perawat", capacity: 2, floor: 0, needFte: 2 },
    ],
    staff: [{ id: "s1", positionId: "p1", movable: true, points: 50, choice: "move", wishes: ["p2"] }, { id: "s2", positionId: "p1", movable: true, points: 10, choice: "stay", wishes: [] }],
  };
  it("answers MutasiResult for any valid input, stateless", async () => {
    const res = await coord.post("/mutasi/simulate", input);
    expect(res.status).toBe(200);
    expect(res.body.objective).toBeCloseTo(solveMutasi(input as never).objective, 9);
  });
  it("refuses bad input with field paths", async () => {
    const res = await coord.post("/mutasi/simulate", { ...input, staff: [{ ...input.staff[0], wishes: ["p9"] }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain("staff.0.wishes.0");
    const big = await coord.post("/mutasi/simulate", { ...input, staff: [{ ...input.staff[0], points: 101 }] });
    expect(big.body.error.details[0].path).toBe("staff.0.points");
    const head = await server.as("layar");
    expect((await head.post("/mutasi/simulate", input)).status).toBe(403);
  });
});
