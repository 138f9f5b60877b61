/**
 * Surat Perintah Tugas (issue 11) on a real server over the Maulafa seed, read back with pdftotext
 * (poppler-utils): the letter holds the title, the person's name, NIP, golongan, the destination and a
 * number of the issuing unit's yearly counter; a reprint is the same bytes; its verify code opens the
 * public page, which shows nothing private; another unit's head, another person and a screen are refused.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Assignment, Staff, Unit } from "../../shared/domain.js";
import { maskNip, type LetterInfo } from "../../shared/letters.js";
import { makeIncident } from "../helpers/fixtures.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client, headA: Client, headB: Client, person: Client, other: Client, screen: Client;
let unitA: Unit, staffA: Staff[], target: Staff;

function pdfText(pdf: Buffer): string {
  const file = join(server.dir, `letter-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

/** An assignment of `staff` to a fresh incident needing their skill, confirmed by their head. */
async function confirmed(staff: Staff, title: string): Promise<Assignment> {
  const incident = await makeIncident(coord, [{ skill: staff.skills[0]!, count: 1, priority: 4 }]);
  await coord.patch(`/incidents/${incident.id}`, { version: incident.version, title });
  const a = (await coord.post("/assignments", { staffId: staff.id, needId: incident.needs[0]!.id })).body as Assignment;
  const res = await headA.post(`/assignments/${a.id}/confirm`, {});
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  server = await startServer({ seed: "maulafa" });
  coord = await server.as("koordinator");
  const state = (await coord.get("/state")).body as { units: Unit[]; staff: Staff[] };
  const spare = (u: Unit) => state.staff.filter((s) => s.homeUnitId === u.id && s.status === "available").length - u.floor;
  const units = [...state.units].sort((a, b) => spare(b) - spare(a) || a.id.localeCompare(b.id));
  unitA = units[0]!;
  staffA = state.staff.filter((s) => s.homeUnitId === unitA.id && s.status === "available" && !/^kepala/i.test(s.jabatan));
  target = staffA[0]!;
  const otherStaff = state.staff.find((s) => s.homeUnitId === units[1]!.id)!;
  [headA, headB, person, other, screen] = await Promise.all([
    server.as(`kepala.${unitA.code}`), server.as(`kepala.${units[1]!.code}`), server.as(target.nip), server.as(otherStaff.nip), server.as("layar"),
  ]);
});
afterAll(() => server.close());

