/**
 * The whole mutasi cycle through the API on the Maulafa seed, ending in the SK read back as text: the seeded
 * cycle 2027 takes a wish from a staff login, closes, is planned from its state, reviewed, refused to the Plh,
 * decided by the PPK, its SK PDF names every moved person's NIP (pdftotext, poppler-utils), and TMT moves
 * them with one event each. Needs `pdftotext` (Debian poppler-utils): without it the test FAILS, never skips.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Staff } from "../../shared/domain.js";
import type { MutasiPlan, Position } from "../../shared/mutasi-cycle.js";
import { affectedUnitIds } from "../../shared/mutasi-rules.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;
const CYCLE = "cycle-2027";

beforeAll(async () => {
  server = await startServer({ seed: "maulafa" });
  coord = await server.as("koordinator");
});
afterAll(() => server.close());

describe("the mutasi cycle on the seed, to the SK and TMT", () => {
  let plan: MutasiPlan;
  let wisher: Staff;
  let wished: Position;

  it("the seeded cycle is open for wishes and every seeded person holds a position", async () => {
    const cycles = (await coord.get("/mutasi/cycles")).body;
    expect(cycles.find((c: { id: string }) => c.id === CYCLE)).toMatchObject({ phase: "wishes_open", year: 2027 });
    const staff = (await coord.get("/staff")).body as Staff[];
    const positions = new Set(((await coord.get("/positions")).body as Position[]).map((p) => p.id));
    expect(staff.every((s) => s.positionId !== undefined && positions.has(s.positionId))).toBe(true);
  });

  it("a staff member logged in by NIP sends a wish", async () => {
    const staff = (await coord.get("/staff")).body as Staff[];
    const positions = (await coord.get("/positions")).body as Position[];
    // Someone movable with a position of their jabatan elsewhere.
    for (const s of staff) {
      const client = await server.as(s.nip);
      const me = (await client.get(`/mutasi/cycles/${CYCLE}/me`)).body;
      if (!me.eligibility.movable || me.options.length === 0) continue;
      wisher = s;
      wished = positions.find((p) => p.id === me.options[0].id)!;
      const res = await client.put(`/mutasi/cycles/${CYCLE}/wishes/me`, { choice: "move", wishes: [wished.id], reasons: [{ code: "care", note: "Merawat orang tua" }] });
      expect(res.status).toBe(200);
      break;
    }
    expect(wisher).toBeDefined();
  });

  it("closes wishes, plans from the state with the wish in the input, and the moves honour the rules", async () => {
    let cycle = (await coord.get("/mutasi/cycles")).body.find((c: { id: string }) => c.id === CYCLE);
    cycle = (await coord.post(`/mutasi/cycles/${CYCLE}/phase`, { to: "wishes_closed", version: cycle.version })).body;
    const res = await coord.post(`/mutasi/cycles/${CYCLE}/plans`, {});
    expect(res.status).toBe(201);
    plan = res.body;
    expect(plan.input.staff.find((s) => s.id === wisher.id)).toMatchObject({ choice: "move", wishes: [wished.id] });
    expect(plan.result.moves.length).toBeGreaterThan(0);
    const jabatanOf = new Map(plan.input.positions.map((p) => [p.id, p.jabatan]));
    const movable = new Map(plan.input.staff.map((s) => [s.id, s.movable]));
    for (const m of plan.result.moves) {
      expect(jabatanOf.get(m.from)).toBe(jabatanOf.get(m.to));
      expect(movable.get(m.staffId)).toBe(true);
    }
  });

  it("is reviewed by the coordinator and an affected unit's head; the Plh is refused; the PPK decides", async () => {
    expect((await coord.post(`/mutasi/plans/${plan.id}/reviews`, { vote: "agree", note: "Sesuai ABK 2026" })).status).toBe(200);
    const unitId = affectedUnitIds(plan)[0]!;
    const unit = (await coord.get(`/units/${unitId}`)).body;
    const head = await server.as(`kepala.${unit.code}`);
    expect((await head.post(`/mutasi/plans/${plan.id}/reviews`, { vote: "object", note: "Pelayanan terganggu", staffIds: [plan.result.moves[0]!.staffId] })).status).toBe(200);
    const cycle = (await coord.get("/mutasi/cycles")).body.find((c: { id: string }) => c.id === CYCLE);
    expect((await coord.post(`/mutasi/cycles/${CYCLE}/phase`, { to: "in_review", version: cycle.version })).status).toBe(200);
    const plh = await server.as("plh.walikota");
    const refused = await plh.post(`/mutasi/plans/${plan.id}/decide`, { approve: true });
    expect([refused.status, refused.body.error.details.reason]).toEqual([403, "acting_signer"]);
    const walikota = await server.as("walikota");
    const decided = await walikota.post(`/mutasi/plans/${plan.id}/decide`, { approve: true });
    expect(decided.status).toBe(200);
    plan = decided.body;
    expect(plan.sk!.moves).toHaveLength(plan.result.moves.length);
  });

  it("the SK PDF, read back with pdftotext, is a Keputusan Wali Kota Kupang naming every moved person's NIP and the signer", async () => {
    const walikota = await server.as("walikota");
    const res = await fetch(`${server.url}/api/mutasi/plans/${plan.id}/sk.pdf`, { headers: { authorization: `Bearer ${walikota.token}` } });
    expect(res.status).toBe(200);
    const file = join(server.dir, "sk.pdf");
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
    expect(text).toContain("KEPUTUSAN WALI KOTA KUPANG");
    expect(text).toContain(plan.sk!.number);
    expect(text).toContain("LAMPIRAN");
    expect(text).toContain("YEREMIAS LAISKODAT");
    expect(text).not.toMatch(/Plh\./);
    expect(text).toContain("Ditetapkan di Kupang");
    expect(text).toContain("terhitung mulai tanggal 1 Maret 2027");
    for (const m of plan.sk!.moves) expect(text, m.name).toContain(m.nip);
  });

  it("TMT moves every decided person to their new position and unit, one event each", async () => {
    const before = (await coord.get("/events?since=0&limit=1")).body.lastSeq;
    const cycle = (await coord.get("/mutasi/cycles")).body.find((c: { id: string }) => c.id === CYCLE);
    const res = await coord.post(`/mutasi/cycles/${CYCLE}/phase`, { to: "effective", version: cycle.version });
    expect(res.status).toBe(200);
    const events = (await coord.get(`/events?since=${before}&limit=5000`)).body.events as { type: string; data: Staff }[];
    const updates = events.filter((e) => e.type === "staff.updated");
    expect(updates).toHaveLength(plan.sk!.moves.length);
    for (const m of plan.sk!.moves) {
      const after = updates.find((e) => e.data.id === m.staffId)!.data;
      expect(after).toMatchObject({ positionId: m.to.positionId, homeUnitId: m.to.unitId, tmtJabatan: "2027-03-01" });
    }
  });
});
