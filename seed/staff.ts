/**
 * Generated ASN: plausible NTT names, valid unique NIPs, jabatan/golongan/skills by unit profile,
 * deterministic for a given seed. Everyone here is fictional.
 */
import { Staff, type Skill, type StaffStatus, type Unit, type UnitKind } from "../shared/domain.js";
import { checkNip } from "../shared/nip.js";
import { FAMILY, FEMALE_GIVEN, MALE_GIVEN } from "./names.js";
import { createRng, type Rng } from "./prng.js";
import { KIND_PROFILE, PROFILES, type Education, type ProfileId, type Role } from "./profiles.js";
import { UNIT_HEADCOUNT, UNIT_PROFILE } from "./units.js";

export const DEFAULT_STAFF_SEED = 0x5ea6a;

/** The year NIPs and golongan are computed against (no TMT after it). */
export const REFERENCE_YEAR = 2025;

/** Headcount of a unit that the seed does not list, by kind. */
export const DEFAULT_HEADCOUNT: Record<UnitKind, number> = {
  kelurahan: 9, kecamatan: 16, puskesmas: 18, rumah_sakit: 22, dinas: 18, bpbd: 18, lainnya: 10,
};

export interface StaffOptions {
  /** PRNG seed; the default gives the demo's people. */
  seed?: number;
  /** Staff per unit (head included, at least 1); defaults to UNIT_HEADCOUNT, then DEFAULT_HEADCOUNT by kind. */
  headcount?: (unit: Unit) => number;
  /** Staffing profile per unit; defaults to UNIT_PROFILE, then the kind's profile. */
  profile?: (unit: Unit) => ProfileId;
  /** Ids are `${idPrefix}${n}` zero-padded to 4 digits or more (default "stf-"). */
  idPrefix?: string;
  /** Write phone numbers (default true; benchmarks may skip them). */
  phones?: boolean;
  /** Validate every record with the zod schema (default true; costly at 100k). */
  validate?: boolean;
}

const GOLONGAN = [
  "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
  "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
] as const;
const gIndex = (g: (typeof GOLONGAN)[number]): number => GOLONGAN.indexOf(g);

/** Entry golongan, highest reachable by regular promotion, and age range at appointment, by education. */
const CAREER: Record<Education, { start: number; cap: number; age: readonly [number, number] }> = {
  sma: { start: gIndex("II/a"), cap: gIndex("III/b"), age: [21, 30] },
  d3: { start: gIndex("II/c"), cap: gIndex("III/d"), age: [22, 32] },
  s1: { start: gIndex("III/a"), cap: gIndex("IV/b"), age: [23, 35] },
  s2: { start: gIndex("III/b"), cap: gIndex("IV/c"), age: [25, 38] },
};

/** Minimum golongan of a unit head by kind (an eselon post). */
const HEAD_MIN: Record<UnitKind, number> = {
  kelurahan: gIndex("III/c"), kecamatan: gIndex("IV/a"), puskesmas: gIndex("III/d"), rumah_sakit: gIndex("IV/a"),
  dinas: gIndex("IV/b"), bpbd: gIndex("IV/b"), lainnya: gIndex("IV/a"),
};

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface Person {
  nip: string;
  golongan: string;
  /** 0 (just appointed) to 1 (top of the education's regular career): picks the rung of a jabatan ladder. */
  seniority: number;
}

