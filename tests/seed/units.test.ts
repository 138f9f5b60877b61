import { describe, expect, it } from "vitest";
import { Unit, UNIT_KINDS } from "../../shared/domain.js";
import { UnitCreate } from "../../shared/api.js";
import { featureAt, pointInGeometry } from "../../seed/geometry.js";
import { HOSPITAL_POI, seedUnits, UNIT_HEADCOUNT, UNIT_IDS, UNIT_PROFILE, UNIT_SOURCES } from "../../seed/units.js";
import { KELURAHAN, MAULAFA_KELURAHAN } from "../../seed/wilayah.js";
import { kelurahanLayer, outlineLayer, readCsv } from "./geo-files.js";

const units = seedUnits();
const layer = kelurahanLayer();
const outline = outlineLayer().features[0]!.geometry;

describe("seed units", () => {
  it("are 40–50 valid units with every kind represented", () => {
    expect(units.length).toBeGreaterThanOrEqual(40);
    expect(units.length).toBeLessThanOrEqual(50);
    for (const u of units) {
      expect(Unit.parse(u)).toEqual(u);
      expect(u.version).toBe(1);
      // What a loader would POST: the unit without id/version passes the strict create body.
      const { id: _id, version: _v, ...body } = u;
      expect(UnitCreate.safeParse(body).success, u.code).toBe(true);
    }
    expect(new Set(units.map((u) => u.kind))).toEqual(new Set(UNIT_KINDS));
  });

  it("have unique stable ids and codes that make unique usernames kepala.<code>", () => {
    expect(new Set(units.map((u) => u.id)).size).toBe(units.length);
    const usernames = units.map((u) => `kepala.${u.code}`);
    expect(new Set(usernames).size).toBe(units.length);
    for (const u of units) {
      expect(u.code).toMatch(/^[a-z0-9-]+$/);
      expect(u.id).toBe(`unit-${u.code}`);
    }
    expect(units.find((u) => u.id === "unit-kel-oepura")?.code).toBe("kel-oepura");
    for (const id of Object.values(UNIT_IDS)) expect(units.some((u) => u.id === id), id).toBe(true);
  });

  it("include the 9 Maulafa kelurahan offices with the right codes, and the named units", () => {
    for (const k of MAULAFA_KELURAHAN) {
      const office = units.find((u) => u.kind === "kelurahan" && u.kelurahan === k.code && u.name === `Kantor Lurah ${k.name}`);
      expect(office, k.name).toBeDefined();
      expect(office!.id).toBe(`unit-kel-${k.name.toLowerCase()}`);
    }
    const names = units.map((u) => u.name);
    for (const n of [
      "Kantor Camat Maulafa", "UPTD Puskesmas Sikumana", "UPTD Puskesmas Penfui", "Dinas Sosial Kota Kupang",
      "Dinas Kesehatan Kota Kupang", "BPBD Kota Kupang", "RS St. Carolus Borromeus", "RS Jiwa Naimata",
    ]) expect(names).toContain(n);
    expect(names.some((n) => n.includes("Pekerjaan Umum"))).toBe(true);
    expect(names.some((n) => n.includes("Polisi Pamong Praja"))).toBe(true);
  });

  it("lie inside Kota Kupang, in the kelurahan they name", () => {
    for (const u of units) {
      expect(pointInGeometry(u.location, outline), u.code).toBe(true);
      expect(featureAt(layer, u.location)?.properties.kode, u.code).toBe(u.kelurahan);
    }
  });

  it("use real POI positions for hospitals and the kelurahan centroid, flagged approximate, otherwise", () => {
    const poi = new Map(readCsv("poi_kota_kupang.csv").map((r) => [r.nama, r]));
    for (const [name, pos] of Object.entries(HOSPITAL_POI)) {
      const row = poi.get(name);
      expect(row, name).toBeDefined();
      expect({ lat: Number(row!.lat), lng: Number(row!.lng) }).toEqual(pos);
    }
    const centroids = new Map(KELURAHAN.map((k) => [k.code, k.centroid]));
    for (const u of units) {
      expect(UNIT_SOURCES[u.id], u.code).toBeTruthy();
      if (u.approximate) {
        expect(u.location, u.code).toEqual(centroids.get(u.kelurahan));
      } else {
        expect(u.kind, u.code).toBe("rumah_sakit");
        expect(Object.values(HOSPITAL_POI)).toContainEqual(u.location);
        expect(UNIT_SOURCES[u.id]).toContain("OpenStreetMap");
      }
    }
    // Puskesmas Sikumana and Penfui: the POI file gives the centroid of their kelurahan.
    for (const [id, name] of [[UNIT_IDS.pkmSikumana, "UPTD Puskesmas Sikumana"], [UNIT_IDS.pkmPenfui, "UPTD Puskesmas Penfui"]] as const) {
      const row = poi.get(name)!;
      expect(units.find((u) => u.id === id)!.location).toEqual({ lat: Number(row.lat), lng: Number(row.lng) });
    }
  });

  it("have plausible floors and workloads: loads mostly 0.5–0.9, a few busy units above", () => {
    const loads = units.map((u) => u.workload / UNIT_HEADCOUNT[u.id]!);
    for (const u of units) {
      const n = UNIT_HEADCOUNT[u.id]!;
      expect(u.floor, u.code).toBeGreaterThan(0);
      expect(u.floor, u.code).toBeLessThan(n);
      expect(u.workload, u.code).toBeGreaterThan(u.floor);
      expect(u.workload, u.code).toBeLessThan(n);
      expect(UNIT_PROFILE[u.id], u.code).toBeDefined();
    }
    const typical = loads.filter((l) => l >= 0.5 && l <= 0.9).length;
    expect(typical / loads.length).toBeGreaterThan(0.85);
    expect(loads.filter((l) => l > 0.9).length).toBeGreaterThanOrEqual(2);
  });

  it("returns fresh copies", () => {
    const a = seedUnits();
    a[0]!.workload = 999;
    expect(seedUnits()[0]!.workload).not.toBe(999);
  });
});
