/**
 * The authorization matrix: every route of shared/routes.ts and every socket command of
 * shared/protocol.ts, taken by every kind of user, on the real server over the Maulafa seed. What each
 * one must answer is computed from the policy (shared/policy.ts `can`, on the record the request
 * touches), never written by hand: no token → 401 on every route that is not open; otherwise 403
 * (a command: `{ok:false, error:{code:"forbidden"}}`) exactly when the policy says no, and the route's
 * own success (a command: `ok:true`) when it says yes. Each case builds its own records right before
 * it runs (a fresh unit, person, incident, assignment in the state the step needs, release, spike,
 * plan, account), so one user's success never changes what the next user sees; the incidents a case
 * opened are closed after it, which ends the assignments it left open.
 */
import { io, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { Assignment, PublicUser, Skill, Staff, Unit } from "../../shared/domain.js";
import { can, POLICY, type Action } from "../../shared/policy.js";
import { AssignmentCommand, COMMANDS, PlanApproveCommand, type CommandName } from "../../shared/protocol.js";
import { ROUTES, routeOf, type Route } from "../../shared/routes.js";
import { affectedUnitIds } from "../../shared/mutasi-rules.js";
import { makeIncident, makeStaff, makeUnit, nextNip } from "../helpers/fixtures.js";
import type { RawBody } from "../helpers/http.js";
import { DEMO_PASSWORD, request, startServer, type Client, type Res, type TestServer } from "../helpers/server.js";
import { startPushService, type PushService } from "../helpers/push-service.js";
import webpush from "web-push";

const WHO = ["coordinator", "headA", "headB", "person", "otherStaff", "screen", "ppk", "none"] as const;
type Who = (typeof WHO)[number];
type SignedIn = Exclude<Who, "none">;
const LABEL: Record<Who, string> = {
  coordinator: "the coordinator",
  headA: "the head of unit A",
  headB: "the head of unit B",
  person: "the staff member",
  otherStaff: "another staff member",
  screen: "the screen",
  ppk: "the PPK (walikota)",
  none: "no token",
};

/** One request of a case: where it goes, with what, and the record the policy is asked about. */
interface Prepared {
  path: string;
  body?: unknown;
  /** The record the request touches, for actions the policy scopes (unit, assignment). */
  resource?: object;
  /** Another token than the user's own (logout spends the one it is given). */
  token?: string;
  /** A body that is not JSON (a roster file), for routes that `accept` one. */
  raw?: RawBody;
}

let server: TestServer;
let coord: Client;
/** Web Push is on, so its routes answer; the pushes the cases cause go to a local push service. */
const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:siaga@kupangkota.go.id" };
let pushService: PushService;
const users = {} as Record<SignedIn, { client: Client; user: PublicUser }>;
/** Unit A: the unit the scoped records belong to; unit B: another. The person works in A. */
let unitA: Unit, unitB: Unit, person: Staff, otherStaff: Staff;
let planId = "", assignmentId = "";
/** Incidents opened by the running case; closed after it. */
let toClose: string[] = [];
let seq = 0;

async function must(res: Promise<Res> | Res, status: number, what: string) {
  const r = await res;
  if (r.status !== status) throw new Error(`fixture ${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

// Records each case builds for itself.
const until = "2026-12-21T17:00:00+09:00"; // a day after the test clock's start
const freshStaff = (skills: Skill[] = ["logistik"]) => makeStaff(coord, unitA.id, skills) as Promise<Staff>;
async function site(skill: Skill): Promise<{ id: string; needs: { id: string }[] }> {
  const incident = await makeIncident(coord, [{ skill, count: 1, priority: 3 }]);
  toClose.push(incident.id);
  return incident;
}
async function freshIncident() {
  const res = await must(coord.post("/incidents", { type: "angin_kencang", title: `Angin ${++seq}`, severity: 2, location: { lat: -10.2, lng: 123.62 } }), 201, "incident");
  return res as { id: string; version: number };
}
async function containedIncident() {
  const incident = await freshIncident();
  return must(coord.patch(`/incidents/${incident.id}`, { version: incident.version, status: "contained" }), 200, "contained") as Promise<{ id: string }>;
}
/** An assignment of the person (lent from unit A), in the state the step needs. */
async function assignmentIn(state: "requested" | "confirmed" | "active" | "recall asked" | "escalated"): Promise<Assignment> {
  const incident = await site(person.skills[0]!);
  let a = await must(coord.post("/assignments", { staffId: person.id, needId: incident.needs[0]!.id }), 201, "assignment") as Assignment;
  if (state === "requested") return a;
  if (state === "escalated") {
    // Past SIAGA_ESCALATE_AFTER_MIN twice on the test clock: to the unit's stand-in (when it has one), then to the coordinator.
    for (let stage = 0; stage < 2; stage++) {
      server.clock.advance(31 * 60_000);
      await server.app.sweeps.run();
    }
    return must(coord.get(`/assignments/${a.id}`), 200, "escalated");
  }
  a = await must(users.headA.client.post(`/assignments/${a.id}/confirm`, {}), 200, "confirm");
  if (state === "active") a = await must(coord.post(`/assignments/${a.id}/checkin`, {}), 200, "checkin");
  if (state === "recall asked") a = await must(users.headA.client.post(`/assignments/${a.id}/recall`, { reason: "Dibutuhkan kembali di unit" }), 200, "recall");
  return a;
}
/** A plan with one line: the only open need in the world is the one made here. */
async function freshPlan(): Promise<string> {
  await site("logistik");
  const plan = await must(coord.post("/plans"), 201, "plan");
  if (plan.result.assignments.length !== 1) throw new Error(`fixture plan: ${plan.result.assignments.length} lines, not 1`);
  return plan.id;
}
/** A plan whose one line is approved and confirmed by the head of the line's unit: it has a letter to print. */
async function confirmedPlan(): Promise<string> {
  const id = await freshPlan();
  const { approved } = await must(coord.post(`/plans/${id}/approve`, {}), 200, "approve") as { approved: Assignment[] };
  const line = approved[0]!;
  if (line.state === "requested") {
    const unit = await must(coord.get(`/units/${line.fromUnitId}`), 200, "unit") as Unit;
    await must((await server.as(`kepala.${unit.code}`)).post(`/assignments/${line.id}/confirm`, {}), 200, "confirm");
  }
  return id;
}
async function freshRelease() {
  const staff = await freshStaff();
  return (await must(coord.post(`/units/${unitA.id}/releases`, { staffIds: [staff.id], until }), 201, "release"))[0] as { id: string };
}
async function freshUsername() {
  const username = `matriks.${++seq}`;
  await must(coord.post("/users", { username, password: "kata-sandi-uji", role: "screen" }), 201, "user");
  return username;
}

// The mutasi cycle: each case that changes a cycle gets one of its own (a year of its own).
let mutasiYear = 2032;
let mutasiPlanId = "", signedPlanId = "";
const SEEDED_CYCLE = "cycle-2027";
async function freshCycle(to: "draft" | "wishes_closed" = "draft") {
  let cycle = await must(coord.post("/mutasi/cycles", { year: mutasiYear++ }), 201, "mutasi cycle");
  if (to === "wishes_closed") for (const phase of ["wishes_open", "wishes_closed"]) cycle = await must(coord.post(`/mutasi/cycles/${cycle.id}/phase`, { to: phase, version: cycle.version }), 200, phase);
  return cycle as { id: string; version: number };
}
async function freshMutasiPlan(phase: "planned" | "in_review" = "planned") {
  const cycle = await freshCycle("wishes_closed");
  const plan = await must(coord.post(`/mutasi/cycles/${cycle.id}/plans`, {}), 201, "mutasi plan");
  if (phase === "in_review") {
    const planned = (await must(coord.get("/mutasi/cycles"), 200, "cycles") as { id: string; version: number }[]).find((c) => c.id === cycle.id)!;
    await must(coord.post(`/mutasi/cycles/${cycle.id}/phase`, { to: "in_review", version: planned.version }), 200, "in_review");
  }
  return plan as { id: string; input: { positions: { id: string; unitId: string }[] }; result: { moves: { from: string; to: string }[] } };
}
const freshPosition = async () => must(coord.post("/positions", { unitId: unitA.id, jabatan: "Pengelola Data", kind: "pelaksana", capacity: 1, floor: 0 }), 201, "position") as Promise<{ id: string; version: number }>;
const MUTASI_INPUT = {
  positions: [{ id: "p1", unitId: "u1", jabatan: "Perawat", capacity: 2, floor: 0, needFte: 0.5 }, { id: "p2", unitId: "u2", jabatan: "Perawat", capacity: 2, floor: 0, needFte: 2 }],
  staff: [{ id: "s1", positionId: "p1", movable: true, points: 50, choice: "move", wishes: ["p2"] }],
};

const TRANSITION_BODY: Record<string, object> = { decline: { reason: "Unit sedang kekurangan orang" }, recall: { reason: "Dibutuhkan kembali di unit" }, excuse: { reason: "Sakit" }, "confirm-for-unit": { reason: "Kepala unit tidak dapat dihubungi" } };
const STATE_FOR: Record<string, Parameters<typeof assignmentIn>[0]> = {
  confirm: "requested", decline: "requested", checkin: "confirmed", complete: "active", cancel: "confirmed", recall: "confirmed", "recall-approve": "recall asked", excuse: "confirmed",
  "confirm-for-unit": "escalated",
};

/** How to take each route, by `METHOD /path` of ROUTES. */
const CASES: Record<string, (who: Who) => Promise<Prepared>> = {
  "GET /health": async () => ({ path: "/health" }),
  "GET /openapi.json": async () => ({ path: "/openapi.json" }),
  "GET /docs": async () => ({ path: "/docs" }),
  "POST /auth/login": async (who) => ({ path: "/auth/login", body: { username: who === "none" ? "layar" : users[who].user.username, password: DEMO_PASSWORD } }),
  "POST /auth/logout": async (who) => ({ path: "/auth/logout", ...(who === "none" ? {} : { token: (await server.as(users[who].user.username)).token }) }),
  "GET /me": async () => ({ path: "/me" }),
  "POST /users": async () => ({ path: "/users", body: { username: `matriks.${++seq}`, password: "kata-sandi-uji", role: "screen" } }),
  "POST /users/:username/revoke": async () => ({ path: `/users/${await freshUsername()}/revoke` }),
  "GET /state": async () => ({ path: "/state" }),
  "GET /events": async () => ({ path: "/events?since=0&limit=1000" }),
  "GET /units": async () => ({ path: "/units" }),
  "GET /units/:id": async () => ({ path: `/units/${unitA.id}` }),
  "POST /units": async () => ({
    path: "/units",
    body: { code: `matriks-${++seq}`, name: "Unit Matriks", kind: "dinas", location: { lat: -10.2, lng: 123.62 }, kelurahan: "53.71.02.1001", floor: 0, workload: 1 },
  }),
  "PATCH /units/:id": async () => {
    const unit = await makeUnit(coord);
    return { path: `/units/${unit.id}`, body: { version: unit.version, workload: 3 } };
  },
  "DELETE /units/:id": async () => {
    const unit = await makeUnit(coord);
    return { path: `/units/${unit.id}`, body: { version: unit.version } };
  },
  "GET /units/:id/spikes": async () => ({ path: `/units/${unitA.id}/spikes` }),
  "POST /units/:id/spikes": async () => ({ path: `/units/${unitA.id}/spikes`, body: { reason: "Antrean pengungsi", extraWorkload: 1 } }),
  "POST /units/:id/spikes/:spikeId/end": async () => {
    const spike = await must(coord.post(`/units/${unitA.id}/spikes`, { reason: "Antrean pengungsi", extraWorkload: 1 }), 201, "spike");
    return { path: `/units/${unitA.id}/spikes/${spike.id}/end`, body: { version: spike.version } };
  },
  "GET /units/:id/releases": async () => ({ path: `/units/${unitA.id}/releases` }),
  "POST /units/:id/releases": async () => {
    const staff = await freshStaff();
    return { path: `/units/${unitA.id}/releases`, body: { staffIds: [staff.id], until }, resource: { unitId: unitA.id } };
  },
  "POST /units/:id/releases/:releaseId/end": async () => {
    const release = await freshRelease();
    return { path: `/units/${unitA.id}/releases/${release.id}/end`, body: {}, resource: { unitId: unitA.id } };
  },
  "GET /staff": async () => ({ path: "/staff" }),
  "GET /staff/:id": async () => ({ path: `/staff/${person.id}` }),
  "POST /staff": async () => {
    const staff = { nip: nextNip(), name: "Maria Manafe", homeUnitId: unitA.id, jabatan: "Perawat", golongan: "III/b", skills: ["keperawatan"] };
    return { path: "/staff", body: staff, resource: { unitId: staff.homeUnitId } };
  },
  "PATCH /staff/:id": async () => {
    const staff = await freshStaff();
    return { path: `/staff/${staff.id}`, body: { version: staff.version, jabatan: "Penata Muda" }, resource: { unitId: staff.homeUnitId } };
  },
  "DELETE /staff/:id": async () => {
    const staff = await freshStaff();
    return { path: `/staff/${staff.id}`, body: { version: staff.version }, resource: { unitId: staff.homeUnitId } };
  },
  "GET /unit-heads": async () => ({ path: "/unit-heads" }),
  "GET /incidents": async () => ({ path: "/incidents" }),
  "GET /incidents/:id": async () => ({ path: `/incidents/${(await freshIncident()).id}` }),
  "POST /incidents": async () => ({ path: "/incidents", body: { type: "banjir", title: `Banjir ${++seq}`, severity: 3, location: { lat: -10.21, lng: 123.63 } } }),
  "PATCH /incidents/:id": async () => {
    const incident = await freshIncident();
    return { path: `/incidents/${incident.id}`, body: { version: incident.version, severity: 4 } };
  },
  "GET /incidents/:id/demobilisation": async () => ({ path: `/incidents/${(await containedIncident()).id}/demobilisation` }),
  "POST /incidents/:id/demobilise": async () => ({ path: `/incidents/${(await containedIncident()).id}/demobilise`, body: {} }),
  "POST /assignments/:id/until": async () => ({ path: `/assignments/${(await assignmentIn("confirmed")).id}/until`, body: { until } }),
  "POST /estimate/needs": async () => ({ path: "/estimate/needs", body: { affected: 985, evacuees: 400, households: 197, shelters: 3, kitchens: 1 } }),
  "GET /assignments": async () => ({ path: "/assignments" }),
  "GET /assignments/:id": async () => ({ path: `/assignments/${assignmentId}` }),
  "POST /assignments": async () => {
    const staff = await freshStaff(["dapur_umum"]);
    const incident = await site("dapur_umum");
    return { path: "/assignments", body: { staffId: staff.id, needId: incident.needs[0]!.id } };
  },
  ...Object.fromEntries(Object.entries(STATE_FOR).map(([action, state]) => [`POST /assignments/:id/${action}`, async () => {
    const a = await assignmentIn(state);
    return { path: `/assignments/${a.id}/${action}`, body: TRANSITION_BODY[action] ?? {}, resource: a };
  }])),
  "POST /plans/simulate": async () => ({
    path: "/plans/simulate",
    body: {
      units: [{ id: "u1", lat: -10.2, lng: 123.6, floor: 0, workload: 1 }, { id: "u2", lat: -10.21, lng: 123.61, floor: 0, workload: 1 }],
      staff: [{ id: "s1", unitId: "u1", skills: ["medis"], fatigueHours: 0, volunteer: false, released: false }],
      needs: [{ id: "n1", siteId: "i1", lat: -10.22, lng: 123.62, skill: "medis", count: 1, priority: 5 }],
    },
  }),
  "POST /plans": async () => ({ path: "/plans", body: {} }),
  "GET /plans/:id": async () => ({ path: `/plans/${planId}` }),
  "POST /plans/:id/approve": async () => ({ path: `/plans/${await freshPlan()}/approve`, body: {} }),
  "GET /positions": async () => ({ path: "/positions" }),
  "POST /positions": async () => ({ path: "/positions", body: { unitId: unitA.id, jabatan: "Pengelola Data", kind: "pelaksana", capacity: 1, floor: 0 } }),
  "PATCH /positions/:id": async () => {
    const position = await freshPosition();
    return { path: `/positions/${position.id}`, body: { version: position.version, capacity: 2 } };
  },
  "PUT /positions/:id/abk": async () => {
    const position = await freshPosition();
    return { path: `/positions/${position.id}/abk`, body: { year: 2026, tasks: [{ uraian: "Mengolah data", volumePerYear: 100, normaMinutes: 30, satuan: "berkas" }] } };
  },
  "GET /mutasi/cycles": async () => ({ path: "/mutasi/cycles" }),
  "POST /mutasi/cycles": async () => ({ path: "/mutasi/cycles", body: { year: mutasiYear++ } }),
  "POST /mutasi/cycles/:id/phase": async () => {
    const cycle = await freshCycle();
    return { path: `/mutasi/cycles/${cycle.id}/phase`, body: { to: "wishes_open", version: cycle.version } };
  },
  "GET /mutasi/cycles/:id/me": async () => ({ path: `/mutasi/cycles/${SEEDED_CYCLE}/me` }),
  "PUT /mutasi/cycles/:id/wishes/me": async () => ({ path: `/mutasi/cycles/${SEEDED_CYCLE}/wishes/me`, body: { choice: "stay", wishes: [], reasons: [] } }),
  "POST /mutasi/cycles/:id/points/contest": async () => ({ path: `/mutasi/cycles/${SEEDED_CYCLE}/points/contest`, body: { text: "Nilai SKP saya belum benar" } }),
  "GET /mutasi/cycles/:id/objections": async () => ({ path: `/mutasi/cycles/${SEEDED_CYCLE}/objections` }),
  "POST /mutasi/objections/:id/answer": async () => {
    const filed = await must(users.person.client.post(`/mutasi/cycles/${SEEDED_CYCLE}/points/contest`, { text: "Masa kerja saya belum dihitung" }), 201, "objection") as { id: string; version: number };
    return { path: `/mutasi/objections/${filed.id}/answer`, body: { answer: "Sudah kami periksa", version: filed.version } };
  },
  "POST /mutasi/simulate": async () => ({ path: "/mutasi/simulate", body: MUTASI_INPUT }),
  "POST /mutasi/cycles/:id/plans": async () => ({ path: `/mutasi/cycles/${(await freshCycle("wishes_closed")).id}/plans`, body: {} }),
  "GET /mutasi/plans/:id": async () => ({ path: `/mutasi/plans/${mutasiPlanId}` }),
  "POST /mutasi/plans/:id/reviews": async () => {
    const plan = await freshMutasiPlan();
    return { path: `/mutasi/plans/${plan.id}/reviews`, body: { vote: "agree", note: "" }, resource: { unitIds: affectedUnitIds(plan) } };
  },
  "POST /mutasi/plans/:id/decide": async () => ({ path: `/mutasi/plans/${(await freshMutasiPlan("in_review")).id}/decide`, body: { approve: false, reason: "Perlu kajian ulang" }, resource: {} }),
  // A person objects to their own line: the record is theirs.
  "POST /mutasi/plans/:id/objections": async (who) => ({
    path: `/mutasi/plans/${mutasiPlanId}/objections`, body: { text: "Mohon ditinjau ulang" }, resource: { staffId: who === "none" ? "" : users[who].user.staffId ?? "" },
  }),
  "GET /mutasi/plans/:id/sk.pdf": async () => ({ path: `/mutasi/plans/${signedPlanId}/sk.pdf` }),
  "GET /assignments/:id/letter": async () => {
    const a = await assignmentIn("confirmed");
    return { path: `/assignments/${a.id}/letter`, resource: a };
  },
  "GET /assignments/:id/letter.pdf": async () => {
    const a = await assignmentIn("confirmed");
    return { path: `/assignments/${a.id}/letter.pdf`, resource: a };
  },
  "GET /plans/:id/letters.pdf": async () => ({ path: `/plans/${await confirmedPlan()}/letters.pdf` }),
  "GET /export/assignments.csv": async () => ({ path: `/export/assignments.csv?unit=${unitA.id}&from=2026-12-01` }),
  "GET /export/assignments.xlsx": async () => ({ path: "/export/assignments.xlsx" }),
  "GET /export/person-days.csv": async () => ({ path: "/export/person-days.csv?from=2026-12-01&to=2027-03-31" }),
  "GET /export/events.csv": async () => ({ path: "/export/events.csv?since=0&limit=100" }),
  // A dry run: the matrix asks who may, not what a file does.
  "POST /import/staff": async () => ({
    path: "/import/staff?dryRun=1",
    raw: { type: "text/csv", data: `nip;nama;unit;jabatan;golongan;keahlian\n${nextNip()};Maria Manafe;${unitA.code};Perawat;III/b;keperawatan\n` },
  }),
  "POST /import/units": async () => ({
    path: "/import/units?dryRun=1",
    raw: { type: "text/csv", data: `kode,nama,jenis,lat,lng,kelurahan,batas_minimum,beban_kerja\nmatriks-${++seq},Unit Matriks,dinas,-10.2,123.62,53.71.02.1001,0,1\n` },
  }),
  "GET /import/staff/template.csv": async () => ({ path: "/import/staff/template.csv" }),
  "GET /import/staff/template.xlsx": async () => ({ path: "/import/staff/template.xlsx" }),
  "GET /import/units/template.csv": async () => ({ path: "/import/units/template.csv" }),
  "GET /import/units/template.xlsx": async () => ({ path: "/import/units/template.xlsx" }),
  "GET /push/key": async () => ({ path: "/push/key" }),
  // One's own device: every signed-in role manages its own subscriptions.
  "POST /push/subscriptions": async (who) => ({
    path: "/push/subscriptions", body: pushService.device(`matriks-${++seq}`), resource: { username: who === "none" ? "" : users[who].user.username },
  }),
  "DELETE /push/subscriptions": async (who) => {
    const device = pushService.device(`matriks-${++seq}`);
    if (who !== "none") await must(users[who].client.post("/push/subscriptions", device), 201, "push subscription");
    return { path: "/push/subscriptions", body: { endpoint: device.endpoint }, resource: { username: who === "none" ? "" : users[who].user.username } };
  },
};

/** How to send each command, with the record the policy is asked about. */
const COMMAND_CASES: Record<CommandName, () => Promise<{ payload: object; resource?: object }>> = {
  "plan:approve": async () => ({ payload: { planId: await freshPlan() } }),
  "assignment:confirm": async () => { const a = await assignmentIn("requested"); return { payload: { id: a.id }, resource: a }; },
  "assignment:decline": async () => { const a = await assignmentIn("requested"); return { payload: { id: a.id, reason: "Unit sedang kekurangan orang" }, resource: a }; },
  "assignment:checkin": async () => { const a = await assignmentIn("confirmed"); return { payload: { id: a.id }, resource: a }; },
  "assignment:complete": async () => { const a = await assignmentIn("active"); return { payload: { id: a.id }, resource: a }; },
};
const COMMAND_SCHEMA: Record<CommandName, z.ZodType> = {
  "plan:approve": PlanApproveCommand,
  "assignment:confirm": AssignmentCommand,
  "assignment:decline": AssignmentCommand,
  "assignment:checkin": AssignmentCommand,
  "assignment:complete": AssignmentCommand,
};

/** What the policy says this user gets: allowed, 401 (no token) or 403. */
function expected(auth: Route["auth"], who: Who, resource: object | undefined): "allowed" | 401 | 403 {
  if (auth === "open") return "allowed";
  if (who === "none") return 401;
  if (auth === "signedIn") return "allowed";
  return can(users[who].user, auth, resource as never) ? "allowed" : 403;
}
const scoped = (action: Action) => "scope" in POLICY[action];

beforeAll(async () => {
  pushService = await startPushService(vapid);
  server = await startServer({ seed: "maulafa", push: { vapid, allowHttpLocalhost: true } });
  coord = await server.as("koordinator");
  const state = (await coord.get("/state")).body as { units: Unit[]; staff: Staff[] };
  // A: the unit with the most available people above its floor, so lending one never meets it; B: the next.
  const spare = (u: Unit) => state.staff.filter((s) => s.homeUnitId === u.id && s.status === "available").length - u.floor;
  const units = [...state.units].sort((a, b) => spare(b) - spare(a) || a.id.localeCompare(b.id));
  [unitA, unitB] = [units[0]!, units[1]!];
  person = state.staff.find((s) => s.homeUnitId === unitA.id && s.status === "available")!;
  otherStaff = state.staff.find((s) => s.homeUnitId === unitB.id)!;
  const usernames: Record<SignedIn, string> = {
    coordinator: "koordinator", headA: `kepala.${unitA.code}`, headB: `kepala.${unitB.code}`, person: person.nip, otherStaff: otherStaff.nip, screen: "layar", ppk: "walikota",
  };
  for (const who of Object.keys(usernames) as SignedIn[]) {
    const client = await server.as(usernames[who]);
    users[who] = { client, user: client.user as PublicUser };
  }
  // Records that read-only cases look at: a plan, and an assignment (of a fresh person, ended by closing its incident).
  planId = (await must(coord.post("/plans"), 201, "plan")).id;
  const staff = await freshStaff(["evakuasi"]);
  const incident = await site("evakuasi");
  assignmentId = (await must(coord.post("/assignments", { staffId: staff.id, needId: incident.needs[0]!.id }), 201, "assignment")).id;
  await closeOpened();
  mutasiPlanId = (await freshMutasiPlan()).id;
  signedPlanId = (await freshMutasiPlan("in_review")).id;
  await must(users.ppk.client.post(`/mutasi/plans/${signedPlanId}/decide`, { approve: true }), 200, "decide");
});
afterAll(async () => {
  await server.close();
  await pushService.close();
});

/** Closes the incidents the case opened: their open assignments are cancelled or completed with them. */
async function closeOpened() {
  for (const id of toClose) {
    const incident = await must(coord.get(`/incidents/${id}`), 200, "incident");
    if (incident.status !== "closed") await must(coord.patch(`/incidents/${id}`, { version: incident.version, status: "closed" }), 200, "close");
  }
  toClose = [];
}
afterEach(closeOpened);

describe("every route as every user", () => {
  it("has a case for every route of ROUTES, and no case for a route it lacks", () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(keys.filter((k) => !CASES[k])).toEqual([]);
    expect(Object.keys(CASES).filter((k) => !keys.includes(k))).toEqual([]);
  });

  for (const route of ROUTES) {
    const name = `${route.method} ${route.path}`;
    describe(`${name} (${route.auth})`, () => {
      for (const who of WHO) {
        it(`as ${LABEL[who]}`, async () => {
          const take = CASES[name];
          if (!take) throw new Error(`no case for ${name}: add one to CASES`);
          const prepared = await take(who);
          expect(routeOf(route.method, prepared.path), "the case's path is the route's").toBe(route);
          if (route.body) expect(route.body.safeParse(prepared.body).error, "the case's body is valid for the route").toBeUndefined();
          else expect(prepared.body, "the route takes no body").toBeUndefined();
          if (route.auth !== "open" && route.auth !== "signedIn" && scoped(route.auth)) {
            expect(prepared.resource, `${route.auth} is scoped: the case names the record it touches`).toBeDefined();
          }
          const token = prepared.token ?? (who === "none" ? undefined : users[who].client.token);
          const res = await request(server.url, route.method, prepared.path, prepared.body, token, prepared.raw);
          const want = expected(route.auth, who, prepared.resource);
          const got = `${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
          if (want === 401) expect(res.status, got).toBe(401);
          else if (want === 403) expect([res.status, res.body?.error?.code], got).toEqual([403, "forbidden"]);
          else expect(res.status, got).toBe(route.status);
        });
      }
    });
  }
});