/** Birth date, TMT and golongan consistent with each other, as a NIP with a free sequence number. */
function makePerson(rng: Rng, education: Education, female: boolean, head: boolean, headMin: number, used: Set<string>): Person {
  const career = CAREER[education];
  // Heads are senior; others span 1965–2000 with the middle years most common.
  const birthYear = head
    ? rng.int(1967, 1982)
    : Math.min(2000, Math.max(1965, Math.round(1984 + rng.normal() * 8)));
  const birthMonth = rng.int(1, 12);
  const birthDay = rng.int(1, daysIn(birthYear, birthMonth));
  const latest = Math.min(REFERENCE_YEAR, birthYear + career.age[1]);
  const earliest = Math.min(latest, birthYear + career.age[0]);
  let tmtYear = rng.int(earliest, latest);
  let tmtMonth = rng.pick([1, 1, 3, 3, 4, 6, 10, 12]);
  // At least 21 full years at appointment (checkNip demands 18; the seed is stricter).
  if (tmtYear * 12 + tmtMonth < (birthYear + 21) * 12 + birthMonth) {
    tmtYear = birthYear + 21;
    tmtMonth = birthMonth;
  }
  if (tmtYear > REFERENCE_YEAR) throw new Error("TMT after the reference year");
  const service = REFERENCE_YEAR - tmtYear;
  let g = Math.min(career.cap, career.start + Math.floor(service / 4));
  // An eselon post: at least its minimum rank, and not far above it.
  if (head) g = Math.min(Math.max(g, headMin), headMin + 2);
  const seniority = career.cap === career.start ? 0 : Math.min(1, (g - career.start) / (career.cap - career.start));
  const golongan = GOLONGAN[g]!;
  const prefix = `${birthYear}${pad(birthMonth, 2)}${pad(birthDay, 2)}${tmtYear}${pad(tmtMonth, 2)}${female ? "2" : "1"}`;
  for (let attempt = 0; attempt < 50; attempt++) {
    const nip = prefix + pad(rng.int(1, 999), 3);
    if (!used.has(nip)) {
      used.add(nip);
      return { nip, golongan, seniority };
    }
  }
  // 999 sequence numbers per birth date, TMT and gender: a collision streak this long means a full block.
  for (let seq = 1; seq <= 999; seq++) {
    const nip = prefix + pad(seq, 3);
    if (!used.has(nip)) {
      used.add(nip);
      return { nip, golongan, seniority };
    }
  }
  throw new Error(`NIP block ${prefix} is full`);
}

function makeName(rng: Rng, role: Role, female: boolean): string {
  const given = rng.pick(female ? FEMALE_GIVEN : MALE_GIVEN);
  const second = rng.chance(0.3) ? ` ${rng.pick(female ? FEMALE_GIVEN : MALE_GIVEN)}` : "";
  const family = rng.pick(FAMILY);
  const base = second.trim() === given ? `${given} ${family}` : `${given}${second} ${family}`;
  const withPrefix = role.prefix ? `${role.prefix} ${base}` : base;
  return role.degree && rng.chance(0.5) ? `${withPrefix}, ${role.degree}` : withPrefix;
}

function makeSkills(rng: Rng, role: Role): Skill[] {
  const skills = new Set<Skill>(role.skills);
  for (const [skill, p] of role.extra ?? []) {
    if (skills.size >= 3) break;
    if (rng.chance(p)) skills.add(skill);
  }
  return [...skills];
}

function makeStatus(rng: Rng, head: boolean): StaffStatus {
  if (head) return "available";
  const r = rng.next();
  if (r < 0.04) return "leave";
  if (r < 0.08) return "off_duty";
  return "available";
}

function makeFatigue(rng: Rng, share: number): number {
  if (!rng.chance(share)) return 0;
  // Mostly a shift or two; now and then a long week, capped at 40 h.
  return Math.min(40, 2 + Math.round(38 * rng.next() ** 2.5));
}

function makePhone(rng: Rng, used: Set<string>): string {
  // The 0810 prefix is not allocated to any Indonesian operator: numbers stay fictional.
  for (;;) {
    const phone = `+62 810-${pad(rng.int(0, 9999), 4)}-${pad(rng.int(0, 9999), 4)}`;
    if (!used.has(phone)) {
      used.add(phone);
      return phone;
    }
  }
}

function defaultHeadcount(unit: Unit): number {
  return UNIT_HEADCOUNT[unit.id] ?? DEFAULT_HEADCOUNT[unit.kind];
}

function defaultProfile(unit: Unit): ProfileId {
  return UNIT_PROFILE[unit.id] ?? KIND_PROFILE[unit.kind];
}

