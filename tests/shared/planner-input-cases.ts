/**
 * Inputs for PlannerInput's tests (tests/shared/planner-input.test.ts): one small valid input, and the bad
 * inputs made from it, one kind of mistake each (and a few mixes, where the order of the issues and
 * whether the reference checks run at all are at stake).
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function validInput(): Json {
  return {
    units: [
      { id: "u1", lat: -10.17, lng: 123.6, floor: 1, workload: 2 },
      { id: "u2", lat: -10.2, lng: 123.65, floor: 0, workload: 0 },
    ],
    staff: [
      { id: "s1", unitId: "u1", skills: ["medis"], fatigueHours: 0, volunteer: false, released: false },
      { id: "s2", unitId: "u1", skills: ["medis", "logistik"], fatigueHours: 12.5, volunteer: true, released: false },
      { id: "s3", unitId: "u2", skills: ["evakuasi", "komunikasi", "teknik"], fatigueHours: 336, volunteer: false, released: true },
    ],
    needs: [
      { id: "n1", siteId: "site-1", lat: -10.21, lng: 123.61, skill: "medis", count: 2, priority: 5, maxDistanceKm: 20 },
      { id: "n2", siteId: "site-1", lat: -10.21, lng: 123.61, skill: "teknik", count: 1, priority: 1, siteUnitId: "u2" },
    ],
  };
}

/** Mutates a fresh valid input (or returns a replacement). */
type Change = (x: Json) => unknown;

/** Inputs PlannerInput accepts (some with keys that it strips). */
export const GOOD: Record<string, Change> = {
  "the valid input": () => undefined,
  "weights, all of them": (x) => void (x.weights = { priority: 1e9, distance: 0, fatigue: 1, volunteer: 2, released: 5, balance: 10 }),
  "empty weights": (x) => void (x.weights = {}),
  "donorLoadCap null": (x) => void (x.donorLoadCap = null),
  "donorLoadCap at its bound": (x) => void (x.donorLoadCap = 1e6),
  "empty lists": () => ({ units: [], staff: [], needs: [] }),
  "bounds exactly": (x) => {
    Object.assign(x.units[0], { lat: 90, lng: -180, floor: 100_000, workload: 100_000 });
    Object.assign(x.needs[0], { lat: -90, lng: 180, count: 100_000, maxDistanceKm: 20_040 });
    x.staff[0].id = "A".repeat(80);
  },
  "a skill twice": (x) => void (x.staff[0].skills = ["medis", "medis"]),
  "ids with every allowed character": (x) => void (x.units[1].id = x.staff[2].unitId = x.needs[1].siteUnitId = "Ab9._:-"),
  "extra keys where the schema strips them": (x) => {
    x.extra = 1;
    x.units[0].name = "Puskesmas";
    x.staff[0].phone = "0812";
    x.needs[0].note = { any: "thing" };
  },
  "optional keys present as undefined": (x) => {
    x.needs[0].maxDistanceKm = undefined;
    x.needs[1].siteUnitId = undefined;
    x.weights = { priority: undefined };
    x.donorLoadCap = undefined;
  },
  "negative zero": (x) => void (x.units[0].floor = -0),
};

