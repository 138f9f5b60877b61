import { describe, expect, it } from "vitest";
import { Staff, Unit } from "../../shared/domain.js";
import { checkNip } from "../../shared/nip.js";
import { generateProvince } from "../../seed/province.js";

describe("synthetic province", () => {
  const p = generateProvince(1);

  it("has 1,000 units and 100,000 staff, all valid and unique", () => {
    expect(p.units).toHaveLength(1000);
    expect(p.staff).toHaveLength(100_000);
    for (const u of p.units) expect(Unit.safeParse(u).success, u.id).toBe(true);
    expect(new Set(p.units.map((u) => u.id)).size).toBe(1000);
    expect(new Set(p.units.map((u) => u.code)).size).toBe(1000);
    expect(new Set(p.staff.map((s) => s.id)).size).toBe(100_000);
    expect(new Set(p.staff.map((s) => s.nip)).size).toBe(100_000);
    const unitIds = new Set(p.units.map((u) => u.id));
    for (const s of p.staff) {
      expect(unitIds.has(s.homeUnitId)).toBe(true);
      expect(checkNip(s.nip).ok).toBe(true);
    }
    for (let i = 0; i < p.staff.length; i += 97) expect(Staff.safeParse(p.staff[i]).success).toBe(true);
  });

  it("lies in NTT, flagged approximate and synthetic, with floors below headcount", () => {
    const count = new Map<string, number>();
    for (const s of p.staff) count.set(s.homeUnitId, (count.get(s.homeUnitId) ?? 0) + 1);
    for (const u of p.units) {
      expect(u.location.lat).toBeGreaterThan(-11.2);
      expect(u.location.lat).toBeLessThan(-7.8);
      expect(u.location.lng).toBeGreaterThan(118.7);
      expect(u.location.lng).toBeLessThan(125.4);
      expect(u.approximate).toBe(true);
      expect(u.name).toContain("sintetis");
      expect(u.floor).toBeLessThan(count.get(u.id)!);
    }
  });

  it("is deterministic and scales down", () => {
    const small = generateProvince(3, { units: 100, staff: 10_000 });
    expect(small.units).toHaveLength(100);
    expect(small.staff).toHaveLength(10_000);
    expect(generateProvince(3, { units: 100, staff: 10_000 })).toEqual(small);
  });
});
