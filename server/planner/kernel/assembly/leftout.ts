/**
 * The cheapest person the plan left out, per unit, skill and pool (server/planner/why.ts cheapestLeftOut,
 * which hosts it and says what it is for): one pass over the staff, at the first plan in a fresh process
 * too, where the same loop in JavaScript ran interpreted.
 */
import { K } from "./network";

let U: i32 = 0;
let S: i32 = 0;
let staffUnit = new Int32Array(0);
let staffMask = new Int32Array(0);
let staffCost = new Float64Array(0);
let released = new Uint8Array(0);
let inPlan = new Uint8Array(0);
let canLendKept = new Uint8Array(0);
/** At ((u·K + skill)·2 + pool): the person, or -1. */
let best = new Int32Array(0);

export function startLeftOut(units: i32, staff: i32): void {
  U = units;
  S = staff;
  staffUnit = new Int32Array(S);
  staffMask = new Int32Array(S);
  staffCost = new Float64Array(S);
  released = new Uint8Array(S);
  inPlan = new Uint8Array(S);
  canLendKept = new Uint8Array(U);
  best = new Int32Array(U * K * 2);
}

export function leftOutField(i: i32): usize {
  switch (i) {
    case 0: return staffUnit.dataStart;
    case 1: return staffMask.dataStart;
    case 2: return staffCost.dataStart;
    case 3: return released.dataStart;
    case 4: return inPlan.dataStart;
    case 5: return canLendKept.dataStart;
    case 6: return best.dataStart;
    default: return 0;
  }
}

export function cheapestLeftOut(): void {
  best.fill(-1);
  for (let i = 0; i < S; i++) {
    const u = staffUnit[i];
    if ((released[i] == 0 && !canLendKept[u]) || inPlan[i] == 1) continue;
    for (let m = staffMask[i]; m != 0; m &= m - 1) {
      const slot = (u * K + ctz(m)) * 2 + <i32>released[i];
      const b = best[slot];
      if (b < 0 || staffCost[i] < staffCost[b]) best[slot] = i;
    }
  }
}
