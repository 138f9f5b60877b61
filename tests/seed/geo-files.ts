/** Reads the bundled geography of seed/geo for the seed tests. */
import { readFileSync } from "node:fs";
import type { FeatureCollection } from "../../seed/geometry.js";

export interface KelurahanProps {
  kode: string;
  nama: string;
  kode_kec: string;
  kecamatan: string;
  centroid_lat: number;
  centroid_lng: number;
}

const geoDir = new URL("../../seed/geo/", import.meta.url);

export function readGeo<P = Record<string, unknown>>(name: string): FeatureCollection<P> {
  return JSON.parse(readFileSync(new URL(name, geoDir), "utf8")) as FeatureCollection<P>;
}

/** Rows of a simple CSV (quoted fields may hold commas; no embedded newlines). */
export function readCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(new URL(name, geoDir), "utf8").trim().split(/\r?\n/);
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cur = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
        else if (c === '"') quoted = false;
        else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") { out.push(cur); cur = ""; }
      else cur += c;
    }
    out.push(cur);
    return out;
  };
  const cols = split(header!);
  return lines.map((l) => Object.fromEntries(split(l).map((v, i) => [cols[i]!, v])));
}

export const kelurahanLayer = () => readGeo<KelurahanProps>("kota_kupang_kelurahan.geojson");
export const outlineLayer = () => readGeo("kota_kupang_outline.geojson");
