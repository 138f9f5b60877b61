/**
 * Issue 16, item 11, against a real server: need ids are the server's. A new incident or spike whose
 * needs carry ids is a 400, a PATCH may name only that incident's own needs (once each), and nothing is
 * changed by a refused request, so one need can never be shared by two incidents.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIncident, makeUnit } from "../helpers/fixtures.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;
beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
  coord = await server.as("koordinator");
});
afterAll(() => server.close());

const incident = (needs: unknown[]) => ({ type: "banjir", title: "Banjir", severity: 3, location: { lat: -10.2, lng: 123.6 }, needs });

describe("[16.11] need ids are assigned by the server", () => {
  it("a new incident or spike whose needs carry an id is a 400, and nothing is made", async () => {
    const before = (await coord.get("/incidents")).body.length;
    const res = await coord.post("/incidents", incident([{ id: "need-pilihan-klien", skill: "medis", count: 1, priority: 3 }]));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: "needs.0.id", reason: "unknown_need" }));
    expect((await coord.get("/incidents")).body.length).toBe(before);
    const unit = await makeUnit(coord);
    const spike = await coord.post(`/units/${unit.id}/spikes`, { reason: "Lonjakan pasien", extraWorkload: 2, needs: [{ id: "need-x", skill: "medis", count: 1, priority: 3 }] });
    expect(spike.status).toBe(400);
    expect((await coord.get(`/units/${unit.id}/spikes`)).body).toEqual([]);
  });

  it("a PATCH naming another incident's need is a 400 and changes nothing; new needs get fresh ids", async () => {
    const a = await makeIncident(coord, [{ skill: "medis", count: 1, priority: 5 }]);
    const b = await makeIncident(coord, [{ skill: "logistik", count: 2, priority: 3 }]);
    const stolen = await coord.patch(`/incidents/${b.id}`, { version: b.version, needs: [{ id: a.needs[0]!.id, skill: "medis", count: 5, priority: 5 }] });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.details).toContainEqual(expect.objectContaining({ path: "needs.0.id", reason: "unknown_need" }));
    const unchanged = (await coord.get(`/incidents/${b.id}`)).body;
    expect(unchanged.version).toBe(b.version);
    expect(unchanged.needs).toEqual(b.needs);
    const twice = await coord.patch(`/incidents/${b.id}`, { version: b.version, needs: [
      { id: b.needs[0]!.id, skill: "logistik", count: 2, priority: 3 }, { id: b.needs[0]!.id, skill: "sosial", count: 1, priority: 3 },
    ] });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details).toContainEqual(expect.objectContaining({ path: "needs.1.id", reason: "duplicate_id" }));
    const grown = await coord.patch(`/incidents/${b.id}`, { version: b.version, needs: [{ id: b.needs[0]!.id, skill: "logistik", count: 3, priority: 3 }, { skill: "medis", count: 1, priority: 4 }] });
    expect(grown.status).toBe(200);
    const ids = [...a.needs, ...grown.body.needs].map((n: { id: string }) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(grown.body.needs[0].id).toBe(b.needs[0]!.id);
  });
});
