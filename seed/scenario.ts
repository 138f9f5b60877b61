/**
 * A FICTIONAL demo scenario for Kecamatan Maulafa in the December–January rains: flash floods and
 * landslides in Sikumana, Bello and Kolhua, a demand spike at Puskesmas Sikumana, and families from lower
 * Kota Raja sheltering in Oepura. Every title, reason and note starts with "[Fiktif]".
 *
 * Scale is taken from real events (numbers as given in DESIGN.md, "Seed data"): Cyclone Seroja, 4–5 Apr
 * 2021, affected 1,062 KK / 4,248 people in Kota Kupang with about 10 shelters; the floods of 23 Feb 2022
 * affected 985 people and 197 houses in 11 kelurahan; Dinas Sosial's Tagana ran the dapur umum. The
 * scenario sits between the two (about 1,300 people, 3 shelters), and asks for ~100 ASN so the seed can
 * cover it.
 *
 * The output is plain API bodies (shared/api.ts), so a loader can POST them through the services:
 * incidents to /api/incidents, spikes to /api/units/:unitId/spikes, releases to /api/units/:unitId/releases.
 */
import { IncidentCreate, ReleaseCreate, SpikeCreate } from "../shared/api.js";
import type { LatLng, Skill, Staff, Unit } from "../shared/domain.js";
import { generateStaff } from "./staff.js";
import { seedUnits, UNIT_IDS } from "./units.js";
import { kelurahanByName } from "./wilayah.js";

export const FICTIONAL = "[Fiktif]";

export interface ScenarioSpike {
  unitId: string;
  body: SpikeCreate;
}

export interface ScenarioRelease {
  unitId: string;
  body: ReleaseCreate;
}

export interface ScenarioMeta {
  title: string;
  description: string;
  fictional: true;
  /** Per incident (same order as `incidents`): the impact behind its needs. */
  impacts: string[];
  /** Where the orders of magnitude come from. */
  scale: string[];
}

export interface Scenario {
  meta: ScenarioMeta;
  incidents: IncidentCreate[];
  spikes: ScenarioSpike[];
  releases: ScenarioRelease[];
}

export interface ScenarioOptions {
  /** The scenario's "now": spikes and releases end relative to it. */
  now: Date;
  /** Units to take command posts from (default: the seed's). */
  units?: readonly Unit[];
  /** Staff to release (default: the seed's generated staff for `units`). */
  staff?: readonly Staff[];
}

const HOUR = 3_600_000;

const code = (name: string): string => kelurahanByName(name).code;

/** Picks `n` available, non-head staff of a unit who have one of the skills: volunteers first, then by id. */
function pickForRelease(staff: readonly Staff[], unitId: string, skills: readonly Skill[], n: number): string[] {
  const mine = staff.filter((s) => s.homeUnitId === unitId);
  const head = mine[0]?.id;
  const fit = mine
    .filter((s) => s.id !== head && s.status === "available" && s.skills.some((k) => skills.includes(k)))
    .sort((a, b) => Number(b.volunteer) - Number(a.volunteer) || a.id.localeCompare(b.id));
  if (fit.length < n) throw new Error(`scenario: ${unitId} has only ${fit.length} staff to release with ${skills.join("/")}`);
  return fit.slice(0, n).map((s) => s.id);
}

