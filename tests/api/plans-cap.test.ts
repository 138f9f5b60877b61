/**
 * Plans from the state take from units that are not busy (donorLoadCap, default 1.0), say what the cap
 * left open, and plan one need alone for "Cari pengganti"; the scenario loader is idempotent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type Client, type TestServer } from "../helpers/server.js";
import { loadScenarioInto } from "../helpers/scenario.js";

let server: TestServer;
let coord: Client;
type Result = { assignments: { staffId: string; needId: string; explain: { unitId: string; released: boolean } }[]; unfilled: { needId: string; count: number; reason?: string; byCap?: number }[]; metrics: { donorLoadCap?: number | null; unfilledByCap?: number; loadByUnit: Record<string, { before: number; after: number; taken: number }> } };

beforeAll(async () => {
  server = await startServer({ seed: "maulafa" });
  coord = await server.as("koordinator");
  await loadScenarioInto(server, coord);
}, 60_000);
afterAll(() => server?.close());

/** Units that lend a non-released person, with their load after the plan. */
function lenders(result: Result): [string, number][] {
  const units = new Set(result.assignments.filter((a) => !a.explain.released).map((a) => a.explain.unitId));
  return [...units].map((u) => [u, result.metrics.loadByUnit[u]!.after]);
}

describe("plans from the state with the donor load cap", () => {
  it("POST /api/plans on the scenario uses cap 1.0 by default and leaves no donor above 1.0", async () => {
    const res = await coord.post("/plans", {});
    expect(res.status).toBe(201);
    const result = res.body.result as Result;
    expect(result.metrics.donorLoadCap).toBe(1);
    expect(result.assignments.length).toBeGreaterThan(30);
    for (const [unitId, after] of lenders(result)) expect(after, unitId).toBeLessThanOrEqual(1 + 1e-9);
    // On the scenario this holds for every unit that gives anyone, released people included.
    for (const [unitId, l] of Object.entries(result.metrics.loadByUnit)) if (l.taken > 0) expect(l.after, unitId).toBeLessThanOrEqual(1 + 1e-9);
    const capped = result.unfilled.filter((u) => u.reason === "donor_cap");
    expect(result.metrics.unfilledByCap).toBe(capped.reduce((s, u) => s + u.byCap!, 0));
  });

  it("a relaxed cap (or none) is the coordinator's choice, and takes from busier units", async () => {
    const strict = (await coord.post("/plans", { donorLoadCap: 1 })).body.result as Result;
    const none = await coord.post("/plans", { donorLoadCap: null });
    expect(none.status).toBe(201);
    const free = none.body.result as Result;
    expect(free.metrics.donorLoadCap).toBeUndefined();
    expect(free.assignments.length).toBeGreaterThanOrEqual(strict.assignments.length);
    const highest = (r: Result) => Math.max(0, ...lenders(r).map(([, l]) => l));
    expect(highest(free)).toBeGreaterThan(1);
    const relaxed = (await coord.post("/plans", { donorLoadCap: 1.5 })).body.result as Result;
    expect(relaxed.metrics.donorLoadCap).toBe(1.5);
    for (const [unitId, after] of lenders(relaxed)) expect(after, unitId).toBeLessThanOrEqual(1.5 + 1e-9);
  });

  it("refuses a cap that is not a positive number, and unknown fields", async () => {
    for (const body of [{ donorLoadCap: 0 }, { donorLoadCap: -1 }, { donorLoadCap: "1" }, { cap: 1 }, { needIds: [] }]) {
      const res = await coord.post("/plans", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("validation");
    }
  });

  it("plans only the listed needs, and names an unknown need", async () => {
    const incidents = (await coord.get("/incidents")).body as { needs: { id: string; count: number }[] }[];
    const need = incidents[0]!.needs[0]!;
    const res = await coord.post("/plans", { needIds: [need.id] });
    expect(res.status).toBe(201);
    const result = res.body.result as Result;
    expect(result.assignments.length).toBeGreaterThan(0);
    expect(result.assignments.every((a) => a.needId === need.id)).toBe(true);
    expect(result.assignments.length + result.unfilled.reduce((s, u) => s + u.count, 0)).toBe(need.count);
    const bad = await coord.post("/plans", { needIds: [need.id, "need-nope"] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: "needIds.1", reason: "unknown_need" })]);
  });

  it("simulate applies a cap only when the input gives one", async () => {
    const units = [
      { id: "a", lat: -10.2, lng: 123.6, floor: 0, workload: 2 },
    ];
    const staff = [0, 1].map((i) => ({ id: `s${i}`, unitId: "a", skills: ["logistik"], fatigueHours: 0, volunteer: false, released: false }));
    const needs = [{ id: "n", siteId: "x", lat: -10.21, lng: 123.6, skill: "logistik", count: 1, priority: 3 }];
    const open = await coord.post("/plans/simulate", { units, staff, needs });
    expect(open.body.assignments).toHaveLength(1);
    const capped = await coord.post("/plans/simulate", { units, staff, needs, donorLoadCap: 1 });
    expect(capped.status).toBe(200);
    expect(capped.body.assignments).toHaveLength(0);
    expect(capped.body.unfilled).toEqual([{ needId: "n", count: 1, reason: "donor_cap", byCap: 1 }]);
    expect((await coord.post("/plans/simulate", { units, staff, needs, donorLoadCap: 0 })).status).toBe(400);
  });
});

describe("npm run scenario", () => {
  it("a second run changes nothing and says so in Indonesian", async () => {
    const before = (await coord.get("/events?since=0&limit=1")).body.lastSeq as number;
    const lines: string[] = [];
    const outcome = await loadScenarioInto(server, coord, (l) => lines.push(l));
    expect(outcome).toEqual({ incidents: 0, spikes: 0, released: 0 });
    expect(lines).toEqual(["[skenario] skenario sudah dimuat; tidak ada yang diubah"]);
    expect((await coord.get("/events?since=0&limit=1")).body.lastSeq).toBe(before);
  });
});
