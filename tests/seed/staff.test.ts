import { describe, expect, it } from "vitest";
import { Staff, SKILLS, type Skill, type UnitKind } from "../../shared/domain.js";
import { StaffCreate } from "../../shared/api.js";
import { checkNip } from "../../shared/nip.js";
import { buildSeed } from "../../seed/index.js";
import { apportion, generateStaff, generateStaffAtScale, REFERENCE_YEAR } from "../../seed/staff.js";
import { seedUnits, UNIT_HEADCOUNT } from "../../seed/units.js";
import { FAMILY, FEMALE_GIVEN, MALE_GIVEN } from "../../seed/names.js";

const { units, staff } = buildSeed();
const unitById = new Map(units.map((u) => [u.id, u]));

function nipParts(nip: string) {
  return {
    birth: new Date(Date.UTC(+nip.slice(0, 4), +nip.slice(4, 6) - 1, +nip.slice(6, 8))),
    birthYear: +nip.slice(0, 4),
    birthMonth: +nip.slice(4, 6),
    tmtYear: +nip.slice(8, 12),
    tmtMonth: +nip.slice(12, 14),
    gender: nip[14],
    seq: +nip.slice(15),
  };
}

describe("seed staff", () => {
  it("are about 600 people, every one valid against the schemas", () => {
    expect(staff.length).toBeGreaterThanOrEqual(550);
    expect(staff.length).toBeLessThanOrEqual(700);
    for (const s of staff) {
      expect(Staff.parse(s)).toEqual(s);
      const { id: _id, version: _v, ...body } = s;
      expect(StaffCreate.safeParse(body).success, s.id).toBe(true);
    }
    expect(staff[0]!.id).toBe("stf-0001");
    expect(new Set(staff.map((s) => s.id)).size).toBe(staff.length);
  });

  it("have valid, unique NIPs: birth 1965–2000, TMT at 21+ and by 2025, gender digit, sequence 001–999", () => {
    expect(new Set(staff.map((s) => s.nip)).size).toBe(staff.length);
    for (const s of staff) {
      expect(checkNip(s.nip), s.nip).toEqual({ ok: true });
      const p = nipParts(s.nip);
      expect(p.birthYear).toBeGreaterThanOrEqual(1965);
      expect(p.birthYear).toBeLessThanOrEqual(2000);
      expect(p.tmtYear).toBeLessThanOrEqual(REFERENCE_YEAR);
      expect(p.tmtYear * 12 + p.tmtMonth, s.nip).toBeGreaterThanOrEqual((p.birthYear + 21) * 12 + p.birthMonth);
      expect(["1", "2"]).toContain(p.gender);
      expect(p.seq).toBeGreaterThanOrEqual(1);
      expect(p.seq).toBeLessThanOrEqual(999);
    }
  });

  it("have names whose given name matches the NIP's gender digit, from NTT name lists", () => {
    const male = new Set<string>(MALE_GIVEN);
    const female = new Set<string>(FEMALE_GIVEN);
    const family = [...FAMILY].sort((a, b) => b.length - a.length);
    for (const s of staff) {
      const bare = s.name.replace(/^(dr\.|drg\.|Ns\.) /, "").replace(/,.*$/, "");
      const given = bare.split(" ")[0]!;
      expect(nipParts(s.nip).gender === "1" ? male.has(given) : female.has(given), s.name).toBe(true);
      expect(family.some((f) => bare.endsWith(` ${f}`)), s.name).toBe(true);
    }
  });

  it("are deterministic: two builds are equal; another seed gives other people", () => {
    expect(buildSeed()).toEqual(buildSeed());
    expect(generateStaff(seedUnits(), { seed: 7 })).not.toEqual(staff);
  });

  it("fill each unit to its headcount, unit head first, leaving most units above floor + 1 available", () => {
    let aboveFloor = 0;
    for (const u of units) {
      const mine = staff.filter((s) => s.homeUnitId === u.id);
      expect(mine.length, u.code).toBe(UNIT_HEADCOUNT[u.id]);
      expect(mine.length, u.code).toBeGreaterThanOrEqual(u.floor + 1);
      expect(mine[0]!.status).toBe("available");
      if (mine.filter((s) => s.status === "available").length >= u.floor + 1) aboveFloor++;
    }
    expect(aboveFloor).toBe(units.length);
    expect(staff.every((s) => unitById.has(s.homeUnitId))).toBe(true);
  });

  it("have golongan, jabatan and skills that fit the unit kind", () => {
    const expected: Record<UnitKind, readonly Skill[]> = {
      puskesmas: ["medis", "keperawatan", "kesehatan_masyarakat"],
      rumah_sakit: ["medis", "keperawatan"],
      kelurahan: ["administrasi"],
      kecamatan: ["administrasi"],
      bpbd: ["evakuasi"],
      dinas: [],
      lainnya: ["administrasi"],
    };
    for (const u of units) {
      const skills = new Set(staff.filter((s) => s.homeUnitId === u.id).flatMap((s) => s.skills));
      for (const k of expected[u.kind]) expect(skills.has(k), `${u.code} ${k}`).toBe(true);
    }
    const skillsOf = (code: string) => new Set(staff.filter((s) => s.homeUnitId === `unit-${code}`).flatMap((s) => s.skills));
    for (const k of ["sosial", "psikososial", "dapur_umum", "logistik"] as const) expect(skillsOf("dinsos").has(k)).toBe(true);
    for (const k of ["evakuasi", "logistik", "komunikasi"] as const) expect(skillsOf("bpbd").has(k)).toBe(true);
    expect(skillsOf("pupr").has("teknik")).toBe(true);
    expect(skillsOf("satpol-pp").has("keamanan")).toBe(true);
    expect(new Set(staff.flatMap((s) => s.skills))).toEqual(new Set(SKILLS));
    for (const s of staff) {
      expect(s.skills.length).toBeGreaterThanOrEqual(1);
      expect(s.skills.length).toBeLessThanOrEqual(3);
      expect(new Set(s.skills).size).toBe(s.skills.length);
      expect(s.golongan).toMatch(/^(I|II|III|IV)\/[a-e]$/);
      expect(s.golongan).not.toMatch(/^(I|II|III)\/e$/);
      if (s.name.startsWith("dr.")) expect(s.skills).toContain("medis");
    }
    const heads = units.map((u) => staff.find((s) => s.homeUnitId === u.id)!);
    expect(heads.find((h) => h.homeUnitId === "unit-kel-oepura")!.jabatan).toBe("Lurah");
    expect(heads.find((h) => h.homeUnitId === "unit-kec-maulafa")!.jabatan).toBe("Camat");
    for (const h of heads) expect(h.golongan, h.jabatan).toMatch(/^(III\/[c-d]|IV\/[a-e])$/);
  });

  it("are mostly available and rested, about 30% volunteers, with fictional unique phones", () => {
    const share = (f: (s: Staff) => boolean) => staff.filter(f).length / staff.length;
    expect(share((s) => s.status === "available")).toBeGreaterThan(0.88);
    expect(share((s) => s.status === "leave")).toBeGreaterThan(0);
    expect(share((s) => s.status === "off_duty")).toBeGreaterThan(0);
    expect(staff.some((s) => s.status === "deployed")).toBe(false);
    expect(share((s) => s.volunteer)).toBeGreaterThan(0.22);
    expect(share((s) => s.volunteer)).toBeLessThan(0.38);
    expect(share((s) => s.fatigueHours === 0)).toBeGreaterThan(0.6);
    expect(Math.max(...staff.map((s) => s.fatigueHours))).toBeLessThanOrEqual(40);
    for (const s of staff) expect(s.phone).toMatch(/^\+62 810-\d{4}-\d{4}$/);
    expect(new Set(staff.map((s) => s.phone)).size).toBe(staff.length);
  });
});

describe("staff at scale", () => {
  it("apportions exactly, at least one per unit", () => {
    expect(apportion([1, 1, 1], 10).reduce((a, b) => a + b)).toBe(10);
    expect(apportion([100, 1], 2)).toEqual([1, 1]);
    expect(apportion([3, 1], 9)).toEqual([7, 2]);
    expect(() => apportion([1, 1], 1)).toThrow();
  });

  it("generates 10,000 valid, unique people over the seed units, deterministically", () => {
    const a = generateStaffAtScale(units, 10_000, 42);
    expect(a).toHaveLength(10_000);
    expect(new Set(a.map((s) => s.nip)).size).toBe(10_000);
    expect(new Set(a.map((s) => s.id)).size).toBe(10_000);
    for (const s of a) expect(Staff.safeParse(s).success).toBe(true);
    expect(generateStaffAtScale(units, 10_000, 42)).toEqual(a);
  });
});