/** The fictional Maulafa rainy-season scenario as API bodies; pure and deterministic for a given `now`. */
export function buildScenario(options: ScenarioOptions): Scenario {
  const units = options.units ?? seedUnits();
  const staff = options.staff ?? generateStaff(units);
  const at = (id: string): LatLng => {
    const u = units.find((x) => x.id === id);
    if (!u) throw new Error(`scenario: unit ${id} is missing`);
    return { lat: u.location.lat, lng: u.location.lng };
  };
  const later = (hours: number): string => new Date(options.now.getTime() + hours * HOUR).toISOString();

  const incidents: IncidentCreate[] = [
    {
      type: "banjir",
      title: `${FICTIONAL} Banjir bandang di Kelurahan Sikumana`,
      severity: 4,
      location: { lat: -10.2085, lng: 123.6065 },
      radiusM: 600,
      kelurahan: [code("Sikumana")],
      commandPost: at(UNIT_IDS.kelSikumana),
      needs: [
        { skill: "evakuasi", count: 8, priority: 5 },
        { skill: "keperawatan", count: 3, priority: 4 },
        { skill: "medis", count: 2, priority: 4 },
        { skill: "logistik", count: 5, priority: 3 },
        { skill: "dapur_umum", count: 5, priority: 3 },
        { skill: "psikososial", count: 3, priority: 2 },
        { skill: "administrasi", count: 2, priority: 2 },
      ],
    },
    {
      type: "tanah_longsor",
      title: `${FICTIONAL} Tanah longsor di lereng Kelurahan Kolhua`,
      severity: 3,
      location: { lat: -10.2135, lng: 123.648 },
      // The slide scar, a small quadrilateral (GeoJSON order: [lng, lat], closed).
      polygon: [
        [123.6468, -10.2128], [123.6492, -10.2126], [123.6494, -10.2143], [123.6466, -10.2145], [123.6468, -10.2128],
      ],
      kelurahan: [code("Kolhua")],
      commandPost: at(UNIT_IDS.kelKolhua),
      needs: [
        { skill: "evakuasi", count: 5, priority: 5 },
        { skill: "teknik", count: 4, priority: 4 },
        { skill: "keamanan", count: 3, priority: 3 },
        { skill: "kesehatan_masyarakat", count: 2, priority: 3 },
        { skill: "komunikasi", count: 2, priority: 2 },
      ],
    },
    {
      type: "banjir",
      title: `${FICTIONAL} Banjir dan longsor kecil di Kelurahan Bello`,
      severity: 3,
      location: { lat: -10.2175, lng: 123.6285 },
      radiusM: 500,
      kelurahan: [code("Bello")],
      commandPost: at(UNIT_IDS.kelBello),
      needs: [
        { skill: "evakuasi", count: 4, priority: 4 },
        { skill: "teknik", count: 3, priority: 4 },
        { skill: "logistik", count: 3, priority: 3 },
        { skill: "sosial", count: 4, priority: 3 },
        { skill: "kesehatan_masyarakat", count: 2, priority: 3 },
      ],
    },
    {
      type: "lainnya",
      title: `${FICTIONAL} Pengungsian warga Kota Raja di Kelurahan Oepura (3 posko)`,
      severity: 3,
      location: { lat: -10.1905, lng: 123.61 },
      radiusM: 800,
      kelurahan: [code("Oepura"), code("Bakunase"), code("Bakunase Dua")],
      commandPost: at(UNIT_IDS.kecMaulafa),
      needs: [
        { skill: "dapur_umum", count: 8, priority: 4 },
        { skill: "logistik", count: 5, priority: 4 },
        { skill: "sosial", count: 5, priority: 3 },
        { skill: "psikososial", count: 4, priority: 3 },
        { skill: "kesehatan_masyarakat", count: 3, priority: 3 },
        { skill: "administrasi", count: 3, priority: 2 },
        { skill: "keamanan", count: 2, priority: 2 },
      ],
    },
  ].map((i) => IncidentCreate.parse(i));

  const spikes: ScenarioSpike[] = [
    {
      unitId: UNIT_IDS.pkmSikumana,
      body: {
        reason: `${FICTIONAL} Lonjakan pasien pascabanjir: diare, ISPA dan luka ringan dari Sikumana, Bello dan Kolhua`,
        extraWorkload: 10,
        needs: [
          { skill: "keperawatan", count: 4, priority: 4 },
          { skill: "medis", count: 2, priority: 4 },
          { skill: "kesehatan_masyarakat", count: 2, priority: 3 },
        ],
        until: later(5 * 24),
      },
    },
    {
      unitId: UNIT_IDS.kelSikumana,
      body: {
        reason: `${FICTIONAL} Pendataan KK terdampak dan surat keterangan untuk bantuan sosial`,
        extraWorkload: 4,
        needs: [{ skill: "administrasi", count: 3, priority: 3 }],
        until: later(3 * 24),
      },
    },
  ].map((s) => ({ unitId: s.unitId, body: SpikeCreate.parse(s.body) }));

  const release = (unitId: string, skills: readonly Skill[], n: number, note: string, hours = 72): ScenarioRelease => ({
    unitId,
    body: ReleaseCreate.parse({ staffIds: pickForRelease(staff, unitId, skills, n), until: later(hours), note: `${FICTIONAL} ${note}` }),
  });
  const releases: ScenarioRelease[] = [
    release(UNIT_IDS.dinsos, ["dapur_umum"], 4, "Dilepas untuk dapur umum bersama Tagana"),
    release(UNIT_IDS.dinkes, ["kesehatan_masyarakat"], 3, "Dilepas untuk surveilans penyakit pascabanjir"),
    release(UNIT_IDS.pupr, ["teknik"], 2, "Dilepas untuk kaji cepat tebing dan saluran"),
    release(UNIT_IDS.kecMaulafa, ["administrasi", "sosial"], 2, "Dilepas untuk posko pengungsian"),
    release(UNIT_IDS.bkpsdm, ["administrasi"], 1, "Dilepas untuk administrasi posko", 48),
  ];

  return {
    meta: {
      title: `${FICTIONAL} Banjir bandang dan longsor di Maulafa, musim hujan Desember–Januari`,
      description:
        `${FICTIONAL} Hujan lebat beberapa hari memicu banjir bandang di Sikumana, longsor di lereng Kolhua dan banjir ` +
        "di Bello; warga dari dataran rendah Kota Raja mengungsi ke posko di Oepura. Puskesmas Sikumana kewalahan. " +
        "Skenario latihan, bukan kejadian nyata.",
      fictional: true,
      impacts: [
        `${FICTIONAL} 146 KK / 584 jiwa terdampak, 38 rumah terendam, 1 jembatan kecil rusak`,
        `${FICTIONAL} 12 rumah terancam, 5 KK / 19 jiwa dievakuasi, jalan lingkungan tertimbun`,
        `${FICTIONAL} 58 KK / 226 jiwa terdampak, 21 rumah terendam`,
        `${FICTIONAL} 120 KK / 482 jiwa di 3 posko pengungsian; dapur umum 3 kali sehari`,
      ],
      scale: [
        "Siklon Seroja, 4–5 April 2021: 1.062 KK / 4.248 jiwa terdampak di Kota Kupang, sekitar 10 posko",
        "Banjir 23 Februari 2022: 985 jiwa, 197 rumah, 11 kelurahan terdampak",
        "Tagana Dinas Sosial menjalankan dapur umum",
      ],
    },
    incidents,
    spikes,
    releases,
  };
}

/** Total people the scenario asks for (incidents and spikes). */
export function scenarioDemand(scenario: Scenario): number {
  const sum = (needs: readonly { count: number }[]) => needs.reduce((s, n) => s + n.count, 0);
  return scenario.incidents.reduce((s, i) => s + sum(i.needs), 0) + scenario.spikes.reduce((s, x) => s + sum(x.body.needs), 0);
}
