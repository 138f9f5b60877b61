/**
 * Invariant 5: bad input of any kind on any route gets a 4xx with a clear, field-level message,
 * never a 5xx, and changes nothing (the event log does not move and the state is identical).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIncident, makeStaff, makeUnit } from "../helpers/fixtures.js";
import { request, startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;
let ids = { unit: "", staff: "", incident: "", need: "" };

beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
  coord = await server.as("koordinator");
  const unit = await makeUnit(coord, { floor: 1 });
  const staff = await makeStaff(coord, unit.id, ["medis"]);
  await makeStaff(coord, unit.id, ["medis"]);
  const incident = await makeIncident(coord, [{ skill: "medis", count: 1, priority: 5 }]);
  ids = { unit: unit.id, staff: staff.id, incident: incident.id, need: incident.needs[0]!.id };
});
afterAll(() => server.close());

async function fingerprint() {
  const state = (await coord.get("/state")).body;
  return JSON.stringify(state);
}

/** Bodies that name fixture ids are functions: the ids exist only once beforeAll has run. */
type Case = [name: string, method: "POST" | "PATCH" | "DELETE" | "GET", path: () => string, body: unknown, status: number, field?: string];

const huge = "x".repeat(300_000);
const validStaff = () => ({ nip: "198503152010031002", name: "Maria Manafe", homeUnitId: ids.unit, jabatan: "Perawat", golongan: "III/b", skills: ["keperawatan"] });

