/**
 * The units (unit kerja / OPD) a surge in Kecamatan Maulafa draws on: the 9 kelurahan offices and the
 * Kantor Camat of Maulafa, the city's puskesmas, hospitals in and near Maulafa, the city offices that do
 * disaster work, and the kelurahan offices on Maulafa's borders.
 *
 * Positions: hospitals come from the POI file (OSM-derived, © OpenStreetMap contributors, ODbL 1.0).
 * Everything else sits on its kelurahan's centroid with `approximate: true`; UNIT_SOURCES says why.
 * Several city offices share the Kelapa Lima centroid, so their markers coincide on the map.
 *
 * `floor` is the staff who must stay for service continuity; `workload` the staff-equivalents of today's
 * own work. With the seeded headcounts (UNIT_HEADCOUNT) most loads (workload / headcount) are 0.6–0.85;
 * Puskesmas Sikumana and RSUD W. Z. Johannes run hotter (0.9+).
 */
import { Unit, type LatLng, type UnitKind } from "../shared/domain.js";
import type { ProfileId } from "./profiles.js";
import { kelurahanByName } from "./wilayah.js";

/** Hospital positions used by the seed, from seed/geo/poi_kota_kupang.csv (tests check they match). */
export const HOSPITAL_POI = {
  "RS St. Carolus Borromeus": { lat: -10.214981, lng: 123.620588 },
  "RS Jiwa Naimata": { lat: -10.178839, lng: 123.639063 },
  "RSUD S. K. Lerik (RSUD Kota Kupang)": { lat: -10.149674, lng: 123.608812 },
  "RSUP Dr. Ben Mboi": { lat: -10.220964, lng: 123.577964 },
  "RSUD Prof. Dr. W. Z. Johannes": { lat: -10.168121, lng: 123.585788 },
} as const satisfies Record<string, LatLng>;
export type HospitalPoiName = keyof typeof HOSPITAL_POI;

interface UnitSpec {
  code: string;
  name: string;
  kind: UnitKind;
  profile: ProfileId;
  /** Name of the kelurahan (in Kota Kupang) the unit lies in. */
  kelurahan: string;
  /** A real position from the POI file; without it, the kelurahan centroid (approximate). */
  poi?: HospitalPoiName;
  headcount: number;
  floor: number;
  workload: number;
  source: string;
}

const OSM = "position: POI file (OSM-derived, © OpenStreetMap contributors, ODbL 1.0)";
const CITY_HALL = "kelurahan assumed: city offices on Jl. S.K. Lerik near the city hall; no citable position (centroid)";
const BY_NAME = "kelurahan assumed from the unit's name; no citable position (centroid)";

const kel = (name: string, headcount: number, floor: number, workload: number, source = "the kelurahan it serves; office position unknown (centroid)"): UnitSpec => ({
  code: `kel-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
  name: `Kantor Lurah ${name}`,
  kind: "kelurahan",
  profile: "kelurahan",
  kelurahan: name,
  headcount, floor, workload, source,
});

const pkm = (name: string, kelurahan: string, headcount: number, floor: number, workload: number, source: string): UnitSpec => ({
  code: `pkm-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
  name: `UPTD Puskesmas ${name}`,
  kind: "puskesmas",
  profile: "puskesmas",
  kelurahan,
  headcount, floor, workload, source,
});

const city = (code: string, name: string, kind: UnitKind, profile: ProfileId, headcount: number, floor: number, workload: number): UnitSpec => ({
  code, name, kind, profile, kelurahan: "Kelapa Lima", headcount, floor, workload, source: CITY_HALL,
});

