/**
 * What the planner reads off an input once, before any graph: each person's unit, skills as a bit mask
 * and own cost, and which (unit, need) pairs are in range. A plan with a donor cap solves twice (capped,
 * then uncapped) and may price its candidates in several rounds; all of them share this one pass over
 * the staff and the units × needs.
 */
import { SKILLS } from "../../shared/domain.js";
import type { PlannerInput } from "../../shared/planner.js";
import { cosLat, haversineCosKm } from "./geo.js";
import { personCost, type Weights } from "./model.js";

const SKILL_INDEX: ReadonlyMap<string, number> = new Map(SKILLS.map((s, i) => [s, i]));
/** The number of skills: skill masks are K bits, hub keys unit·K + skill. */
export const K = SKILLS.length;

export type Roster = {
  U: number;
  N: number;
  S: number;
  /** Per person: unit index, skill mask, own cost (model.ts personCost), released as 0/1. */
  staffUnit: Int32Array;
  staffMask: Int32Array;
  cost: Float64Array;
  released: Uint8Array;
  /** Per unit: its staff count A_u, the non-released among them. */
  staffCount: Int32Array;
  nonReleased: Int32Array;
  /** Per need: its skill index; needsOfSkill[k] the needs asking for skill k, in input order. */
  needSkill: Int32Array;
  needsOfSkill: number[][];
  /** km from unit u to need j at kmAt[u·N + j], NaN when out of range or no staff of u has the skill. */
  kmAt: Float64Array;
  /** Per unit: the skills some need in range asks for and some of its staff has. */
  usefulMask: Int32Array;
  /** Per unit: the people the needs in its range ask for (more can never leave it). */
  reachCount: Float64Array;
  /** Per (unit, skill): the needs in range, i.e. the hub's out-edges. */
  hubNeeds: Int32Array;
};

/** Reads an input whose references are valid (see PlannerInput). */
export function indexRoster(input: PlannerInput, w: Weights): Roster {
  const U = input.units.length;
  const N = input.needs.length;
  const S = input.staff.length;
  const unitIndex = new Map<string, number>();
  for (let u = 0; u < U; u++) unitIndex.set(input.units[u]!.id, u);
  const r: Roster = {
    U, N, S,
    staffUnit: new Int32Array(S), staffMask: new Int32Array(S), cost: new Float64Array(S), released: new Uint8Array(S),
    staffCount: new Int32Array(U), nonReleased: new Int32Array(U),
    needSkill: new Int32Array(N), needsOfSkill: SKILLS.map(() => []),
    kmAt: new Float64Array(U * N).fill(NaN), usefulMask: new Int32Array(U), reachCount: new Float64Array(U), hubNeeds: new Int32Array(U * K),
  };
  const unitSkills = new Int32Array(U); // per unit: the skills some of its staff have
  const needs: NeedPlaces = { lat: new Float64Array(N), lng: new Float64Array(N), cos: new Float64Array(N), maxKm: new Float64Array(N), count: new Float64Array(N), siteUnit: new Int32Array(N) };
  // One pass per function, each ending with its loop and filling arrays made here: the JIT compiles a
  // hot loop on its own (on-stack replacement), and code after the loop that had not run yet when it did
  // (the next pass, or an object to return) threw that compiled code away again, at every plan.
  readStaff(input, w, unitIndex, r, unitSkills);
  readNeeds(input, unitIndex, r, needs);
  inRange(input, r, unitSkills, needs);
  return r;
}

/** Per need, what range and distances need, read once. */
type NeedPlaces = {
  lat: Float64Array;
  lng: Float64Array;
  cos: Float64Array;
  maxKm: Float64Array;
  count: Float64Array;
  /** The unit whose own spike the need is (its staff never go), or -1. */
  siteUnit: Int32Array;
};

function readStaff(input: PlannerInput, w: Weights, unitIndex: ReadonlyMap<string, number>, r: Roster, unitSkills: Int32Array) {
  const { staffUnit, staffMask, cost, released, staffCount, nonReleased } = r;
  // Plain indexed loops here and below: at the first solve in a fresh process this code runs in the
  // interpreter, where a callback or an iterator per person is a measurable cost.
  for (let i = 0; i < r.S; i++) {
    const s = input.staff[i]!;
    const u = unitIndex.get(s.unitId);
    if (u === undefined) throw new Error(`staff ${s.id}: unknown unit ${s.unitId}`);
    staffUnit[i] = u;
    staffCount[u]!++;
    if (s.released) released[i] = 1;
    else nonReleased[u]!++;
    let mask = 0;
    for (let k = 0; k < s.skills.length; k++) mask |= 1 << SKILL_INDEX.get(s.skills[k]!)!;
    staffMask[i] = mask;
    unitSkills[u]! |= mask;
    cost[i] = personCost(w, s);
  }
}

function readNeeds(input: PlannerInput, unitIndex: ReadonlyMap<string, number>, r: Roster, needs: NeedPlaces) {
  const { needSkill, needsOfSkill } = r;
  for (let j = 0; j < r.N; j++) {
    const n = input.needs[j]!;
    needSkill[j] = SKILL_INDEX.get(n.skill)!;
    needsOfSkill[needSkill[j]!]!.push(j);
    needs.lat[j] = n.lat;
    needs.lng[j] = n.lng;
    needs.cos[j] = cosLat(n.lat);
    needs.maxKm[j] = n.maxDistanceKm ?? Infinity;
    needs.count[j] = n.count;
    needs.siteUnit[j] = n.siteUnitId === undefined ? -1 : unitIndex.get(n.siteUnitId)!;
  }
}

/** Each unit with staff against each need: no haversine when the unit has nobody with the skill. */
function inRange(input: PlannerInput, r: Roster, unitSkills: Int32Array, needs: NeedPlaces) {
  const { U, N, staffCount, needSkill, kmAt, usefulMask, reachCount, hubNeeds } = r;
  for (let u = 0; u < U; u++) {
    if (staffCount[u] === 0) continue;
    const unit = input.units[u]!;
    const unitCos = cosLat(unit.lat);
    for (let j = 0; j < N; j++) {
      if (!(unitSkills[u]! & (1 << needSkill[j]!)) || needs.siteUnit[j] === u) continue;
      const km = haversineCosKm(unit.lat, unit.lng, unitCos, needs.lat[j]!, needs.lng[j]!, needs.cos[j]!);
      if (km > needs.maxKm[j]!) continue;
      kmAt[u * N + j] = km;
      usefulMask[u]! |= 1 << needSkill[j]!;
      hubNeeds[u * K + needSkill[j]!]!++;
      reachCount[u]! += needs.count[j]!;
    }
  }
}

/** Index of the lowest set bit of a nonzero skill mask. */
export function lowBit(mask: number): number {
  return 31 - Math.clz32(mask & -mask);
}

/** What unit u's non-released pool may give above its floor: the one place a floor enters the graph. */
export function keptCaps(input: PlannerInput, r: Roster): Int32Array {
  const keptCap = new Int32Array(r.U);
  for (let u = 0; u < r.U; u++) keptCap[u] = Math.max(0, r.nonReleased[u]! - input.units[u]!.floor);
  return keptCap;
}