const cases: Case[] = [
  ["incident without needs' fields", "POST", () => "/incidents", { type: "banjir", title: "B", severity: 3, location: { lat: -10.2, lng: 123.6 }, needs: [{ skill: "medis" }] }, 400, "needs.0.count"],
  ["incident with wrong types", "POST", () => "/incidents", { type: "banjir", title: 5, severity: "high", location: { lat: -10.2, lng: 123.6 } }, 400, "title"],
  ["incident with an unknown type", "POST", () => "/incidents", { type: "gempa_laut", title: "B", severity: 3, location: { lat: -10.2, lng: 123.6 } }, 400, "type"],
  ["incident with severity 9", "POST", () => "/incidents", { type: "banjir", title: "B", severity: 9, location: { lat: -10.2, lng: 123.6 } }, 400, "severity"],
  ["incident with latitude 123", "POST", () => "/incidents", { type: "banjir", title: "B", severity: 3, location: { lat: 123, lng: 10 } }, 400, "location.lat"],
  ["incident with an unknown field", "POST", () => "/incidents", { type: "banjir", title: "B", severity: 3, location: { lat: -10.2, lng: 123.6 }, admin: true }, 400],
  ["incident with an unknown skill", "POST", () => "/incidents", { type: "banjir", title: "B", severity: 3, location: { lat: -10.2, lng: 123.6 }, needs: [{ skill: "sihir", count: 1, priority: 1 }] }, 400, "needs.0.skill"],
  ["incident with count 0", "POST", () => "/incidents", { type: "banjir", title: "B", severity: 3, location: { lat: -10.2, lng: 123.6 }, needs: [{ skill: "medis", count: 0, priority: 1 }] }, 400, "needs.0.count"],
  ["incident patch with a wrong version", "PATCH", () => `/incidents/${ids.incident}`, { version: 99, title: "Baru" }, 409],
  ["incident patch without version", "PATCH", () => `/incidents/${ids.incident}`, { title: "Baru" }, 400, "version"],
  ["incident patch of an unknown id", "PATCH", () => "/incidents/inc-nope", { version: 1, title: "Baru" }, 404],
  ["staff with an invalid NIP (Feb 30)", "POST", () => "/staff", () => ({ ...validStaff(), nip: "198502302010031002" }), 400, "nip"],
  ["staff with a 17-digit NIP", "POST", () => "/staff", () => ({ ...validStaff(), nip: "19850315201003100" }), 400, "nip"],
  ["staff with gender digit 3", "POST", () => "/staff", () => ({ ...validStaff(), nip: "198503152010033002" }), 400, "nip"],
  ["staff with TMT month 13", "POST", () => "/staff", () => ({ ...validStaff(), nip: "198503152010131002" }), 400, "nip"],
  ["staff with no skills", "POST", () => "/staff", () => ({ ...validStaff(), skills: [] }), 400, "skills"],
  ["staff with a bad golongan", "POST", () => "/staff", () => ({ ...validStaff(), golongan: "V/z" }), 400, "golongan"],
  ["staff of an unknown unit", "POST", () => "/staff", () => ({ ...validStaff(), homeUnitId: "unit-nope" }), 404],
  ["staff patch with a wrong version", "PATCH", () => `/staff/${ids.staff}`, { version: 42, fatigueHours: 3 }, 409],
  ["staff patch setting deployed by hand", "PATCH", () => `/staff/${ids.staff}`, { version: 1, status: "deployed" }, 400, "status"],
  ["unit with a negative floor", "POST", () => "/units", { code: "x-1", name: "X", kind: "dinas", location: { lat: -10.2, lng: 123.6 }, kelurahan: "53.71.02.1001", floor: -1, workload: 1 }, 400, "floor"],
  ["unit with a bad kelurahan code", "POST", () => "/units", { code: "x-2", name: "X", kind: "dinas", location: { lat: -10.2, lng: 123.6 }, kelurahan: "5371021001", floor: 1, workload: 1 }, 400, "kelurahan"],
  ["unit patch of an unknown id", "PATCH", () => "/units/unit-nope", { version: 1, floor: 2 }, 404],
  ["delete of a unit with staff", "DELETE", () => `/units/${ids.unit}`, {}, 409],
  ["assignment with an unknown need", "POST", () => "/assignments", () => ({ staffId: ids.staff, needId: "need-nope" }), 404],
  ["assignment with an unknown person", "POST", () => "/assignments", () => ({ staffId: "stf-nope", needId: ids.need }), 404],
  ["assignment with a missing field", "POST", () => "/assignments", () => ({ staffId: ids.staff }), 400, "needId"],
  ["transition of an unknown assignment", "POST", () => "/assignments/asg-nope/cancel", {}, 404],
  ["an unknown transition (no such route)", "POST", () => "/assignments/asg-nope/teleport", {}, 404],
  ["spike with negative workload", "POST", () => `/units/${ids.unit}/spikes`, { reason: "Pasien", extraWorkload: -3 }, 400, "extraWorkload"],
  ["spike on an unknown unit", "POST", () => "/units/unit-nope/spikes", { reason: "Pasien", extraWorkload: 3 }, 404],
  ["release in the past", "POST", () => `/units/${ids.unit}/releases`, () => ({ staffIds: [ids.staff], until: "2001-01-01T00:00:00Z" }), 400, "until"],
  ["release of someone else's person", "POST", () => `/units/${ids.unit}/releases`, { staffIds: ["stf-nope"], until: "2030-01-01T00:00:00Z" }, 400, "staffIds.0"],
  ["release with a bad date", "POST", () => `/units/${ids.unit}/releases`, () => ({ staffIds: [ids.staff], until: "besok" }), 400, "until"],
  ["plan approve of an unknown plan", "POST", () => "/plans/plan-nope/approve", {}, 404],
  ["simulate with a duplicate staff id", "POST", () => "/plans/simulate", { units: [{ id: "u", lat: 0, lng: 0, floor: 0, workload: 1 }], staff: [{ id: "s", unitId: "u", skills: ["medis"], fatigueHours: 0, volunteer: false, released: false }, { id: "s", unitId: "u", skills: ["medis"], fatigueHours: 0, volunteer: false, released: false }], needs: [] }, 400, "staff.1.id"],
  ["simulate with staff of an unknown unit", "POST", () => "/plans/simulate", { units: [], staff: [{ id: "s", unitId: "u", skills: ["medis"], fatigueHours: 0, volunteer: false, released: false }], needs: [] }, 400, "staff.0.unitId"],
  ["events with a negative since", "GET", () => "/events?since=-4", undefined, 400, "since"],
  ["events with a text limit", "GET", () => "/events?limit=lots", undefined, 400, "limit"],
  ["a huge body", "POST", () => "/incidents", { type: "banjir", title: huge, severity: 3, location: { lat: -10.2, lng: 123.6 } }, 413],
  ["an unknown route", "GET", () => "/nothing-here", undefined, 404],
];

describe("[I5] bad input gets a clear 4xx and changes nothing", () => {
  it.each(cases)("%s → %i", async (_name, method, path, body, status, field) => {
    const before = await fingerprint();
    const res = await request(server.url, method, path(), typeof body === "function" ? body() : body, coord.token);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBeTypeOf("string");
    expect(res.body.error.message.length).toBeGreaterThan(3);
    if (field) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(await fingerprint()).toBe(before);
  });

  it("malformed JSON is a 400 bad_json", async () => {
    const res = await request(server.url, "POST", "/incidents", undefined, coord.token, '{"type": "banjir",');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_json");
  });

  it("no token, a bad token and a wrong password are 401", async () => {
    expect((await request(server.url, "GET", "/state")).status).toBe(401);
    expect((await request(server.url, "GET", "/state", undefined, "forged")).status).toBe(401);
    const res = await request(server.url, "POST", "/auth/login", { username: "koordinator", password: "salah" });
    expect(res.status).toBe(401);
    expect((await request(server.url, "POST", "/auth/login", { username: "koordinator" })).status).toBe(400);
  });
});
