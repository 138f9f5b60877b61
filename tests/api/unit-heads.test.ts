/** The coordinator sees every unit head's username and contact; nobody else does (issue 13, item 9). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => { server = await startServer({ seed: "maulafa" }); }, 60_000);
afterAll(() => server?.close());

describe("GET /api/unit-heads", () => {
  it("lists one head per seeded unit with the username and the phone of the head's staff record, and the Plh stand-ins as acting", async () => {
    const coord = await server.as("koordinator");
    const res = await coord.get("/unit-heads");
    expect(res.status).toBe(200);
    const units = (await coord.get("/units")).body as { id: string; code: string }[];
    const all = res.body as { username: string; unitId: string; acting?: string }[];
    // Every unit's head, and besides them the named stand-ins (the seed names one Plh: issue 15).
    expect(all.filter((h) => h.acting === undefined)).toHaveLength(units.length);
    expect(all.filter((h) => h.acting === "plh").map((h) => h.username)).toEqual([expect.stringMatching(/^plh\./)]);
    const staff = new Map(((await coord.get("/staff")).body as { id: string; homeUnitId: string; phone?: string }[]).map((s) => [s.id, s]));
    for (const u of units) {
      const head = (res.body as { username: string; unitId: string; staffId?: string; phone?: string; acting?: string }[]).find((h) => h.unitId === u.id && h.acting === undefined)!;
      expect(head.username).toBe(`kepala.${u.code}`);
      expect(staff.get(head.staffId!)?.homeUnitId).toBe(u.id);
      expect(head.phone).toBe(staff.get(head.staffId!)!.phone);
    }
  });

  it("is the coordinator's only: a unit head and the screen get 403", async () => {
    const head = await server.as("kepala.dinsos");
    expect((await head.get("/unit-heads")).status).toBe(403);
    expect((await (await server.as("layar")).get("/unit-heads")).status).toBe(403);
  });
});
