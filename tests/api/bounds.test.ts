/**
 * Issue 16, item 13, against a real server: numbers past the domain's bounds are 400s that change
 * nothing (a planner need count of 2^31, a workload of 1e308, a floor of 2^53 − 1); common passwords and
 * one equal to the username are refused for new accounts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCommonPassword } from "../../server/auth/common-passwords.js";
import { makeUnit } from "../helpers/fixtures.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;
beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
  coord = await server.as("koordinator");
});
afterAll(() => server.close());

const simulate = (over: { unit?: object; staff?: object; need?: object }) => ({
  units: [{ id: "u", lat: -10.2, lng: 123.6, floor: 0, workload: 1, ...over.unit }],
  staff: [{ id: "s", unitId: "u", skills: ["medis"], fatigueHours: 0, volunteer: false, released: false, ...over.staff }],
  needs: [{ id: "n", siteId: "i", lat: -10.21, lng: 123.61, skill: "medis", count: 1, priority: 3, ...over.need }],
});

describe("[16.13] every number has a bound", () => {
  it("the planner: a need count of 2^31, a workload of 1e308, a floor of 2^53 − 1, fatigue and distance past the Earth are 400s", async () => {
    const cases: [object, string][] = [
      [{ need: { count: 2 ** 31 } }, "needs.0.count"],
      [{ unit: { workload: 1e308 } }, "units.0.workload"],
      [{ unit: { floor: 2 ** 53 - 1 } }, "units.0.floor"],
      [{ staff: { fatigueHours: 1e9 } }, "staff.0.fatigueHours"],
      [{ need: { maxDistanceKm: 1e12 } }, "needs.0.maxDistanceKm"],
    ];
    for (const [over, path] of cases) {
      const res = await coord.post("/plans/simulate", simulate(over));
      expect(res.status, path).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await coord.post("/plans/simulate", simulate({}))).status).toBe(200);
  });

  it("units, versions and the log's cursor: 1e308, 2^53 − 1 and 2^60 are 400s and change nothing", async () => {
    const unit = await makeUnit(coord);
    const seq = (await coord.get("/events?limit=1")).body.lastSeq;
    for (const body of [{ version: unit.version, workload: 1e308 }, { version: unit.version, floor: 2 ** 53 - 1 }, { version: 2 ** 53 - 1, floor: 1 }]) {
      expect((await coord.patch(`/units/${unit.id}`, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await coord.get(`/events?since=${2 ** 60}`)).status).toBe(400);
    expect((await coord.get("/events?limit=1")).body.lastSeq).toBe(seq);
    expect((await coord.get(`/units/${unit.id}`)).body.version).toBe(unit.version);
  });
});

describe("[16.13] passwords", () => {
  it("the deny-list knows the common ones, with case and trailing digits and punctuation stripped", () => {
    for (const p of ["password123", "Password2026!", "QWERTY12345", "iloveyou", "bismillah123", "Indonesia2026", "1234567890"]) expect(isCommonPassword(p), p).toBe(true);
    for (const p of ["kata-sandi-uji", "Maulafa-Siaga-Kepala-7", "tv7#Lq9!wz"]) expect(isCommonPassword(p), p).toBe(false);
  });

  it("a new account with a common password or its own username as password is a 400, and no account is made", async () => {
    const cases: [object, string][] = [
      [{ username: "layar.dua", password: "Password123!", role: "screen" }, "common_password"],
      [{ username: "layar.tiga", password: "bismillah2026", role: "screen" }, "common_password"],
      [{ username: "layar.empat", password: "LAYAR.EMPAT", role: "screen" }, "password_is_username"],
    ];
    for (const [body, reason] of cases) {
      const res = await coord.post("/users", body);
      expect(res.status, reason).toBe(400);
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: "password", reason }));
    }
    const users = await server.store.read((tx) => tx.find("users", {}));
    expect(users.map((u) => u.username).sort()).toEqual(["koordinator", "layar", "plh.walikota", "walikota"]); // the seeded accounts only
    expect((await coord.post("/users", { username: "layar.lima", password: "Posko-Bello-Hujan-5", role: "screen" })).status).toBe(201);
  });
});
