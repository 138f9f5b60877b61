/**
 * Roster import (issue 11) on a real server over a real SQLite file: a staff CSV with a BOM and
 * semicolons holding good rows, bad NIPs, an unknown unit code, an unknown skill and a duplicate NIP is
 * refused row by row (spreadsheet row numbers, columns) and changes nothing, dry or not; the fixed file
 * imports (with logins and one event per record), imports again as all unchanged, and the XLSX of the
 * same rows gives the same answer. Units import by code the same way. The templates parse back.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_TYPE, XLSX_TYPE, type ImportResult } from "../../shared/roster.js";
import { makeUnit } from "../helpers/fixtures.js";
import { request, startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;
let unitA: { id: string; code: string };
let unitB: { id: string; code: string };

beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
  coord = await server.as("koordinator");
  unitA = await makeUnit(coord);
  unitB = await makeUnit(coord);
});
afterAll(() => server.close());

const BOM = "\uFEFF";
const upload = (path: string, data: Uint8Array | string, type = CSV_TYPE, token = coord.token) =>
  request(server.url, "POST", path, undefined, token, { type, data });
const lastSeq = async () => (await coord.get("/events?since=0&limit=1")).body.lastSeq as number;
const staffCount = async () => (await coord.get("/staff")).body.length as number;

const header = "NIP;Nama;Unit;Jabatan;Golongan;Keahlian;Telepon;Relawan";
const goodCells = () => [
  ["198503122010012003", "Maria Manafe, S.Kep.", unitA.code, "Perawat Ahli Pertama", "III/a", "keperawatan;psikososial", "+62 812-3456-7890", "ya"],
  ["199001012015031001", "Yohanis Bria", unitB.code, "Pengelola Logistik", "II/c", "logistik", "", "tidak"],
  ["198712252012011002", "Ana Lado; S.Sos.", unitA.code, "Penyuluh Sosial", "III/b", "sosial; dapur_umum", "", ""],
];
// A semicolon file quotes the cells that hold one (as spreadsheets write them).
const good = () => goodCells().map((cells) => cells.map((c) => (c.includes(";") ? `"${c}"` : c)).join(";"));
const rows = (lines: string[]) => BOM + [header, ...lines].join("\r\n") + "\r\n";

describe("staff import", () => {
  it("reports every bad row by its row number and column, and writes nothing", async () => {
    const before = [await lastSeq(), await staffCount()];
    const file = rows([
      ...good(),                                                                        // rows 2-4
      `19850312201001200;Salah Panjang;${unitA.code};Staf;III/a;sosial;;`,              // 5: 17 digits
      `198513122010012003;Bulan Salah;${unitA.code};Staf;III/a;sosial;;`,               // 6: month 13
      `198001012005011001;Unit Asing;tidak-ada;Staf;III/a;sosial;;`,                    // 7: unknown unit
      `198001012005011002;Ahli Sihir;${unitA.code};Staf;III/a;"sosial;sihir";;`,         // 8: unknown skill
      `198503122010012003;Maria Kembar;${unitA.code};Staf;III/a;sosial;;`,              // 9: NIP of row 2
      `198001012005011003;Gol Salah;${unitA.code};Staf;V/a;sosial;;maybe`,              // 10: golongan, relawan
    ]);
    for (const dry of ["?dryRun=1", ""]) {
      const res = await upload(`/import/staff${dry}`, file);
      expect(res.status).toBe(200);
      const body = res.body as ImportResult;
      expect(body).toMatchObject({ dryRun: dry !== "", written: false, created: 3, failed: 6 });
      const bad = body.rows.filter((r) => r.status === "error").map((r) => [r.row, r.errors.map((e) => e.column).sort()]);
      expect(bad).toEqual([[5, ["nip"]], [6, ["nip"]], [7, ["unit"]], [8, ["keahlian"]], [9, ["nip"]], [10, ["golongan", "relawan"]]]);
      expect(body.rows.find((r) => r.row === 6)!.errors[0]).toMatchObject({ reason: "nip_birth_date" });
      expect(body.rows.find((r) => r.row === 8)!.errors[0]).toMatchObject({ reason: "unknown_skill" });
      expect(body.rows.find((r) => r.row === 9)!.errors[0]).toMatchObject({ reason: "duplicate_in_file" });
      expect(body.logins).toBeUndefined();
    }
    expect([await lastSeq(), await staffCount()]).toEqual(before);
  });

  it("imports the fixed file: a dry run says exactly what the real run does", async () => {
    const file = rows(good());
    const before = await lastSeq();
    const dry = (await upload("/import/staff?dryRun=1", file)).body as ImportResult;
    expect(await lastSeq()).toBe(before);
    const real = (await upload("/import/staff", file)).body as ImportResult;
    expect({ ...dry, dryRun: false, written: true, logins: real.logins }).toEqual(real);
    expect(real).toMatchObject({ created: 3, updated: 0, unchanged: 0, failed: 0 });
    expect(real.rows.map((r) => [r.row, r.nip, r.status])).toEqual([
      [2, "198503122010012003", "created"], [3, "199001012015031001", "created"], [4, "198712252012011002", "created"],
    ]);
    // One event per staff record and per login, in one transaction.
    const events = (await coord.get(`/events?since=${before}`)).body.events as { type: string }[];
    expect(events.map((e) => e.type).sort()).toEqual(["staff.created", "staff.created", "staff.created", "user.created", "user.created", "user.created"]);
    const staff = (await coord.get("/staff")).body as { nip: string; name: string; skills: string[]; volunteer: boolean; phone?: string }[];
    expect(staff.find((s) => s.nip === "198712252012011002")).toMatchObject({ name: "Ana Lado; S.Sos.", skills: ["sosial", "dapur_umum"], volunteer: false });
    expect(staff.find((s) => s.nip === "198503122010012003")).toMatchObject({ volunteer: true, phone: "+62 812-3456-7890" });
    // The new person signs in with the NIP and the password handed out once.
    const login = real.logins!.find((l) => l.nip === "198503122010012003")!;
    const me = await server.as(login.username, login.password);
    expect(me.user).toMatchObject({ role: "staff" });
  });

  it("re-importing the same file changes nothing: every row unchanged", async () => {
    const before = await lastSeq();
    const res = (await upload("/import/staff", rows(good()))).body as ImportResult;
    expect(res).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 3, failed: 0, logins: [] });
    expect(await lastSeq()).toBe(before);
  });

  it("the XLSX of the same rows gives the same answer, in any column order", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("pegawai");
    const cols = header.split(";");
    const order = [1, 0, 7, 2, 3, 4, 5, 6]; // nama first, relawan third
    sheet.addRow(order.map((i) => cols[i]!.toUpperCase()));
    for (const cells of goodCells()) sheet.addRow(order.map((i) => cells[i]!));
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const csv = (await upload("/import/staff?dryRun=1", rows(good()))).body as ImportResult;
    const res = (await upload("/import/staff?dryRun=1", xlsx, XLSX_TYPE)).body as ImportResult;
    expect(res).toEqual(csv);
    expect(res.unchanged).toBe(3);
  });

  it("an edited row is an update, with its event; comma-separated files read too", async () => {
    const before = await lastSeq();
    const csv = ["nip,nama,unit,jabatan,golongan,keahlian,telepon,relawan", `199001012015031001,Yohanis Bria,${unitA.code},Pengelola Logistik,II/d,logistik,,tidak`].join("\n");
    const res = (await upload("/import/staff", csv)).body as ImportResult;
    expect(res).toMatchObject({ created: 0, updated: 1, failed: 0 });
    const events = (await coord.get(`/events?since=${before}`)).body.events as { type: string; data: { homeUnitId: string; golongan: string } }[];
    expect(events.map((e) => e.type)).toEqual(["staff.updated"]);
    expect(events[0]!.data).toMatchObject({ homeUnitId: unitA.id, golongan: "II/d" });
  });

  it("a file without a required column, or not CSV/XLSX at all, is a 400 naming it", async () => {
    const res = await upload("/import/staff", "nip;nama\n198503122010012003;Maria\n");
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(["columns.unit", "columns.jabatan", "columns.golongan", "columns.keahlian"]);
    expect((await upload("/import/staff", Buffer.from([0x50, 0x4b, 3, 4, 1, 2]), XLSX_TYPE)).status).toBe(400);
    expect((await upload("/import/staff", Buffer.from([0xff, 0xfe, 0x41, 0x00]))).status).toBe(400);
    expect((await coord.post("/import/staff", { nip: "x" })).status).toBe(400);
  });

  it("a unit head may not import", async () => {
    const head = await request(server.url, "POST", "/users", { username: "kepala.uji", password: "kata-sandi-uji", role: "unit_head", unitId: unitA.id }, coord.token);
    expect(head.status).toBe(201);
    const client = await server.as("kepala.uji", "kata-sandi-uji");
    expect((await upload("/import/staff?dryRun=1", rows(good()), CSV_TYPE, client.token)).status).toBe(403);
  });
});

describe("unit import", () => {
  const unitsCsv = (workload: string) => BOM + [
    "kode;nama;jenis;lat;lng;kelurahan;batas_minimum;beban_kerja",
    `pkm-impor;UPTD Puskesmas Impor;puskesmas;-10,1960;123,6240;53.71.02.1008;6;${workload}`,
    "kel-impor;Kantor Lurah Impor;kelurahan;-10.20;123.62;53.71.02.1001;2;3",
    "KEL-IMPOR;Kantor Lurah Kembar;kelurahan;-10.20;123.62;53.71.02.1001;2;3",
    "bad-impor;Salah;pasar;-100;123.62;53.71.2.1001;-1;x",
  ].join("\n");

  it("refuses bad rows by column, then upserts by code", async () => {
    const bad = (await upload("/import/units?dryRun=1", unitsCsv("12"))).body as ImportResult;
    expect(bad.rows.filter((r) => r.status === "error").map((r) => [r.row, [...new Set(r.errors.map((e) => e.column))].sort()])).toEqual([
      [4, ["kode"]], [5, ["batas_minimum", "beban_kerja", "jenis", "kelurahan", "lat"]],
    ]);
    const fixed = (w: string) => unitsCsv(w).split("\n").slice(0, 3).join("\n");
    const first = (await upload("/import/units", fixed("12"))).body as ImportResult;
    expect(first).toMatchObject({ written: true, created: 2, failed: 0 });
    const units = (await coord.get("/units")).body as { code: string; location: { lat: number }; workload: number }[];
    expect(units.find((u) => u.code === "pkm-impor")).toMatchObject({ location: { lat: -10.196 }, workload: 12 });
    expect((await upload("/import/units", fixed("12"))).body).toMatchObject({ unchanged: 2, created: 0, updated: 0 });
    expect((await upload("/import/units", fixed("14.5"))).body).toMatchObject({ unchanged: 1, updated: 1 });
  });
});

describe("templates", () => {
  it("download as CSV and XLSX with an example row that imports", async () => {
    const csv = await coord.get("/import/units/template.csv");
    expect(csv.contentType).toContain(CSV_TYPE);
    expect(csv.bytes!.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect((await upload("/import/units?dryRun=1", csv.bytes!)).body).toMatchObject({ failed: 0, created: 1 });
    const xlsx = await coord.get("/import/units/template.xlsx");
    expect(xlsx.contentType).toContain(XLSX_TYPE);
    expect((await upload("/import/units?dryRun=1", xlsx.bytes!, XLSX_TYPE)).body).toMatchObject({ failed: 0, created: 1 });
    const staffCsv = await coord.get("/import/staff/template.csv");
    expect(staffCsv.bytes!.toString("utf8")).toContain("nip,nama,unit,jabatan,golongan,keahlian,telepon,relawan");
    const staffXlsx = await coord.get("/import/staff/template.xlsx");
    // The example names a unit this world lacks: the only error is that unit.
    const res = (await upload("/import/staff?dryRun=1", staffXlsx.bytes!, XLSX_TYPE)).body as ImportResult;
    expect(res.rows.map((r) => [r.row, r.errors.map((e) => e.column)])).toEqual([[2, ["unit"]]]);
  });
});
