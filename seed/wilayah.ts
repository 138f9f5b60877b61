/**
 * Region codes, names and centroids of Kota Kupang, embedded from seed/geo/kode_wilayah_kota_kupang.csv
 * (MIT, © 2024 Cahya DSN; see seed/geo/SOURCES.md) so the seed runs without file access (server, CLI and
 * browser alike). tests/seed checks this table against the CSV, so the two cannot drift apart.
 */
import type { LatLng } from "../shared/domain.js";

export interface Kecamatan {
  code: string;
  name: string;
  centroid: LatLng;
}

export interface Kelurahan {
  code: string;
  name: string;
  kecamatanCode: string;
  centroid: LatLng;
}

export const KOTA_KUPANG_CODE = "53.71";
export const MAULAFA_CODE = "53.71.02";

/**
 * Kecamatan Maulafa reference point (an area reference that falls in Bello, NOT the Kantor Camat), for the
 * map's default centre. Source: https://de.wikipedia.org/wiki/Maulafa, 10°12′5″S 123°37′27″E, CC BY-SA 4.0.
 */
export const MAULAFA_REFERENCE_POINT = {
  location: { lat: -10.201389, lng: 123.624167 },
  attribution: "Wikipedia (de), Maulafa, CC BY-SA 4.0",
} as const;

export const KECAMATAN: readonly Kecamatan[] = [
  { code: "53.71.01", name: "Alak", centroid: { lat: -10.222344, lng: 123.571541 } },
  { code: "53.71.02", name: "Maulafa", centroid: { lat: -10.21574, lng: 123.627349 } },
  { code: "53.71.03", name: "Kelapa Lima", centroid: { lat: -10.148321, lng: 123.64977 } },
  { code: "53.71.04", name: "Oebobo", centroid: { lat: -10.16794, lng: 123.624975 } },
  { code: "53.71.05", name: "Kota Raja", centroid: { lat: -10.181965, lng: 123.591804 } },
  { code: "53.71.06", name: "Kota Lama", centroid: { lat: -10.157481, lng: 123.593962 } },
];