const SPECS: readonly UnitSpec[] = [
  // The 9 kelurahan of Kecamatan Maulafa (53.71.02.1001–1009). Sikumana, Bello and Kolhua are the busiest.
  kel("Oepura", 11, 5, 8),
  kel("Maulafa", 10, 4, 7),
  kel("Penfui", 10, 4, 6.5),
  kel("Naimata", 9, 4, 6),
  kel("Bello", 10, 4, 7.5),
  kel("Fatukoa", 8, 3, 5),
  kel("Kolhua", 10, 4, 7),
  kel("Sikumana", 12, 5, 9.5),
  kel("Naikolan", 8, 3, 5.5),
  {
    code: "kec-maulafa", name: "Kantor Camat Maulafa", kind: "kecamatan", profile: "kecamatan", kelurahan: "Maulafa",
    headcount: 18, floor: 7, workload: 13,
    source: "kelurahan assumed (the kecamatan's namesake); the Wikipedia reference point is NOT the office (centroid)",
  },

  // Puskesmas of Kota Kupang (Profil Kesehatan Kota Kupang 2016/2018 lists 11; Kupang Kota, far from Maulafa, is left out).
  pkm("Sikumana", "Sikumana", 28, 14, 26.5, "POI file: centroid of Sikumana (serves Sikumana, Bello, Fatukoa, Kolhua, Oepura, Naikolan)"),
  pkm("Penfui", "Penfui", 20, 10, 14.5, "POI file: centroid of Penfui (serves Penfui, Maulafa, Naimata)"),
  pkm("Alak", "Nunbaun Sabu", 16, 8, 11.5, "kelurahan Nunbaun Sabu per the puskesmas' own profile page (Jl. Sangkar Mas); centroid"),
  pkm("Naioni", "Naioni", 12, 6, 8, BY_NAME),
  pkm("Manutapen", "Manutapen", 14, 7, 10, BY_NAME),
  pkm("Oebobo", "Oebobo", 18, 9, 13.5, BY_NAME),
  pkm("Oepoi", "Oebufu", 16, 8, 11.5, "kelurahan assumed: Oebufu, one of the four it serves (Kayu Putih, Oebufu, Tuak Daun Merah, Liliba); centroid"),
  pkm("Bakunase", "Bakunase", 16, 8, 12, BY_NAME),
  pkm("Pasir Panjang", "Pasir Panjang", 14, 7, 10.5, BY_NAME),
  pkm("Oesapa", "Oesapa", 18, 9, 13, BY_NAME),

  // Hospitals with real positions. Ownership differs: Pemkot (S.K. Lerik), Pemprov NTT (Naimata, W.Z. Johannes),
  // Kemenkes (Ben Mboi), private Catholic (St. Carolus: its real staff are not ASN; seeded people are fictional).
  {
    code: "rs-st-carolus", name: "RS St. Carolus Borromeus", kind: "rumah_sakit", profile: "rumah_sakit", kelurahan: "Bello",
    poi: "RS St. Carolus Borromeus", headcount: 16, floor: 10, workload: 13, source: `${OSM}; private hospital`,
  },
  {
    code: "rsj-naimata", name: "RS Jiwa Naimata", kind: "rumah_sakit", profile: "rs_jiwa", kelurahan: "Naimata",
    poi: "RS Jiwa Naimata", headcount: 18, floor: 10, workload: 13, source: `${OSM}; Pemprov NTT`,
  },
  {
    code: "rsud-sk-lerik", name: "RSUD S. K. Lerik Kota Kupang", kind: "rumah_sakit", profile: "rumah_sakit", kelurahan: "Pasir Panjang",
    poi: "RSUD S. K. Lerik (RSUD Kota Kupang)", headcount: 22, floor: 13, workload: 18.5, source: `${OSM}; Pemkot Kupang`,
  },
  {
    code: "rsup-ben-mboi", name: "RSUP Dr. Ben Mboi", kind: "rumah_sakit", profile: "rumah_sakit", kelurahan: "Manulai II",
    poi: "RSUP Dr. Ben Mboi", headcount: 20, floor: 12, workload: 16, source: `${OSM}; Kemenkes`,
  },
  {
    code: "rsud-wz-johannes", name: "RSUD Prof. Dr. W. Z. Johannes", kind: "rumah_sakit", profile: "rumah_sakit", kelurahan: "Oetete",
    poi: "RSUD Prof. Dr. W. Z. Johannes", headcount: 24, floor: 15, workload: 22, source: `${OSM}; Pemprov NTT`,
  },

  // City offices.
  {
    code: "dinkes", name: "Dinas Kesehatan Kota Kupang", kind: "dinas", profile: "dinkes", kelurahan: "Oesapa Barat",
    headcount: 22, floor: 8, workload: 15.5,
    source: "kelurahan Oesapa Barat from the POI file's kelurahan_pip (address Jl. S.K. Lerik, Kelapa Lima); no position (centroid)",
  },
  city("dinsos", "Dinas Sosial Kota Kupang", "dinas", "dinsos", 26, 8, 18),
  city("bpbd", "BPBD Kota Kupang", "bpbd", "bpbd", 20, 6, 12),
  city("pupr", "Dinas Pekerjaan Umum dan Penataan Ruang Kota Kupang", "dinas", "pupr", 20, 8, 14),
  city("satpol-pp", "Satuan Polisi Pamong Praja Kota Kupang", "dinas", "satpolpp", 22, 9, 15.5),
  city("dishub", "Dinas Perhubungan Kota Kupang", "dinas", "dishub", 14, 6, 10),
  city("damkar", "Dinas Pemadam Kebakaran dan Penyelamatan Kota Kupang", "dinas", "damkar", 16, 8, 11),
  city("bkpsdm", "Badan Kepegawaian dan Pengembangan SDM Kota Kupang", "dinas", "bkpsdm", 10, 5, 7.5),
  city("kominfo", "Dinas Komunikasi dan Informatika Kota Kupang", "dinas", "kominfo", 9, 4, 6),
  city("dlhk", "Dinas Lingkungan Hidup dan Kebersihan Kota Kupang", "dinas", "dlhk", 12, 5, 8.5),
  city("setda-umum", "Sekretariat Daerah Kota Kupang, Bagian Umum", "lainnya", "setda", 10, 4, 7),

  // Kelurahan offices of the neighbouring kecamatan that border Maulafa (Oebobo, Kota Raja, Alak, Kelapa Lima).
  kel("Oebufu", 9, 4, 6),
  kel("Liliba", 9, 4, 5.5),
  kel("Bakunase", 9, 4, 6.5),
  kel("Bakunase Dua", 8, 3, 5),
  kel("Naikoten Satu", 8, 3, 5.5),
  kel("Batu Plat", 8, 3, 5),
  kel("Naioni", 7, 3, 4),
  kel("Oesapa Selatan", 8, 3, 5),
];