/** Inputs PlannerInput rejects. */
export const BAD: Record<string, Change> = {
  "not an object: an array": () => [],
  "not an object: null": () => null,
  "not an object: a string": () => "units",
  "no units": (x) => void delete x.units,
  "staff not an array": (x) => void (x.staff = "s1"),
  "needs an object": (x) => void (x.needs = { 0: x.needs[0] }),
  "a unit that is null": (x) => void (x.units[1] = null),
  "a staff member that is an array": (x) => void (x.staff[0] = []),
  "id a number": (x) => void (x.units[0].id = 5),
  "id empty": (x) => void (x.staff[1].id = ""),
  "id too long": (x) => void (x.needs[0].id = "n".repeat(81)),
  "id with a space": (x) => void (x.units[1].id = "u 2"),
  "id missing": (x) => void delete x.staff[0].id,
  "lat and lng out of range": (x) => void Object.assign(x.units[0], { lat: 90.5, lng: -180.01 }),
  "floor not an integer": (x) => void (x.units[0].floor = 1.5),
  "floor negative": (x) => void (x.units[0].floor = -1),
  "floor past the safe integers": (x) => void (x.units[0].floor = 2 ** 53),
  "floor past its bound": (x) => void (x.units[0].floor = 100_001),
  "workload a string": (x) => void (x.units[0].workload = "3"),
  "workload Infinity": (x) => void (x.units[0].workload = Infinity),
  "workload NaN": (x) => void (x.units[1].workload = NaN),
  "workload 1e308": (x) => void (x.units[1].workload = 1e308),
  "skills empty": (x) => void (x.staff[0].skills = []),
  "skills a string": (x) => void (x.staff[0].skills = "medis"),
  "an unknown skill": (x) => void (x.staff[1].skills = ["medis", "terbang"]),
  "a skill that is a number": (x) => void (x.staff[1].skills = [3]),
  "fatigue past its bound": (x) => void (x.staff[2].fatigueHours = 336.5),
  "fatigue negative": (x) => void (x.staff[2].fatigueHours = -0.5),
  "volunteer a string, released a number": (x) => void Object.assign(x.staff[0], { volunteer: "yes", released: 1 }),
  "volunteer missing": (x) => void delete x.staff[0].volunteer,
  "count zero": (x) => void (x.needs[0].count = 0),
  "count not an integer": (x) => void (x.needs[0].count = 2.5),
  "count 2^31": (x) => void (x.needs[0].count = 2 ** 31),
  "priority 0 and 6": (x) => {
    x.needs[0].priority = 0;
    x.needs[1].priority = 6;
  },
  "maxDistanceKm negative": (x) => void (x.needs[0].maxDistanceKm = -1),
  "maxDistanceKm past the Earth": (x) => void (x.needs[0].maxDistanceKm = 20_041),
  "maxDistanceKm null": (x) => void (x.needs[0].maxDistanceKm = null),
  "need skill unknown": (x) => void (x.needs[0].skill = "Medis"),
  "need skill missing": (x) => void delete x.needs[0].skill,
  "siteId missing": (x) => void delete x.needs[1].siteId,
  "siteUnitId empty": (x) => void (x.needs[1].siteUnitId = ""),
  "siteUnitId unknown": (x) => void (x.needs[1].siteUnitId = "nowhere"),
  "staff of an unknown unit": (x) => void (x.staff[2].unitId = "u9"),
  "duplicate unit ids": (x) => void (x.units[1].id = x.staff[2].unitId = x.needs[1].siteUnitId = "u1"),
  "duplicate staff ids": (x) => void (x.staff[2].id = "s1"),
  "duplicate need ids, three times": (x) => void x.needs.push({ ...x.needs[0] }, { ...x.needs[0] }),
  "weights with an unknown key": (x) => void (x.weights = { priority: 1, speed: 3, fast: true }),
  "weights with a __proto__ key (JSON)": (x) => void (x.weights = JSON.parse('{"distance": 1, "__proto__": {"x": 1}}')),
  "weights negative and past 1e9": (x) => void (x.weights = { distance: -1, balance: 2e9 }),
  "weights a string": (x) => void (x.weights = "heavy"),
  "weights null": (x) => void (x.weights = null),
  "a weight that is a string": (x) => void (x.weights = { fatigue: "1" }),
  "donorLoadCap zero": (x) => void (x.donorLoadCap = 0),
  "donorLoadCap negative": (x) => void (x.donorLoadCap = -2),
  "donorLoadCap past 1e6": (x) => void (x.donorLoadCap = 1e7),
  "donorLoadCap a string": (x) => void (x.donorLoadCap = "1"),
  "many mistakes in many places, in order": (x) => {
    x.needs[1].count = 0;
    x.units[1].lat = 100;
    x.staff[2].fatigueHours = 400;
    x.staff[0].skills = [];
    x.units[0].floor = -3;
  },
  "a type error stops the reference checks": (x) => {
    x.staff[0].volunteer = "no";
    x.staff[1].unitId = "u9";
    x.staff[2].id = "s1";
  },
  "a bound error does not stop the reference checks": (x) => {
    x.staff[0].fatigueHours = 1000;
    x.staff[1].unitId = "u9";
    x.staff[2].id = "s1";
    x.needs[1].siteUnitId = "u7";
  },
  "an empty id fails its length and its pattern, and is still checked as a reference": (x) => void (x.staff[0].unitId = ""),
};

export function makeInput(change: Change): unknown {
  const x = validInput();
  const replaced = change(x);
  return replaced === undefined ? x : replaced;
}
