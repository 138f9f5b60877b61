/**
 * What the planner reads off an input once, before any graph: each person's unit, skills as a bit mask
 * and own cost, and which (unit, need) pairs are in range. A plan with a donor cap solves twice (capped,
 * then uncapped) and may price its candidates in several rounds; all of them share this one pass over
 * the staff and the units × needs.
 */
import { SKILLS } from "../../shared/domain.js";
import type { PlannerInput } from "../../shared/planner.js";
import { takeKernel, view } from "./kernel/index.js";
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
  /** Per need: its skill index. */
  needSkill: Int32Array;
  /**
   * km from unit u to need j at kmAt[u·N + j] (geo.ts haversine), NaN when out of range, when no staff
   * of u has the skill, or when the need is u's own spike.
   */
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
    staffCount: new Int32Array(U), nonReleased: new Int32Array(U), needSkill: new Int32Array(N),
    kmAt: new Float64Array(U * N), usefulMask: new Int32Array(U), reachCount: new Float64Array(U), hubNeeds: new Int32Array(U * K),
  };
  const unitSkills = new Int32Array(U); // per unit: the skills some of its staff have
  // Plain indexed loops, each pass a function that ends with its loop: at the first solve in a fresh
  // process this code runs in the interpreter, where a callback or an iterator per person is a measurable
  // cost, and the JIT compiles a hot loop on its own (on-stack replacement), so code after the loop that had
  // not run yet when it did (the next pass, or an object to return) threw that compiled code away again.
  readStaff(input, w, unitIndex, r, unitSkills);
  inRange(input, unitIndex, r, unitSkills);
  return r;
}

function readStaff(input: PlannerInput, w: Weights, unitIndex: ReadonlyMap<string, number>, r: Roster, unitSkills: Int32Array) {
  const { staffUnit, staffMask, cost, released, staffCount, nonReleased } = r;
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

/** Each unit with staff against each need, in the kernel (kernel/assembly/range.ts): 9,000 haversines for Kupang. */
function inRange(input: PlannerInput, unitIndex: ReadonlyMap<string, number>, r: Roster, unitSkills: Int32Array) {
  const { U, N } = r;
  const k = takeKernel().kernel;
  k.startRange(U, N);
  const f64 = (i: number, n: number) => view(k, Float64Array, k.rangeField(i), n);
  const i32 = (i: number, n: number) => view(k, Int32Array, k.rangeField(i), n);
  const unitLat = f64(0, U);
  const unitLng = f64(1, U);
  for (let u = 0; u < U; u++) {
    unitLat[u] = input.units[u]!.lat;
    unitLng[u] = input.units[u]!.lng;
  }
  i32(2, U).set(unitSkills);
  const [lat, lng, maxKm, count, siteUnit, skill] = [f64(3, N), f64(4, N), f64(5, N), f64(6, N), i32(7, N), i32(8, N)];
  for (let j = 0; j < N; j++) {
    const n = input.needs[j]!;
    r.needSkill[j] = skill[j] = SKILL_INDEX.get(n.skill)!;
    lat[j] = n.lat;
    lng[j] = n.lng;
    maxKm[j] = n.maxDistanceKm ?? Infinity;
    count[j] = n.count;
    siteUnit[j] = n.siteUnitId === undefined ? -1 : unitIndex.get(n.siteUnitId)!;
  }
  k.inRange();
  r.kmAt.set(f64(9, U * N));
  r.usefulMask.set(i32(10, U));
  r.reachCount.set(f64(11, U));
  r.hubNeeds.set(i32(12, U * K));
}

/** What unit u's non-released pool may give above its floor: the one place a floor enters the graph. */
export function keptCaps(input: PlannerInput, r: Roster): Int32Array {
  const keptCap = new Int32Array(r.U);
  for (let u = 0; u < r.U; u++) keptCap[u] = Math.max(0, r.nonReleased[u]! - input.units[u]!.floor);
  return keptCap;
}