describe("Surat Perintah Tugas", () => {
  let assignment: Assignment;
  let first: Buffer;

  it("is refused while the home unit has not confirmed", async () => {
    const incident = await makeIncident(coord, [{ skill: staffA[1]!.skills[0]!, count: 1, priority: 3 }]);
    const a = (await coord.post("/assignments", { staffId: staffA[1]!.id, needId: incident.needs[0]!.id })).body as Assignment;
    const res = await coord.get(`/assignments/${a.id}/letter.pdf`);
    expect([res.status, res.body.error.details.reason]).toEqual([409, "wrong_state"]);
    await coord.post(`/assignments/${a.id}/cancel`, {});
  });

  it("holds the title, name, NIP, golongan, destination and the unit's yearly number", async () => {
    assignment = await confirmed(target, "Banjir bandang Sikumana");
    const before = (await coord.get("/events?since=0&limit=1")).body.lastSeq as number;
    const res = await person.get(`/assignments/${assignment.id}/letter.pdf`);
    expect(res.status).toBe(200);
    expect(res.contentType).toBe("application/pdf");
    first = res.bytes!;
    const text = pdfText(first);
    for (const s of ["PEMERINTAH KOTA KUPANG", unitA.name.toUpperCase(), "SURAT PERINTAH TUGAS", "Dasar", "MEMERINTAHKAN:", "Kepada", "Untuk",
      target.name, target.nip, `(${target.golongan})`, target.jabatan, "Banjir bandang Sikumana", "Kupang, 20 Desember 2026"]) {
      expect(text, s).toContain(s);
    }
    const number = `800.1.11.1/001/${unitA.code.toUpperCase()}/XII/2026`;
    expect(text).toContain(`NOMOR: ${number}`);
    const events = (await coord.get(`/events?since=${before}`)).body.events as { type: string; data: { number: string } }[];
    expect(events.map((e) => [e.type, e.data.number])).toEqual([["letter.issued", number]]);
  });

  it("reprints as the same bytes, for everyone allowed, and issues nothing new", async () => {
    const before = (await coord.get("/events?since=0&limit=1")).body.lastSeq as number;
    for (const c of [person, headA, coord]) {
      const res = await c.get(`/assignments/${assignment.id}/letter.pdf`);
      expect(res.status).toBe(200);
      expect(res.bytes!.equals(first)).toBe(true);
    }
    expect((await coord.get("/events?since=0&limit=1")).body.lastSeq).toBe(before);
  });

  it("is refused to another unit's head, another staff member and a screen", async () => {
    for (const c of [headB, other, screen]) {
      expect((await c.get(`/assignments/${assignment.id}/letter.pdf`)).status).toBe(403);
      expect((await c.get(`/assignments/${assignment.id}/letter`)).status).toBe(403);
    }
  });

  it("the next letter of the unit takes the next number", async () => {
    const next = await confirmed(staffA[2]!, "Longsor Kolhua");
    const info = (await headA.get(`/assignments/${next.id}/letter`)).body as LetterInfo;
    expect(info.number).toBe(`800.1.11.1/002/${unitA.code.toUpperCase()}/XII/2026`);
    expect(info.signer.nip).toMatch(/^\d{18}$/);
  });

  it("its verify code opens the public page, which shows nothing private and runs no script", async () => {
    const info = (await person.get(`/assignments/${assignment.id}/letter`)).body as LetterInfo;
    expect(info.verifyUrl).toBe(`${server.url}/verify/${info.code}`);
    expect(pdfText(first)).toContain(info.verifyUrl);
    const res = await fetch(info.verifyUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("Surat ini terdaftar dan sah.");
    expect(html).toContain(info.number);
    expect(html).toContain(target.name);
    expect(html).toContain(maskNip(target.nip));
    expect(html).toContain("20 Desember 2026");
    expect(html).not.toContain(target.nip);
    if (target.phone) expect(html).not.toContain(target.phone);
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect((await fetch(`${server.url}/verify.css`)).status).toBe(200);
    const bad = await fetch(`${server.url}/verify/ZZZZZZZZZZ`);
    expect(bad.status).toBe(404);
    expect(await bad.text()).toContain("Surat tidak ditemukan");
    expect((await fetch(`${server.url}/verify/%3Cscript%3E`)).status).toBe(404);
  });

  it("prints all confirmed lines of a plan in one PDF", async () => {
    const incident = await makeIncident(coord, [{ skill: staffA[3]!.skills[0]!, count: 1, priority: 5 }]);
    const plan = (await coord.post("/plans")).body as { id: string; result: { assignments: { staffId: string }[] } };
    const approved = (await coord.post(`/plans/${plan.id}/approve`, {})).body.approved as Assignment[];
    expect(approved.length).toBeGreaterThan(0);
    expect((await coord.get(`/plans/${plan.id}/letters.pdf`)).status).toBe(409); // none confirmed yet (unless released)
    for (const a of approved) {
      const unit = (await coord.get(`/units/${a.fromUnitId}`)).body as Unit;
      expect((await (await server.as(`kepala.${unit.code}`)).post(`/assignments/${a.id}/confirm`, {})).status).toBe(200);
    }
    const res = await coord.get(`/plans/${plan.id}/letters.pdf`);
    expect(res.status).toBe(200);
    const text = pdfText(res.bytes!);
    expect(text.match(/SURAT PERINTAH TUGAS/g)!.length).toBe(approved.length);
    expect((await headA.get(`/plans/${plan.id}/letters.pdf`)).status).toBe(403);
    void incident;
  });
});
