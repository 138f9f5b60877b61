/**
 * The planner's flow network, built from the roster the host read (server/planner/graph.ts documents the
 * model and the layout; this is its builder, in the same node and edge order, so the same plan):
 *
 *   source ─convex: k-th person's balance cost─▶ unit
 *   unit ─cap max(0, N_u − floor_u)─▶ non-released pool      unit ─▶ released pool (outside the floor)
 *   pool ─convex: members' own costs, cheapest first─▶ class (same unit, pool and usable skills)
 *   class ─▶ (unit, skill) hub ─w.distance·km─▶ need ─cap count, cost −w.priority·priority─▶ sink
 *
 * The host writes the roster where rosterField() points (after startRoster()), calls buildGraph(), and
 * reads back the classes and hub → need edges through graphField() and graphCount().
 */
import { addConvexEdge, addEdge, finishNetwork, K, startNetwork, UNBOUNDED } from "./network";

const MASKS: i32 = 1 << K;

// The roster, per person, unit and need (server/planner/roster.ts Roster), in rosterField() order.
let U: i32 = 0;
let N: i32 = 0;
let S: i32 = 0;
let staffUnit = new Int32Array(0);
let staffMask = new Int32Array(0);
let staffCost = new Float64Array(0);
let released = new Uint8Array(0);
let staffCount = new Int32Array(0);
/** Per unit: what its non-released pool may give above its floor (roster.ts keptCaps). */
let keptCap = new Int32Array(0);
let usefulMask = new Int32Array(0);
let reachCount = new Float64Array(0);
let hubNeeds = new Int32Array(0);
let kmAt = new Float64Array(0);
let needSkill = new Int32Array(0);
let needCount = new Int32Array(0);
let needPriority = new Float64Array(0);
/** Per unit u: its balance marginals for k = 1, 2, … at unitMarg[unitMargStart[u] …] (as many as it could give). */
let unitMargStart = new Int32Array(0);
let unitMarg = new Float64Array(0);

/** Sizes the roster arrays: U units, N needs, S staff, `marginalTotal` unit balance marginals. */
export function startRoster(units: i32, needs: i32, staff: i32, marginalTotal: i32): void {
  U = units;
  N = needs;
  S = staff;
  staffUnit = new Int32Array(S);
  staffMask = new Int32Array(S);
  staffCost = new Float64Array(S);
  released = new Uint8Array(S);
  staffCount = new Int32Array(U);
  keptCap = new Int32Array(U);
  usefulMask = new Int32Array(U);
  reachCount = new Float64Array(U);
  hubNeeds = new Int32Array(U * K);
  kmAt = new Float64Array(U * N);
  needSkill = new Int32Array(N);
  needCount = new Int32Array(N);
  needPriority = new Float64Array(N);
  unitMargStart = new Int32Array(U + 1);
  unitMarg = new Float64Array(marginalTotal);
}

export function rosterField(i: i32): usize {
  switch (i) {
    case 0: return staffUnit.dataStart;
    case 1: return staffMask.dataStart;
    case 2: return staffCost.dataStart;
    case 3: return released.dataStart;
    case 4: return staffCount.dataStart;
    case 5: return keptCap.dataStart;
    case 6: return usefulMask.dataStart;
    case 7: return reachCount.dataStart;
    case 8: return hubNeeds.dataStart;
    case 9: return kmAt.dataStart;
    case 10: return needSkill.dataStart;
    case 11: return needCount.dataStart;
    case 12: return needPriority.dataStart;
    case 13: return unitMargStart.dataStart;
    case 14: return unitMarg.dataStart;
    default: return 0;
  }
}

// The graph's own structure (server/planner/graph.ts StaffClasses and NeedEdges).
export let C: i32 = 0;
let classUnit = new Int32Array(0);
let memberStart = new Int32Array(0);
let members = new Int32Array(0);
export let poolEdge = new Int32Array(0);
export let hubStart = new Int32Array(0);
export let hubSkill = new Int32Array(0);
export let hubEdge = new Int32Array(0);
let needEdgeCount: i32 = 0;
let neUnit = new Int32Array(0);
let neNeed = new Int32Array(0);
let neSkill = new Int32Array(0);
let neKm = new Float64Array(0);
let neEdge = new Int32Array(0);
let source: i32 = 0;
let sink: i32 = 0;

// What ssp.ts needs to search the classes as one arc per (pool, hub) instead of a node per class (its
// "unit gadgets"): each class's pool (2·unit + released) and skill mask, and the nodes of pools and hubs.
export let unitCount: i32 = 0;
export let classPool = new Int32Array(0);
export let classMask = new Int32Array(0);
export let poolNode = new Int32Array(0);
export let hubNode = new Int32Array(0);

export function graphField(i: i32): usize {
  switch (i) {
    case 0: return classUnit.dataStart;
    case 1: return memberStart.dataStart;
    case 2: return members.dataStart;
    case 3: return poolEdge.dataStart;
    case 4: return hubStart.dataStart;
    case 5: return hubSkill.dataStart;
    case 6: return hubEdge.dataStart;
    case 7: return neUnit.dataStart;
    case 8: return neNeed.dataStart;
    case 9: return neSkill.dataStart;
    case 10: return neKm.dataStart;
    case 11: return neEdge.dataStart;
    default: return 0;
  }
}