function toUnit(spec: UnitSpec): Unit {
  const k = kelurahanByName(spec.kelurahan);
  const location = spec.poi ? HOSPITAL_POI[spec.poi] : k.centroid;
  return Unit.parse({
    id: `unit-${spec.code}`,
    code: spec.code,
    name: spec.name,
    kind: spec.kind,
    location: { lat: location.lat, lng: location.lng },
    approximate: spec.poi === undefined,
    kelurahan: k.code,
    floor: spec.floor,
    workload: spec.workload,
    version: 1,
  });
}

/** The seeded units, validated; a fresh copy on every call. */
export function seedUnits(): Unit[] {
  return SPECS.map(toUnit);
}

const ids = SPECS.map((s) => `unit-${s.code}`);

/** How many staff the seed generates per unit id (the unit head included). */
export const UNIT_HEADCOUNT: Readonly<Record<string, number>> = Object.fromEntries(SPECS.map((s, i) => [ids[i]!, s.headcount]));

/** The staffing profile per unit id (finer than the unit kind). */
export const UNIT_PROFILE: Readonly<Record<string, ProfileId>> = Object.fromEntries(SPECS.map((s, i) => [ids[i]!, s.profile]));

/** Where each unit's position and kelurahan come from (shown next to approximate positions). */
export const UNIT_SOURCES: Readonly<Record<string, string>> = Object.fromEntries(SPECS.map((s, i) => [ids[i]!, s.source]));

/** Stable ids of units the scenario and tests refer to. */
export const UNIT_IDS = {
  kecMaulafa: "unit-kec-maulafa",
  kelSikumana: "unit-kel-sikumana",
  kelBello: "unit-kel-bello",
  kelKolhua: "unit-kel-kolhua",
  kelOepura: "unit-kel-oepura",
  pkmSikumana: "unit-pkm-sikumana",
  pkmPenfui: "unit-pkm-penfui",
  dinsos: "unit-dinsos",
  dinkes: "unit-dinkes",
  bpbd: "unit-bpbd",
  pupr: "unit-pupr",
  satpolPp: "unit-satpol-pp",
  bkpsdm: "unit-bkpsdm",
  rsCarolus: "unit-rs-st-carolus",
} as const;
