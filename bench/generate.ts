/**
 * Seeded generator of planner instances, shared by the tests and the benchmark. Units have a kind whose
 * skill palette shapes their people's skills (a puskesmas has nurses, BPBD has evacuation teams), so the
 * class structure the planner aggregates is the one a real roster would give, not a flattering one.
 */
import { mulberry32 } from "../seed/prng.js";
import { SKILLS, type Skill } from "../shared/domain.js";
import type { PlannerInput, PlannerNeed, PlannerStaff, PlannerUnit, PlannerWeights } from "../shared/planner.js";

/** The seed's PRNG (mulberry32): the same sequence on every machine. */
export const rng = mulberry32;

const PALETTES: Record<string, Skill[]> = {
  puskesmas: ["medis", "keperawatan", "kesehatan_masyarakat", "psikososial", "administrasi"],
  rumah_sakit: ["medis", "keperawatan", "psikososial", "administrasi", "logistik"],
  dinas_sosial: ["sosial", "psikososial", "logistik", "dapur_umum", "administrasi"],
  kelurahan: ["administrasi", "sosial", "keamanan", "logistik", "dapur_umum", "komunikasi"],
  bpbd: ["evakuasi", "logistik", "komunikasi", "teknik", "keamanan"],
  dinas_pu: ["teknik", "logistik", "evakuasi", "administrasi"],
};
const KINDS = Object.keys(PALETTES);

export type GenOptions = {
  seed: number;
  staff: number;
  units: number;
  needs: number;
  /** Where units and sites are spread: a centre and a radius in km. */
  center?: { lat: number; lng: number };
  radiusKm?: number;
  /** Incident sites the needs cluster at. */
  sites?: number;
  /** Needs ask for 1..maxCount people. */
  maxCount?: number;
  skillsPerStaff?: [number, number];
  /** Draw each person's skills uniformly from all of SKILLS instead of the unit kind's palette (a varied roster). */
  variedSkills?: boolean;
  releasedShare?: number;
  volunteerShare?: number;
  /** Floor as a share of the unit's staff, drawn in this range (above 1 makes the floor bind fully). */
  floorShare?: [number, number];
  /** Share of needs with a maxDistanceKm, drawn in maxDistanceKm. */
  maxDistanceShare?: number;
  maxDistanceKm?: [number, number];
  /** Share of needs that are a unit's own demand spike (siteUnitId), sited at that unit. */
  spikeShare?: number;
  zeroWorkloadShare?: number;
  /** Share of fatigue hours drawn as whole hours (ties inside classes) rather than fractions. */
  wholeHoursShare?: number;
  weights?: PlannerWeights;
};

