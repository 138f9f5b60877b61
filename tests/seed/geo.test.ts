import { describe, expect, it } from "vitest";
import { featureAt, pointInGeometry, pointInPolygon, pointInRing } from "../../seed/geometry.js";
import { KECAMATAN, KELURAHAN, MAULAFA_KELURAHAN, MAULAFA_REFERENCE_POINT, kelurahan } from "../../seed/wilayah.js";
import { kelurahanLayer, outlineLayer, readCsv, readGeo } from "./geo-files.js";

describe("point in polygon", () => {
  const square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]] as const;
  const hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]] as const;
  it("tells inside from outside, holes excluded", () => {
    expect(pointInRing({ lng: 5, lat: 5 }, square)).toBe(true);
    expect(pointInRing({ lng: 11, lat: 5 }, square)).toBe(false);
    expect(pointInRing({ lng: -0.1, lat: 9.9 }, square)).toBe(false);
    expect(pointInPolygon({ lng: 5, lat: 5 }, [square, hole])).toBe(false);
    expect(pointInPolygon({ lng: 2, lat: 5 }, [square, hole])).toBe(true);
  });
  it("handles a concave ring", () => {
    const u = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]] as const;
    expect(pointInRing({ lng: 1.5, lat: 2 }, u)).toBe(false);
    expect(pointInRing({ lng: 0.5, lat: 2 }, u)).toBe(true);
  });
});

describe("seed/geo and seed/wilayah", () => {
  const layer = kelurahanLayer();

  it("has the 51 kelurahan of Kota Kupang, 9 of them in Maulafa, one feature each", () => {
    expect(layer.features).toHaveLength(51);
    expect(KELURAHAN).toHaveLength(51);
    expect(KECAMATAN).toHaveLength(6);
    expect(readGeo("maulafa_kelurahan.geojson").features).toHaveLength(9);
    expect(readGeo("kota_kupang_kecamatan.geojson").features).toHaveLength(6);
    expect(outlineLayer().features).toHaveLength(1);
  });

  it("embeds exactly the codes, names and centroids of kode_wilayah_kota_kupang.csv", () => {
    const rows = readCsv("kode_wilayah_kota_kupang.csv");
    const kel = rows.filter((r) => r.tingkat === "kelurahan").map((r) => ({
      code: r.kode, name: r.nama, kecamatanCode: r.kode_induk,
      centroid: { lat: Number(r.centroid_lat), lng: Number(r.centroid_lng) },
    }));
    expect(KELURAHAN).toEqual(kel);
    const kec = rows.filter((r) => r.tingkat === "kecamatan").map((r) => ({
      code: r.kode, name: r.nama, centroid: { lat: Number(r.centroid_lat), lng: Number(r.centroid_lng) },
    }));
    expect(KECAMATAN).toEqual(kec);
  });

  it("maps Maulafa's codes 53.71.02.1001–1009 to the right names", () => {
    expect(MAULAFA_KELURAHAN.map((k) => [k.code, k.name])).toEqual([
      ["53.71.02.1001", "Oepura"], ["53.71.02.1002", "Maulafa"], ["53.71.02.1003", "Penfui"],
      ["53.71.02.1004", "Naimata"], ["53.71.02.1005", "Bello"], ["53.71.02.1006", "Fatukoa"],
      ["53.71.02.1007", "Kolhua"], ["53.71.02.1008", "Sikumana"], ["53.71.02.1009", "Naikolan"],
    ]);
  });

  it("puts every kelurahan centroid inside its own polygon and inside the city outline", () => {
    const outline = outlineLayer().features[0]!.geometry;
    for (const k of KELURAHAN) {
      expect(featureAt(layer, k.centroid)?.properties.kode, k.name).toBe(k.code);
      expect(pointInGeometry(k.centroid, outline), k.name).toBe(true);
    }
    expect(featureAt(layer, MAULAFA_REFERENCE_POINT.location)?.properties.kode).toBe(kelurahan("53.71.02.1005").code);
  });

  it("keeps the licence and the attribution next to the data", async () => {
    const { readFileSync } = await import("node:fs");
    const dir = new URL("../../seed/geo/", import.meta.url);
    expect(readFileSync(new URL("LICENSE-cahyadsn-wilayah_boundaries-MIT.txt", dir), "utf8")).toContain("Cahya DSN");
    const sources = readFileSync(new URL("SOURCES.md", dir), "utf8");
    for (const phrase of ["MIT", "© OpenStreetMap contributors", "ODbL 1.0", "CC BY-SA 4.0"]) expect(sources).toContain(phrase);
  });
});
