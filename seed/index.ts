/**
 * The Maulafa seed: real geography and units, generated (fictional) staff. `buildSeed()` is what a store
 * loads on first start; it validates everything and throws on any inconsistency, so a broken seed fails
 * at boot instead of producing a half-loaded store.
 */
import { Staff, Unit } from "../shared/domain.js";
import { checkNip } from "../shared/nip.js";
import { DEFAULT_STAFF_SEED, generateStaff } from "./staff.js";
import { seedUnits } from "./units.js";

export interface Seed {
  units: Unit[];
  staff: Staff[];
}

/** The seeded units and staff, validated with the domain schemas; deterministic (fixed random seed). */
export function buildSeed(options: { seed?: number } = {}): Seed {
  const units = seedUnits().map((u) => Unit.parse(u));
  // Validated once, here (parse + assertConsistent's NIP check), not also inside generateStaff: a first start runs this.
  const staff = generateStaff(units, { seed: options.seed ?? DEFAULT_STAFF_SEED, validate: false }).map((s) => Staff.parse(s));
  assertConsistent(units, staff);
  return { units, staff };
}

/** Throws unless ids, codes and NIPs are unique, NIPs valid and every person's home unit exists. */
export function assertConsistent(units: readonly Unit[], staff: readonly Staff[]): void {
  const unique = (what: string, values: readonly string[]) => {
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) throw new Error(`seed: duplicate ${what} ${v}`);
      seen.add(v);
    }
  };
  unique("unit id", units.map((u) => u.id));
  unique("unit code", units.map((u) => u.code));
  unique("staff id", staff.map((s) => s.id));
  unique("NIP", staff.map((s) => s.nip));
  const unitIds = new Set(units.map((u) => u.id));
  for (const s of staff) {
    if (!unitIds.has(s.homeUnitId)) throw new Error(`seed: ${s.id} has unknown home unit ${s.homeUnitId}`);
    const check = checkNip(s.nip);
    if (!check.ok) throw new Error(`seed: ${s.id} NIP ${s.nip}: ${check.reason}`);
  }
}

export { seedUnits, UNIT_HEADCOUNT, UNIT_IDS, UNIT_PROFILE, UNIT_SOURCES, HOSPITAL_POI } from "./units.js";
export { generateStaff, generateStaffAtScale, apportion, DEFAULT_STAFF_SEED, REFERENCE_YEAR, type StaffOptions } from "./staff.js";
export { generateProvince, NTT_CAPITALS, type Province, type ProvinceOptions } from "./province.js";
export { KELURAHAN, KECAMATAN, MAULAFA_KELURAHAN, MAULAFA_REFERENCE_POINT, kelurahan, kelurahanByName } from "./wilayah.js";
export { pointInPolygon, pointInRing, pointInGeometry, featureAt } from "./geometry.js";
export { createRng, mulberry32, type Rng } from "./prng.js";
export { PROFILES, KIND_PROFILE, type ProfileId } from "./profiles.js";
export { buildScenario, scenarioDemand, FICTIONAL, type Scenario, type ScenarioOptions, type ScenarioSpike, type ScenarioRelease } from "./scenario.js";
