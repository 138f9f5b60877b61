/**
 * Exports (issue 11) on a real server: the assignments CSV has one row per assignment, with the filters;
 * a name beginning with `=` (or +, -, @) comes out neutralised in CSV and XLSX; dates are WITA; the
 * person-days report ranks the units that gave most; the event log comes out whole; bad filters are a 400.
 */
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Assignment } from "../../shared/domain.js";
import { makeIncident, makeStaff, makeUnit } from "../helpers/fixtures.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;
let unitA: { id: string; code: string }, unitB: { id: string; code: string };
const assignments: Assignment[] = [];
let incidentId = "";

const csv = (bytes: Buffer) => parse(bytes.toString("utf8"), { bom: true, columns: true }) as Record<string, string>[];

beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
  coord = await server.as("koordinator");
  unitA = await makeUnit(coord);
  unitB = await makeUnit(coord);
  const evil = await makeStaff(coord, unitA.id, ["logistik"], { name: "=HYPERLINK(\"http://x\")" });
  const plain = await makeStaff(coord, unitA.id, ["logistik"], { name: "+628 Ana" });
  const fromB = await makeStaff(coord, unitB.id, ["logistik"], { name: "@Yohanis" });
  const incident = await makeIncident(coord, [{ skill: "logistik", count: 3, priority: 4 }]);
  incidentId = incident.id;
  // Releases make the requests confirm at once: no unit head needed.
  for (const [unit, staff] of [[unitA, evil], [unitA, plain], [unitB, fromB]] as const) {
    expect((await coord.post(`/units/${unit.id}/releases`, { staffIds: [staff.id], until: "2027-01-31T00:00:00+08:00" })).status).toBe(201);
    const a = (await coord.post("/assignments", { staffId: staff.id, needId: incident.needs[0]!.id })).body as Assignment;
    expect(a.state).toBe("confirmed");
    assignments.push(a);
  }
  // Two days away for the first, one for the others.
  // Sessions last 12 hours: sign in again after each day.
  server.clock.advance(86_400_000);
  coord = await server.as("koordinator");
  expect((await coord.post(`/assignments/${assignments[1]!.id}/complete`, {})).status).toBe(409); // not checked in: wrong state
  expect((await coord.post(`/assignments/${assignments[1]!.id}/cancel`, {})).status).toBe(200);
  expect((await coord.post(`/assignments/${assignments[2]!.id}/cancel`, {})).status).toBe(200);
  server.clock.advance(86_400_000);
  coord = await server.as("koordinator");
});
afterAll(() => server.close());

describe("exports", () => {
  it("the assignments CSV has one row per assignment, neutralised formulas, WITA dates", async () => {
    const res = await coord.get("/export/assignments.csv");
    expect(res.status).toBe(200);
    expect(res.contentType).toContain("text/csv");
    const rows = csv(res.bytes!);
    expect(rows.map((r) => r.id).sort()).toEqual(assignments.map((a) => a.id).sort());
    const names = rows.map((r) => r.nama).sort();
    expect(names).toEqual(["'+628 Ana", "'=HYPERLINK(\"http://x\")", "'@Yohanis"].sort());
    const first = rows.find((r) => r.id === assignments[0]!.id)!;
    // The test clock starts at 2026-12-20 08:00 +09:00 = 07:00 WITA.
    expect(first.dibuat_wita).toBe("2026-12-20 07:00:00 WITA");
    expect(first.hari_orang).toBe("2");
    expect(rows.find((r) => r.id === assignments[1]!.id)!.hari_orang).toBe("1");
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("filters by unit, incident and dates", async () => {
    expect(csv((await coord.get(`/export/assignments.csv?unit=${unitB.id}`)).bytes!).map((r) => r.id)).toEqual([assignments[2]!.id]);
    expect(csv((await coord.get(`/export/assignments.csv?incident=${incidentId}`)).bytes!)).toHaveLength(3);
    const none = await coord.get("/export/assignments.csv?incident=inc-none");
    expect(none.bytes!.toString("utf8").trim().split("\n")).toHaveLength(1); // the header only
    expect(csv((await coord.get("/export/assignments.csv?to=2026-12-19")).bytes!)).toHaveLength(0);
    expect(csv((await coord.get("/export/assignments.csv?from=2026-12-21T12:00:00%2B08:00")).bytes!).map((r) => r.id)).toEqual([assignments[0]!.id]);
  });

  it("the XLSX holds the same rows, neutralised", async () => {
    const res = await coord.get("/export/assignments.xlsx");
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.bytes! as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(1 + assignments.length);
    const names: string[] = [];
    sheet.eachRow((row, n) => { if (n > 1) names.push(String(row.getCell(3).value)); });
    expect(names.sort()).toEqual(["'+628 Ana", "'=HYPERLINK(\"http://x\")", "'@Yohanis"].sort());
    sheet.eachRow((row) => row.eachCell((cell) => expect(typeof cell.value === "object" && cell.value !== null && "formula" in cell.value).toBe(false)));
  });

  it("person-days per unit: the unit that gave most first", async () => {
    const rows = csv((await coord.get("/export/person-days.csv")).bytes!);
    expect(rows.slice(0, 2).map((r) => [r.kode_unit, r.pegawai_dikirim, r.penugasan, r.hari_orang])).toEqual([
      [unitA.code, "2", "2", "3"], [unitB.code, "1", "1", "1"],
    ]);
    expect(rows[0]!.persen_hari_orang).toBe("75");
    // A window of the first day only: one day for each.
    const day1 = csv((await coord.get("/export/person-days.csv?from=2026-12-20&to=2026-12-20")).bytes!);
    expect(day1.find((r) => r.kode_unit === unitA.code)!.hari_orang).toBe(String(Math.round((2 * (17 / 24)) * 100) / 100));
  });

  it("the event log comes out whole, in order, with WITA times", async () => {
    const last = (await coord.get("/events?since=0&limit=1")).body.lastSeq as number;
    const rows = csv((await coord.get("/export/events.csv")).bytes!);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(rows.every((r) => r.waktu_wita!.endsWith(" WITA"))).toBe(true);
    expect(rows.some((r) => r.jenis === "assignment.cancelled")).toBe(true);
    expect(csv((await coord.get(`/export/events.csv?since=${last - 2}`)).bytes!)).toHaveLength(2);
  });

  it("bad filters are a 400 naming them, and only a coordinator may export", async () => {
    const bad = await coord.get("/export/assignments.csv?from=kemarin&colour=red");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["(root)", "from"]);
    expect((await coord.get("/export/events.csv?limit=0")).status).toBe(400);
    const screen = await server.as("layar");
    expect((await screen.get("/export/assignments.csv")).status).toBe(403);
  });
});
