/**
 * Which needs each unit can serve, and at what km (server/planner/roster.ts inRange, which hosts it):
 * each unit with staff against each need, no haversine when the unit has nobody with the skill.
 *
 * The km are server/planner/geo.ts's haversine, bit for bit: the same operations in the same order, with
 * JavaScript's own Math.cos, sin, asin and pow imported (V8's are not the C library's), and sqrt and min,
 * which IEEE 754 defines exactly. The dashboard shows geo.ts's km beside the plan's, so they must agree:
 * tests/planner/kernel.test.ts holds the two to each other.
 */
import { K } from "./network";

@external("env", "cos") declare function jsCos(x: f64): f64;
@external("env", "sin") declare function jsSin(x: f64): f64;
@external("env", "asin") declare function jsAsin(x: f64): f64;
@external("env", "pow") declare function jsPow(x: f64, y: f64): f64;

/** geo.ts EARTH_RADIUS_KM and RAD. */
const EARTH_RADIUS_KM: f64 = 6371.0088;
const RAD: f64 = Math.PI / 180;

let U: i32 = 0;
let N: i32 = 0;
let unitLat = new Float64Array(0);
let unitLng = new Float64Array(0);
/** Per unit: the skills some of its staff have (0 for a unit without staff). */
let unitSkills = new Int32Array(0);
let needLat = new Float64Array(0);
let needLng = new Float64Array(0);
/** Infinity for a need without maxDistanceKm. */
let needMaxKm = new Float64Array(0);
let needCount = new Float64Array(0);
/** The unit whose own spike the need is (its staff never go), or -1. */
let needSiteUnit = new Int32Array(0);
let needSkill = new Int32Array(0);
// What it finds (server/planner/roster.ts Roster).
let kmAt = new Float64Array(0);
let usefulMask = new Int32Array(0);
let reachCount = new Float64Array(0);
let hubNeeds = new Int32Array(0);

export function startRange(units: i32, needs: i32): void {
  U = units;
  N = needs;
  unitLat = new Float64Array(U);
  unitLng = new Float64Array(U);
  unitSkills = new Int32Array(U);
  needLat = new Float64Array(N);
  needLng = new Float64Array(N);
  needMaxKm = new Float64Array(N);
  needCount = new Float64Array(N);
  needSiteUnit = new Int32Array(N);
  needSkill = new Int32Array(N);
  kmAt = new Float64Array(U * N);
  usefulMask = new Int32Array(U);
  reachCount = new Float64Array(U);
  hubNeeds = new Int32Array(U * K);
}

export function rangeField(i: i32): usize {
  switch (i) {
    case 0: return unitLat.dataStart;
    case 1: return unitLng.dataStart;
    case 2: return unitSkills.dataStart;
    case 3: return needLat.dataStart;
    case 4: return needLng.dataStart;
    case 5: return needMaxKm.dataStart;
    case 6: return needCount.dataStart;
    case 7: return needSiteUnit.dataStart;
    case 8: return needSkill.dataStart;
    case 9: return kmAt.dataStart;
    case 10: return usefulMask.dataStart;
    case 11: return reachCount.dataStart;
    case 12: return hubNeeds.dataStart;
    default: return 0;
  }
}

@inline function cosLat(lat: f64): f64 {
  return jsCos(lat * RAD);
}

/** geo.ts haversineCosKm. */
function haversineCosKm(lat1: f64, lng1: f64, cos1: f64, lat2: f64, lng2: f64, cos2: f64): f64 {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const s = jsPow(jsSin(dLat / 2), 2) + cos1 * cos2 * jsPow(jsSin(dLng / 2), 2);
  return 2 * EARTH_RADIUS_KM * jsAsin(Math.sqrt(Math.min(1, s)));
}

/** Fills kmAt (NaN where out of range), usefulMask, reachCount and hubNeeds. */
export function inRange(): void {
  kmAt.fill(NaN);
  const needCos = new Float64Array(N);
  for (let j = 0; j < N; j++) needCos[j] = cosLat(needLat[j]);
  for (let u = 0; u < U; u++) {
    if (unitSkills[u] == 0) continue;
    const lat = unitLat[u];
    const lng = unitLng[u];
    const unitCos = cosLat(lat);
    for (let j = 0; j < N; j++) {
      if (!(unitSkills[u] & (1 << needSkill[j])) || needSiteUnit[j] == u) continue;
      const km = haversineCosKm(lat, lng, unitCos, needLat[j], needLng[j], needCos[j]);
      if (km > needMaxKm[j]) continue;
      kmAt[u * N + j] = km;
      usefulMask[u] |= 1 << needSkill[j];
      hubNeeds[u * K + needSkill[j]]++;
      reachCount[u] += needCount[j];
    }
  }
}

/** Distance between two points, for tests/planner/kernel.test.ts to hold against geo.ts. */
export function haversineKm(lat1: f64, lng1: f64, lat2: f64, lng2: f64): f64 {
  return haversineCosKm(lat1, lng1, cosLat(lat1), lat2, lng2, cosLat(lat2));
}