/** Staff for the given units, deterministic for a seed; unit heads first within each unit. */
export function generateStaff(units: readonly Unit[], options: StaffOptions = {}): Staff[] {
  const rng = createRng(options.seed ?? DEFAULT_STAFF_SEED);
  const headcountOf = options.headcount ?? defaultHeadcount;
  const profileOf = options.profile ?? defaultProfile;
  const idPrefix = options.idPrefix ?? "stf-";
  const phones = options.phones ?? true;
  const validate = options.validate ?? true;
  const counts = units.map((u) => {
    const n = headcountOf(u);
    if (!Number.isInteger(n) || n < 1) throw new Error(`headcount of ${u.id} must be a positive integer, got ${n}`);
    return n;
  });
  const total = counts.reduce((s, n) => s + n, 0);
  const width = Math.max(4, String(total).length);
  const usedNips = new Set<string>();
  const usedPhones = new Set<string>();
  const staff: Staff[] = [];

  units.forEach((unit, ui) => {
    const profile = PROFILES[profileOf(unit)];
    const roles = profile.roles.map((r) => [r, r.weight] as const);
    for (let k = 0; k < counts[ui]!; k++) {
      const head = k === 0;
      const role = head ? profile.head : rng.weighted(roles);
      const female = rng.chance(role.female);
      const person = makePerson(rng, role.education, female, head, HEAD_MIN[unit.kind], usedNips);
      const record: Staff = {
        id: `${idPrefix}${pad(staff.length + 1, width)}`,
        nip: person.nip,
        name: makeName(rng, role, female),
        homeUnitId: unit.id,
        jabatan: role.ladder
          ? role.jabatan[Math.min(role.jabatan.length - 1, Math.floor(person.seniority * role.jabatan.length))]!
          : rng.pick(role.jabatan),
        golongan: person.golongan,
        skills: makeSkills(rng, role),
        status: makeStatus(rng, head),
        fatigueHours: makeFatigue(rng, profile.fatigued),
        volunteer: !head && rng.chance(profile.volunteer),
        version: 1,
      };
      if (phones) record.phone = makePhone(rng, usedPhones);
      if (validate) {
        const check = checkNip(record.nip);
        if (!check.ok) throw new Error(`generated NIP ${record.nip} is invalid: ${check.reason}`);
        staff.push(Staff.parse(record));
      } else {
        staff.push(record);
      }
    }
  });
  return staff;
}

/**
 * Exactly `n` staff spread over `units` in proportion to their usual headcount (largest remainder, at
 * least one each), for benchmarks at 10,000 or 100,000 people. Units keep their own floor and workload.
 */
export function generateStaffAtScale(units: readonly Unit[], n: number, seed = DEFAULT_STAFF_SEED, options: Omit<StaffOptions, "seed" | "headcount"> = {}): Staff[] {
  const counts = apportion(units.map(defaultHeadcount), n);
  const byId = new Map(units.map((u, i) => [u.id, counts[i]!]));
  return generateStaff(units, { validate: false, phones: false, ...options, seed, headcount: (u) => byId.get(u.id)! });
}

/** Splits `total` into integers proportional to `weights` (largest remainder), each at least 1. */
export function apportion(weights: readonly number[], total: number): number[] {
  if (weights.length === 0) return [];
  if (total < weights.length) throw new Error(`cannot give ${weights.length} units at least one of ${total} staff`);
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map((x) => Math.max(1, Math.floor(x)));
  let left = total - counts.reduce((s, c) => s + c, 0);
  // Hand out what is left by largest fractional part; take back any excess (from the minimum of 1) from the biggest.
  const byFraction = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  for (let j = 0; left > 0; j = (j + 1) % byFraction.length, left--) counts[byFraction[j]![1]]! += 1;
  while (left < 0) {
    let big = 0;
    counts.forEach((c, i) => { if (c > counts[big]!) big = i; });
    counts[big]! -= 1;
    left++;
  }
  return counts;
}
