/**
 * Issue 14 item 3 (weak link): a staff member's snapshot holds their own part of the city (server/scope.ts),
 * not the 600 other people and 400 positions, and the live feed still works for them: events about records
 * they were never sent (another person's assignment, a new staff member) are applied, and their own
 * assignment's steps arrive, over a real server and a real LiveClient.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveClient } from "../../client/live/client.js";
import type { StateSnapshot } from "../../shared/entities.js";
import { makeStaff } from "../helpers/fixtures.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";
import { until } from "../helpers/wait.js";

interface StaffRow { id: string; nip: string; homeUnitId: string; skills: string[]; status: string; positionId?: string }
interface UnitRow { id: string; code: string; floor: number }

let server: TestServer;
let coord: Client;
beforeAll(async () => {
  server = await startServer({ seed: "maulafa" });
  coord = await server.as("koordinator");
});
afterAll(() => server.close());

async function requestFor(person: StaffRow) {
  const inc = await coord.post("/incidents", { type: "banjir", title: "Banjir jaringan lemah", severity: 3, location: { lat: -10.2, lng: 123.61 }, needs: [{ skill: "logistik", count: 1, priority: 3 }] });
  expect(inc.status).toBe(201);
  const asg = await coord.post("/assignments", { staffId: person.id, needId: inc.body.needs[0].id });
  expect(asg.status).toBe(201);
  return asg.body as { id: string; version: number };
}

describe("[14.3] a staff member's snapshot is their own part", () => {
  it("holds their record, assignments, position and wishes only, all units; events about others apply; their own steps arrive", async () => {
    const city = (await coord.get("/state")).body as StateSnapshot & { staff: StaffRow[]; units: UnitRow[] };
    const spare = (s: StaffRow) => s.status === "available" && s.skills.includes("logistik");
    const [me, other] = city.units.flatMap((u) => {
      const people = city.staff.filter((s) => s.homeUnitId === u.id && spare(s));
      return people.length > u.floor + 2 ? people.slice(0, 1) : [];
    });
    expect(me && other).toBeTruthy();
    const mine = await requestFor(me!);
    await requestFor(other!);
    const staff = await server.as(me!.nip);

    const snap = (await staff.get("/state")).body as StateSnapshot;
    expect(snap.staff.map((s) => s.id)).toEqual([me!.id]);
    expect(snap.assignments.map((a) => a.id)).toEqual([mine.id]);
    expect(snap.positions.map((p) => p.id)).toEqual(me!.positionId ? [me!.positionId] : []);
    expect(snap.wishes.every((w) => w.staffId === me!.id)).toBe(true);
    expect(snap.plans).toEqual([]);
    expect(snap.units.length).toBe(city.units.length);
    expect(snap.incidents.length).toBe(city.incidents.length + 2);
    expect(city.staff.length).toBeGreaterThan(100); // the coordinator's is still the whole city

    const errors: string[] = [];
    const live = new LiveClient({
      origin: server.url, getToken: () => staff.token, notifyMs: 0, retryMs: 100, offlineAfterMs: 60_000, onError: (m) => errors.push(m),
      socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 200, useNativeTimers: true },
    });
    try {
      live.start();
      await until(() => live.getState()?.assignments.get(mine.id) !== undefined, "the staff member's snapshot");
      expect(live.getState()!.staff.size).toBe(1);
      // Events about records this client was never sent: a new person, another person's assignment.
      const newcomer = await makeStaff(coord, other!.homeUnitId, ["logistik"]);
      const theirs = await requestFor({ ...other!, id: newcomer.id });
      // And the staff member's own assignment, confirmed by their unit head.
      const head = await server.as(`kepala.${city.units.find((u) => u.id === me!.homeUnitId)!.code}`);
      expect((await head.post(`/assignments/${mine.id}/confirm`, { version: mine.version })).status).toBe(200);
      await until(() => live.getState()?.assignments.get(mine.id)?.state === "confirmed", "the confirmation on the staff member's phone");
      expect(live.getState()!.assignments.get(theirs.id)?.staffId).toBe(newcomer.id);
      expect(live.getState()!.seq).toBe(await server.store.lastSeq());
      expect(errors).toEqual([]);
    } finally {
      live.stop();
    }
  });
});