export const KELURAHAN: readonly Kelurahan[] = [
  { code: "53.71.01.1001", name: "Namosain", kecamatanCode: "53.71.01", centroid: { lat: -10.175664, lng: 123.553351 } },
  { code: "53.71.01.1002", name: "Nunbaun Sabu", kecamatanCode: "53.71.01", centroid: { lat: -10.178625, lng: 123.565367 } },
  { code: "53.71.01.1003", name: "Nunbaun Delha", kecamatanCode: "53.71.01", centroid: { lat: -10.174608, lng: 123.570334 } },
  { code: "53.71.01.1004", name: "Nunhila", kecamatanCode: "53.71.01", centroid: { lat: -10.168177, lng: 123.572542 } },
  { code: "53.71.01.1005", name: "Fatufeto", kecamatanCode: "53.71.01", centroid: { lat: -10.168101, lng: 123.575802 } },
  { code: "53.71.01.1006", name: "Manutapen", kecamatanCode: "53.71.01", centroid: { lat: -10.181289, lng: 123.576396 } },
  { code: "53.71.01.1007", name: "Mantasi", kecamatanCode: "53.71.01", centroid: { lat: -10.170955, lng: 123.580607 } },
  { code: "53.71.01.1008", name: "Alak", kecamatanCode: "53.71.01", centroid: { lat: -10.19267, lng: 123.536828 } },
  { code: "53.71.01.1009", name: "Batu Plat", kecamatanCode: "53.71.01", centroid: { lat: -10.203433, lng: 123.585454 } },
  { code: "53.71.01.1010", name: "Manulai II", kecamatanCode: "53.71.01", centroid: { lat: -10.21786, lng: 123.556247 } },
  { code: "53.71.01.1011", name: "Naioni", kecamatanCode: "53.71.01", centroid: { lat: -10.25985, lng: 123.594649 } },
  { code: "53.71.01.1012", name: "Penkase Oeleta", kecamatanCode: "53.71.01", centroid: { lat: -10.191665, lng: 123.560751 } },
  { code: "53.71.02.1001", name: "Oepura", kecamatanCode: "53.71.02", centroid: { lat: -10.190146, lng: 123.611625 } },
  { code: "53.71.02.1002", name: "Maulafa", kecamatanCode: "53.71.02", centroid: { lat: -10.187696, lng: 123.622913 } },
  { code: "53.71.02.1003", name: "Penfui", kecamatanCode: "53.71.02", centroid: { lat: -10.174865, lng: 123.668802 } },
  { code: "53.71.02.1004", name: "Naimata", kecamatanCode: "53.71.02", centroid: { lat: -10.18356, lng: 123.641258 } },
  { code: "53.71.02.1005", name: "Bello", kecamatanCode: "53.71.02", centroid: { lat: -10.214071, lng: 123.626498 } },
  { code: "53.71.02.1006", name: "Fatukoa", kecamatanCode: "53.71.02", centroid: { lat: -10.244475, lng: 123.613183 } },
  { code: "53.71.02.1007", name: "Kolhua", kecamatanCode: "53.71.02", centroid: { lat: -10.210692, lng: 123.645473 } },
  { code: "53.71.02.1008", name: "Sikumana", kecamatanCode: "53.71.02", centroid: { lat: -10.206452, lng: 123.609023 } },
  { code: "53.71.02.1009", name: "Naikolan", kecamatanCode: "53.71.02", centroid: { lat: -10.190196, lng: 123.602153 } },
  { code: "53.71.03.1001", name: "Kelapa Lima", kecamatanCode: "53.71.03", centroid: { lat: -10.15132, lng: 123.618621 } },
  { code: "53.71.03.1010", name: "Oesapa", kecamatanCode: "53.71.03", centroid: { lat: -10.147979, lng: 123.652659 } },
  { code: "53.71.03.1011", name: "Lasiana", kecamatanCode: "53.71.03", centroid: { lat: -10.143861, lng: 123.670836 } },
  { code: "53.71.03.1014", name: "Oesapa Barat", kecamatanCode: "53.71.03", centroid: { lat: -10.148029, lng: 123.631532 } },
  { code: "53.71.03.1015", name: "Oesapa Selatan", kecamatanCode: "53.71.03", centroid: { lat: -10.159436, lng: 123.65315 } },
  { code: "53.71.04.1001", name: "Oebobo", kecamatanCode: "53.71.04", centroid: { lat: -10.168846, lng: 123.60194 } },
  { code: "53.71.04.1008", name: "Oetete", kecamatanCode: "53.71.04", centroid: { lat: -10.165745, lng: 123.589455 } },
  { code: "53.71.04.1009", name: "Oebufu", kecamatanCode: "53.71.04", centroid: { lat: -10.175483, lng: 123.621384 } },
  { code: "53.71.04.1010", name: "Liliba", kecamatanCode: "53.71.04", centroid: { lat: -10.168528, lng: 123.644905 } },
  { code: "53.71.04.1011", name: "Fatululi", kecamatanCode: "53.71.04", centroid: { lat: -10.16347, lng: 123.608591 } },
  { code: "53.71.04.1013", name: "Kayu Putih", kecamatanCode: "53.71.04", centroid: { lat: -10.163548, lng: 123.620539 } },
  { code: "53.71.04.1014", name: "Tuak Daun Merah", kecamatanCode: "53.71.04", centroid: { lat: -10.16337, lng: 123.630528 } },
  { code: "53.71.05.1001", name: "Bakunase", kecamatanCode: "53.71.05", centroid: { lat: -10.188816, lng: 123.585791 } },
  { code: "53.71.05.1002", name: "Bakunase Dua", kecamatanCode: "53.71.05", centroid: { lat: -10.192518, lng: 123.594285 } },
  { code: "53.71.05.1003", name: "Airnona", kecamatanCode: "53.71.05", centroid: { lat: -10.179554, lng: 123.586716 } },
  { code: "53.71.05.1004", name: "Naikoten Satu", kecamatanCode: "53.71.05", centroid: { lat: -10.180552, lng: 123.600258 } },
  { code: "53.71.05.1005", name: "Naikoten Dua", kecamatanCode: "53.71.05", centroid: { lat: -10.174668, lng: 123.59771 } },
  { code: "53.71.05.1006", name: "Kuanino", kecamatanCode: "53.71.05", centroid: { lat: -10.1712, lng: 123.592791 } },
  { code: "53.71.05.1007", name: "Nunleu", kecamatanCode: "53.71.05", centroid: { lat: -10.173953, lng: 123.589984 } },
  { code: "53.71.05.1008", name: "Fontein", kecamatanCode: "53.71.05", centroid: { lat: -10.167184, lng: 123.582372 } },
  { code: "53.71.06.1001", name: "Airmata", kecamatanCode: "53.71.06", centroid: { lat: -10.167542, lng: 123.578803 } },
  { code: "53.71.06.1002", name: "Lai Lai Bisi Kopan", kecamatanCode: "53.71.06", centroid: { lat: -10.161656, lng: 123.577418 } },
  { code: "53.71.06.1003", name: "Bonipoi", kecamatanCode: "53.71.06", centroid: { lat: -10.161904, lng: 123.580221 } },
  { code: "53.71.06.1004", name: "Solor", kecamatanCode: "53.71.06", centroid: { lat: -10.159476, lng: 123.582217 } },
  { code: "53.71.06.1005", name: "Tode Kisar", kecamatanCode: "53.71.06", centroid: { lat: -10.158002, lng: 123.585329 } },
  { code: "53.71.06.1006", name: "Merdeka", kecamatanCode: "53.71.06", centroid: { lat: -10.161684, lng: 123.585683 } },
  { code: "53.71.06.1007", name: "Oeba", kecamatanCode: "53.71.06", centroid: { lat: -10.159998, lng: 123.592918 } },
  { code: "53.71.06.1008", name: "Fatubesi", kecamatanCode: "53.71.06", centroid: { lat: -10.156322, lng: 123.591001 } },
  { code: "53.71.06.1009", name: "Pasir Panjang", kecamatanCode: "53.71.06", centroid: { lat: -10.153173, lng: 123.603407 } },
  { code: "53.71.06.1010", name: "Nefonaek", kecamatanCode: "53.71.06", centroid: { lat: -10.15689, lng: 123.602575 } },
];

const byCode = new Map(KELURAHAN.map((k) => [k.code, k]));

/** The kelurahan with this code; throws when the code is not in Kota Kupang. */
export function kelurahan(code: string): Kelurahan {
  const k = byCode.get(code);
  if (!k) throw new Error(`unknown kelurahan code ${code}`);
  return k;
}

/** The kelurahan of Kota Kupang with this name (exact, case-insensitive); throws when unknown or ambiguous. */
export function kelurahanByName(name: string): Kelurahan {
  const hits = KELURAHAN.filter((k) => k.name.toLowerCase() === name.toLowerCase());
  if (hits.length !== 1) throw new Error(`kelurahan name ${name} matches ${hits.length} rows`);
  return hits[0]!;
}

/** The 9 kelurahan of Kecamatan Maulafa, in code order. */
export const MAULAFA_KELURAHAN: readonly Kelurahan[] = KELURAHAN.filter((k) => k.kecamatanCode === MAULAFA_CODE);