describe("every socket command as every user", () => {
  const sockets = {} as Record<SignedIn, Socket>;
  const connect = (token: string | undefined) =>
    io(server.url + "/live", { auth: token === undefined ? {} : { token }, transports: ["websocket"], reconnection: false });
  beforeAll(async () => {
    for (const who of Object.keys(users) as SignedIn[]) {
      const socket = connect(users[who].client.token);
      sockets[who] = socket;
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", resolve);
        socket.once("connect_error", reject);
      });
    }
  });
  afterAll(() => {
    for (const socket of Object.values(sockets)) socket.disconnect();
  });

  it("has a case for every command of COMMANDS", () => {
    expect(Object.keys(COMMANDS).filter((c) => !(c in COMMAND_CASES))).toEqual([]);
    expect(Object.keys(COMMAND_CASES).filter((c) => !(c in COMMANDS))).toEqual([]);
  });

  for (const command of Object.keys(COMMANDS) as CommandName[]) {
    const action = COMMANDS[command];
    describe(`${command} (${action})`, () => {
      for (const who of WHO) {
        it(`as ${LABEL[who]}`, async () => {
          if (who === "none") {
            // No token, no socket: the handshake itself is refused, so no command can be sent.
            const socket = connect(undefined);
            try {
              const error = await new Promise<Error & { data?: { code?: string } }>((resolve) => socket.once("connect_error", resolve));
              expect(error.data?.code).toBe("unauthenticated");
            } finally {
              socket.disconnect();
            }
            return;
          }
          const { payload, resource } = await COMMAND_CASES[command]();
          expect(COMMAND_SCHEMA[command].safeParse(payload).error, "the case's payload is valid").toBeUndefined();
          if (scoped(action)) expect(resource, `${action} is scoped: the case names the record it touches`).toBeDefined();
          const ack = await sockets[who].timeout(10_000).emitWithAck(command, payload);
          const got = JSON.stringify(ack).slice(0, 300);
          if (can(users[who].user, action, resource as never)) expect(ack.ok, got).toBe(true);
          else expect(ack, got).toMatchObject({ ok: false, error: { code: "forbidden" } });
        });
      }
    });
  }
});
