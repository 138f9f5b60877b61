/**
 * Optimistic concurrency on every edit (issue 13, item 8): each PATCH requires the version the form was
 * opened with, and a stale one is a 409 `version` with the current version, never a silent overwrite.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../shared/routes.js";
import { makeIncident, makeStaff, makeUnit } from "../helpers/fixtures.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;
let colleague: Client;
beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
  coord = await server.as("koordinator");
  colleague = await server.as("koordinator");
});
afterAll(() => server.close());

describe("optimistic concurrency", () => {
  it("every PATCH route's body requires `version`", () => {
    const patches = ROUTES.filter((r) => r.method === "PATCH");
    expect(patches.length).toBeGreaterThanOrEqual(3);
    for (const r of patches) {
      const parsed = r.body!.safeParse({});
      expect(parsed.success, r.path).toBe(false);
      expect(parsed.error!.issues.some((i) => i.path[0] === "version"), r.path).toBe(true);
    }
  });

  it("two edits of one incident from the same opened version: the second gets 409, nothing is overwritten", async () => {
    const incident = await makeIncident(coord, [{ skill: "logistik", count: 2, priority: 3 }]);
    const opened = (await coord.get(`/incidents/${incident.id}`)).body;
    const first = await coord.patch(`/incidents/${incident.id}`, { version: opened.version, title: "Banjir uji, versi A", severity: 5 });
    expect(first.status).toBe(200);
    const seq = (await coord.get("/events?since=0&limit=1")).body.lastSeq;
    const second = await colleague.patch(`/incidents/${incident.id}`, { version: opened.version, title: "Banjir uji, versi B", needs: [] });
    expect(second.status).toBe(409);
    expect(second.body.error.details).toMatchObject({ reason: "version", currentVersion: first.body.version });
    const now = (await coord.get(`/incidents/${incident.id}`)).body;
    expect(now).toEqual(first.body);
    expect(now.needs).toHaveLength(1);
    expect((await coord.get("/events?since=0&limit=1")).body.lastSeq).toBe(seq);
  });

  it("units and staff: a stale version is a 409 and changes nothing", async () => {
    const unit = await makeUnit(coord);
    expect((await coord.patch(`/units/${unit.id}`, { version: unit.version, workload: 3 })).status).toBe(200);
    expect((await colleague.patch(`/units/${unit.id}`, { version: unit.version, workload: 9 })).body.error.details.reason).toBe("version");
    expect((await coord.get(`/units/${unit.id}`)).body.workload).toBe(3);
    const person = await makeStaff(coord, unit.id);
    expect((await coord.patch(`/staff/${person.id}`, { version: person.version, jabatan: "Penata Muda" })).status).toBe(200);
    const stale = await colleague.patch(`/staff/${person.id}`, { version: person.version, jabatan: "Penata Tingkat I" });
    expect(stale.status).toBe(409);
    expect((await coord.get(`/staff/${person.id}`)).body.jabatan).toBe("Penata Muda");
  });
});