/** A deterministic PlannerInput for the options (same options, same instance). */
export function generateInstance(o: GenOptions): PlannerInput {
  const r = rng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const center = o.center ?? { lat: -10.17, lng: 123.61 };
  const radius = o.radiusKm ?? 12;
  const spot = (rad: number) => {
    const d = rad * Math.sqrt(r());
    const th = 2 * Math.PI * r();
    return {
      lat: round6(center.lat + (d * Math.cos(th)) / 111.32),
      lng: round6(center.lng + (d * Math.sin(th)) / (111.32 * Math.cos((center.lat * Math.PI) / 180))),
    };
  };

  // Unit sizes are skewed (a hospital dwarfs a kelurahan office) but every unit gets at least one person.
  const sizeWeights = Array.from({ length: o.units }, () => Math.exp(r() * 2.5));
  const total = sizeWeights.reduce((a, b) => a + b, 0);
  const sizes = sizeWeights.map((x) => Math.floor((x / total) * Math.max(0, o.staff - o.units)) + (o.staff >= o.units ? 1 : 0));
  let left = o.staff - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % Math.max(1, o.units), left--) sizes[i]!++;

  const kinds: string[] = [];
  const units: PlannerUnit[] = sizes.map((size, i) => {
    const kind = pick(KINDS);
    kinds.push(kind);
    const [f0, f1] = o.floorShare ?? [0.3, 0.8];
    return {
      id: `u${i}`,
      ...spot(radius),
      floor: Math.floor(size * (f0 + (f1 - f0) * r())),
      workload: r() < (o.zeroWorkloadShare ?? 0.05) ? 0 : Math.round(size * (0.4 + 0.8 * r()) * 10) / 10,
    };
  });

  const staff: PlannerStaff[] = [];
  const [k0, k1] = o.skillsPerStaff ?? [1, 3];
  sizes.forEach((size, u) => {
    const palette = PALETTES[kinds[u]!]!;
    for (let i = 0; i < size; i++) {
      const n = k0 + Math.floor(r() * (k1 - k0 + 1));
      const skills = new Set<Skill>();
      while (skills.size < n) skills.add(o.variedSkills || r() < 0.1 ? pick(SKILLS) : pick(palette));
      const fatigue = r() < 0.5 ? 0 : r() < (o.wholeHoursShare ?? 0.7) ? Math.floor(r() * 80) : Math.round(r() * 8000) / 100;
      staff.push({
        id: `s${staff.length}`,
        unitId: `u${u}`,
        skills: [...skills],
        fatigueHours: fatigue,
        volunteer: r() < (o.volunteerShare ?? 0.2),
        released: r() < (o.releasedShare ?? 0.05),
      });
    }
  });

  const sites = Array.from({ length: Math.max(1, o.sites ?? Math.ceil(o.needs / 6)) }, () => spot(radius));
  const needs: PlannerNeed[] = Array.from({ length: o.needs }, (_, j) => {
    const site = Math.floor(r() * sites.length);
    const [d0, d1] = o.maxDistanceKm ?? [radius * 0.2, radius * 1.2];
    const need: PlannerNeed = {
      id: `n${j}`,
      siteId: `site${site}`,
      ...sites[site]!,
      skill: pick(SKILLS),
      count: 1 + Math.floor(r() * (o.maxCount ?? 12)),
      priority: 1 + Math.floor(r() * 5),
    };
    if (r() < (o.maxDistanceShare ?? 0.3)) need.maxDistanceKm = Math.round((d0 + (d1 - d0) * r()) * 100) / 100;
    // Some needs are a unit's own demand spike, sited at that unit.
    if (o.spikeShare && r() < o.spikeShare) {
      const unit = units[Math.floor(r() * units.length)]!;
      Object.assign(need, { lat: unit.lat, lng: unit.lng, siteId: `spike-${unit.id}`, siteUnitId: unit.id });
    }
    return need;
  });
  return { units, staff, needs, ...(o.weights ? { weights: o.weights } : {}) };
}

function round6(x: number) {
  return Math.round(x * 1e6) / 1e6;
}

/** The three benchmark scales of issue 3: a district office, Kota Kupang, and all of NTT province. */
export const SCALES = {
  small: { seed: 11, staff: 500, units: 20, needs: 10, radiusKm: 10, sites: 3 },
  kupang: { seed: 12, staff: 10_000, units: 150, needs: 60, radiusKm: 15, sites: 8 },
  province: { seed: 13, staff: 100_000, units: 1_000, needs: 300, center: { lat: -9.5, lng: 122.0 }, radiusKm: 300, sites: 40, maxCount: 25, maxDistanceKm: [60, 400] },
} satisfies Record<string, GenOptions>;

/**
 * Supply-starved variants of two scales: the needs ask for about as many people as the floors let go
 * (Kupang; skills and ranges leave some needs open anyway) or a third more (the province), so nearly
 * everyone who can move does, through chains of reassignment: what successive shortest paths pay for
 * per person moved.
 */
export const STARVED = {
  "kupang-starved": { ...SCALES.kupang, maxCount: 150 },
  "province-starved": { ...SCALES.province, maxCount: 400 },
} satisfies Record<string, GenOptions>;

/**
 * Varied rosters (issue 12): everyone has 1–3 skills drawn from all twelve, so few people share a class
 * (Kupang: about 8,000 classes for 10,000 staff). Real rosters are of this kind.
 */
export const VARIED = {
  "kupang-varied": { ...SCALES.kupang, seed: 22, variedSkills: true },
  /** A city-wide flood on the same kind of roster: 150 needs at 20 sites, about 1,000 people moved. */
  "kupang-flood": { ...SCALES.kupang, seed: 24, variedSkills: true, needs: 150, sites: 20 },
  "province-varied": { ...SCALES.province, seed: 23, variedSkills: true },
} satisfies Record<string, GenOptions>;
