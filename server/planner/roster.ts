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
  const staffCount = new Int32Array(U);
  const nonReleased = new Int32Array(U);
  const staffUnit = new Int32Array(S);
  const staffMask = new Int32Array(S);
  const cost = new Float64Array(S);
  const released = new Uint8Array(S);
  const unitSkills = new Int32Array(U); // skills some of the unit's staff have
  // Plain indexed loops here and below: at the first solve in a fresh process this code runs in the
  // interpreter, where a callback or an iterator per person is a measurable cost.
  for (let i = 0; i < S; i++) {
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

  // Each unit with staff against each need: no haversine when the unit has nobody with the skill.
  const needSkill = new Int32Array(N);
  const needsOfSkill: number[][] = SKILLS.map(() => []);
  for (let j = 0; j < N; j++) {
    needSkill[j] = SKILL_INDEX.get(input.needs[j]!.skill)!;
    needsOfSkill[needSkill[j]!]!.push(j);
  }
  const kmAt = new Float64Array(U * N).fill(NaN);
  const usefulMask = new Int32Array(U);
  const reachCount = new Float64Array(U);
  const hubNeeds = new Int32Array(U * K);
  const needLat = new Float64Array(N);
  const needLng = new Float64Array(N);
  const needCos = new Float64Array(N);
  const needMaxKm = new Float64Array(N);
  const needCount = new Float64Array(N);
  const needSiteUnit = new Int32Array(N);
  for (let j = 0; j < N; j++) {
    const n = input.needs[j]!;
    needLat[j] = n.lat;
    needLng[j] = n.lng;
    needCos[j] = cosLat(n.lat);
    needMaxKm[j] = n.maxDistanceKm ?? Infinity;
    needCount[j] = n.count;
    needSiteUnit[j] = n.siteUnitId === undefined ? -1 : unitIndex.get(n.siteUnitId)!;
  }
  for (let u = 0; u < U; u++) {
    if (staffCount[u] === 0) continue;
    const unit = input.units[u]!;
    const unitCos = cosLat(unit.lat);
    for (let j = 0; j < N; j++) {
      if (!(unitSkills[u]! & (1 << needSkill[j]!)) || needSiteUnit[j] === u) continue;
      const km = haversineCosKm(unit.lat, unit.lng, unitCos, needLat[j]!, needLng[j]!, needCos[j]!);
      if (km > needMaxKm[j]!) continue;
      kmAt[u * N + j] = km;
      usefulMask[u]! |= 1 << needSkill[j]!;
      hubNeeds[u * K + needSkill[j]!]!++;
      reachCount[u]! += needCount[j]!;
    }
  }
  return { U, N, S, staffUnit, staffMask, cost, released, staffCount, nonReleased, needSkill, needsOfSkill, kmAt, usefulMask, reachCount, hubNeeds };
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