/** Classes, their members, hub edges, need edges, source, sink. */
export function graphCount(i: i32): i32 {
  switch (i) {
    case 0: return C;
    case 1: return members.length;
    case 2: return hubStart[C];
    case 3: return needEdgeCount;
    case 4: return source;
    case 5: return sink;
    default: return -1;
  }
}

@inline function poolCap(u: i32, rel: i32): i32 {
  return rel ? UNBOUNDED : keptCap[u];
}

@inline function lowBit(mask: i32): i32 {
  return ctz(mask);
}

/** Builds the network from the roster (weights: w.distance per km, w.priority per unit of need priority). */
export function buildGraph(distanceWeight: f64, priorityWeight: f64): void {
  // Node numbering in layer order: the topological order the solver's first pass needs.
  let next = 0;
  source = next++;

  // Classes: same unit, same pool, same usable skills. Staff with no usable skill, or in a pool that may
  // give nobody, never enter the graph. Two stable counting passes (by mask, then by pool) group them by
  // class in the deterministic order (unit, pool, mask) and keep input order inside a class.
  const staffKey = new Int32Array(S);
  const byMask = new Int32Array(MASKS + 1);
  const byPool = new Int32Array(2 * U + 1);
  const usableKept = new Int32Array(U);
  const usableReleased = new Int32Array(U);
  let liveStaff = 0;
  for (let i = 0; i < S; i++) {
    const u = staffUnit[i];
    const rel = <i32>released[i];
    const mask = staffMask[i] & usefulMask[u];
    if (mask == 0 || poolCap(u, rel) == 0) {
      staffKey[i] = -1;
      continue;
    }
    if (rel) usableReleased[u]++;
    else usableKept[u]++;
    staffKey[i] = (u * 2 + rel) * MASKS + mask;
    byMask[mask + 1]++;
    byPool[u * 2 + rel + 1]++;
    liveStaff++;
  }
  for (let m = 0; m < MASKS; m++) byMask[m + 1] += byMask[m];
  for (let p = 0; p < 2 * U; p++) byPool[p + 1] += byPool[p];
  const maskOrder = new Int32Array(liveStaff);
  for (let i = 0; i < S; i++) if (staffKey[i] >= 0) maskOrder[byMask[staffKey[i] % MASKS]++] = i;
  members = new Int32Array(liveStaff);
  for (let n = 0; n < liveStaff; n++) {
    const i = maskOrder[n];
    members[byPool[staffKey[i] / MASKS]++] = i;
  }
  const starts = new Int32Array(liveStaff + 1);
  C = 0;
  for (let n = 0; n < liveStaff; n++) if (n == 0 || staffKey[members[n - 1]] != staffKey[members[n]]) starts[C++] = n;
  memberStart = starts.subarray(0, C + 1);
  memberStart[C] = liveStaff;
  unitCount = U;
  classUnit = new Int32Array(C);
  classPool = new Int32Array(C);
  classMask = new Int32Array(C);
  for (let c = 0; c < C; c++) {
    const key = staffKey[members[memberStart[c]]];
    classMask[c] = key % MASKS;
    const pool = key / MASKS;
    classPool[c] = pool;
    classUnit[c] = pool >> 1;
    sortByCost(memberStart[c], memberStart[c + 1]);
  }

  const unitNode = new Int32Array(U).fill(-1);
  poolNode = new Int32Array(2 * U).fill(-1);
  hubNode = new Int32Array(U * K).fill(-1);
  for (let c = 0; c < C; c++) if (unitNode[classUnit[c]] < 0) unitNode[classUnit[c]] = next++;
  for (let c = 0; c < C; c++) if (poolNode[classPool[c]] < 0) poolNode[classPool[c]] = next++;
  // A one-skill class is a chain pool → class → hub with nothing else at the class: its pool edge goes to
  // the hub instead, which spares the solvers a node per such class.
  const classNode = new Int32Array(C).fill(-1);
  hubStart = new Int32Array(C + 1);
  for (let c = 0; c < C; c++) {
    const mask = classMask[c];
    const single = (mask & (mask - 1)) == 0;
    if (!single) classNode[c] = next++;
    hubStart[c + 1] = hubStart[c] + (single ? 1 : popcnt(mask));
  }
  for (let c = 0; c < C; c++) {
    const u = classUnit[c];
    for (let m = classMask[c]; m != 0; m &= m - 1) {
      const hub = u * K + lowBit(m);
      if (hubNode[hub] < 0) hubNode[hub] = next++;
    }
  }
  const needNode = next;
  next += N;
  sink = next++;

  let count = 0; // hub → need edges
  for (let h = 0; h < U * K; h++) if (hubNode[h] >= 0) count += hubNeeds[h];
  const H = hubStart[C];
  startNetwork(next, 3 * U + C + H + count + N, 2 * liveStaff);
  for (let u = 0; u < U; u++) {
    if (unitNode[u] < 0) continue;
    // Pieces past the most people a unit could ever give are never priced.
    const cap = <i32>Math.min(reachCount[u], <f64>(min(usableKept[u], poolCap(u, 0)) + usableReleased[u]));
    if (cap > unitMargStart[u + 1] - unitMargStart[u]) abort("unit marginals short of the unit's cap");
    addConvexEdge(source, unitNode[u], unitMarg, unitMargStart[u], cap);
  }
  for (let u = 0; u < U; u++) {
    for (let rel = 0; rel < 2; rel++) {
      const p = poolNode[2 * u + rel];
      if (p >= 0) addEdge(unitNode[u], p, poolCap(u, rel), 0);
    }
  }
  poolEdge = new Int32Array(C);
  hubSkill = new Int32Array(H);
  hubEdge = new Int32Array(H);
  const marg = new Float64Array(liveStaff);
  for (let c = 0; c < C; c++) {
    const m0 = memberStart[c];
    const size = memberStart[c + 1] - m0;
    for (let k = 0; k < size; k++) marg[k] = staffCost[members[m0 + k]];
    const head = classNode[c] < 0 ? hubNode[classUnit[c] * K + lowBit(classMask[c])] : classNode[c];
    poolEdge[c] = addConvexEdge(poolNode[classPool[c]], head, marg, 0, size);
  }
  for (let c = 0; c < C; c++) {
    let h = hubStart[c];
    if (classNode[c] < 0) {
      hubSkill[h] = lowBit(classMask[c]);
      hubEdge[h] = poolEdge[c];
      continue;
    }
    const size = memberStart[c + 1] - memberStart[c];
    for (let m = classMask[c]; m != 0; m &= m - 1) {
      const k = lowBit(m);
      hubSkill[h] = k;
      hubEdge[h++] = addEdge(classNode[c], hubNode[classUnit[c] * K + k], size, 0);
    }
  }
  // The needs of each skill, in input order.
  const ofSkillStart = new Int32Array(K + 1);
  for (let j = 0; j < N; j++) ofSkillStart[needSkill[j] + 1]++;
  for (let k = 0; k < K; k++) ofSkillStart[k + 1] += ofSkillStart[k];
  const ofSkill = new Int32Array(N);
  const fill = ofSkillStart.slice(0, K);
  for (let j = 0; j < N; j++) ofSkill[fill[needSkill[j]]++] = j;
  needEdgeCount = 0;
  neUnit = new Int32Array(count);
  neNeed = new Int32Array(count);
  neSkill = new Int32Array(count);
  neKm = new Float64Array(count);
  neEdge = new Int32Array(count);
  const reached = new Uint8Array(N);
  for (let u = 0; u < U; u++) {
    for (let k = 0; k < K; k++) {
      const h = hubNode[u * K + k];
      if (h < 0) continue;
      for (let q = ofSkillStart[k]; q < ofSkillStart[k + 1]; q++) {
        const j = ofSkill[q];
        const km = kmAt[u * N + j];
        if (isNaN(km)) continue;
        const i = needEdgeCount++;
        neUnit[i] = u;
        neNeed[i] = j;
        neSkill[i] = k;
        neKm[i] = km;
        neEdge[i] = addEdge(h, needNode + j, UNBOUNDED, distanceWeight * km);
        reached[j] = 1;
      }
    }
  }
  for (let j = 0; j < N; j++) {
    if (reached[j]) addEdge(needNode + j, sink, needCount[j], -priorityWeight * needPriority[j]);
  }
  finishNetwork();
}

/** True when member a goes before member b: cheaper, then earlier in the input (a total order). */
@inline function before(a: i32, b: i32): bool {
  const ca = staffCost[a];
  const cb = staffCost[b];
  return ca < cb || (ca == cb && a < b);
}

/**
 * Sorts members[lo … hi) by cost, then staff index: insertion sort for the small classes of varied
 * rosters, heapsort past that. The order is total, so any correct sort gives the same members.
 */
function sortByCost(lo: i32, hi: i32): void {
  if (hi - lo <= 32) {
    for (let i = lo + 1; i < hi; i++) {
      const x = members[i];
      let j = i - 1;
      while (j >= lo && before(x, members[j])) {
        members[j + 1] = members[j];
        j--;
      }
      members[j + 1] = x;
    }
    return;
  }
  const n = hi - lo;
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(lo, i, n);
  for (let end = n - 1; end > 0; end--) {
    const t = members[lo];
    members[lo] = members[lo + end];
    members[lo + end] = t;
    siftDown(lo, 0, end);
  }
}

/** Max-heap sift (the last in order at the top) over members[lo … lo + n). */
function siftDown(lo: i32, start: i32, n: i32): void {
  let i = start;
  const x = members[lo + i];
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && before(members[lo + c], members[lo + c + 1])) c++;
    if (!before(x, members[lo + c])) break;
    members[lo + i] = members[lo + c];
    i = c;
  }
  members[lo + i] = x;
}
