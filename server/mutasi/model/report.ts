/**
 * From where everyone ends to a MutasiResult: the moves with their explanations, Z recomputed from the
 * cost terms (costs.ts), and the metrics. Independent of how the ending was found, so the skeleton, the
 * exact solver and the tests' brute force all report the same way.
 */
import type {
  ForcedReason, MutasiEnvy, MutasiInput, MutasiMove, MutasiResult, MutasiWishMiss, WishMissRule,
} from "../../../shared/mutasi.js";
import { balanceTerm, endOf, isForced, personCost, pointsFactor, prefBase, resolveWeights, type Weights } from "./costs.js";

/** Positions by id with their index, and each person's current position index. */
export interface Indexed {
  posIndex: Map<string, number>;
  current: Int32Array;
}

export function indexInput(input: MutasiInput): Indexed {
  const posIndex = new Map<string, number>();
  input.positions.forEach((p, i) => posIndex.set(p.id, i));
  const current = new Int32Array(input.staff.length);
  input.staff.forEach((s, i) => (current[i] = posIndex.get(s.positionId)!));
  return { posIndex, current };
}

/** Headcount per position for an assignment (position index per person). */
export function headcounts(positionCount: number, assignment: Int32Array): Int32Array {
  const h = new Int32Array(positionCount);
  for (let i = 0; i < assignment.length; i++) h[assignment[i]!]!++;
  return h;
}

/** Z of the model for an assignment. */
export function objectiveOf(input: MutasiInput, assignment: Int32Array, w: Weights = resolveWeights(input.weights)): number {
  const h = headcounts(input.positions.length, assignment);
  let balance = 0;
  input.positions.forEach((p, i) => (balance += balanceTerm(p.needFte, h[i]!)));
  let persons = 0;
  input.staff.forEach((s, i) => (persons += personCost(s, input.positions[assignment[i]!]!.id, w)));
  return w.balance * balance + persons;
}

/**
 * The result for an assignment. `assignment[i]` is the index (in input.positions) where staff i ends.
 * The caller guarantees it obeys the hard rules; the tests check that independently.
 */
export function buildResult(input: MutasiInput, assignment: Int32Array, stats: MutasiResult["stats"]): MutasiResult {
  const w = resolveWeights(input.weights);
  const { positions, staff } = input;
  const { current, posIndex } = indexInput(input);
  const h0 = headcounts(positions.length, current);
  const h = headcounts(positions.length, assignment);
  const upper = (p: number) => Math.max(positions[p]!.capacity, h0[p]!);
  const lower = (p: number) => Math.min(positions[p]!.floor, h0[p]!);

  // Per position, the entrant (moved in from elsewhere) with the fewest points; ties go to the first in input order.
  const fewest = new Int32Array(positions.length).fill(-1);
  const entrants = new Int32Array(positions.length);
  for (let i = 0; i < staff.length; i++) {
    const p = assignment[i]!;
    if (p === current[i]) continue;
    entrants[p]!++;
    const f = fewest[p]!;
    if (f < 0 || staff[i]!.points < staff[f]!.points) fewest[p] = i;
  }

  const missedFor = (i: number, endBase: number): MutasiWishMiss[] => {
    const s = staff[i]!;
    const out: MutasiWishMiss[] = [];
    s.wishes.forEach((wid, r) => {
      const rank = r as 0 | 1 | 2;
      if (prefBase(s.choice, s.wishes.length, { kind: "wish", rank }, w) >= endBase) return;
      const p = posIndex.get(wid)!;
      let rule: WishMissRule;
      if (!s.movable) rule = "not_movable";
      else if (h[p]! >= upper(p)) rule = "capacity_full";
      else if (assignment[i] === current[i] && h[current[i]!]! <= lower(current[i]!)) rule = "floor";
      else rule = "balance_cost";
      out.push({ positionId: wid, rank, rule });
    });
    return out;
  };

  const moves: MutasiMove[] = [];
  const unmet: MutasiResult["unmet"] = [];
  const envy: MutasiEnvy[] = [];
  const wishesMet: [number, number, number] = [0, 0, 0];
  let forcedCount = 0;
  let persons = 0;
  for (let i = 0; i < staff.length; i++) {
    const s = staff[i]!;
    const a = current[i]!;
    const b = assignment[i]!;
    const to = positions[b]!.id;
    const end = endOf(s, to);
    const base = prefBase(s.choice, s.wishes.length, end, w);
    const factor = pointsFactor(s.points);
    const cost = personCost(s, to, w);
    persons += cost;
    if (end.kind === "wish") wishesMet[end.rank]++;

    // Justified envy: a wish with a lower pref than the end, which took in someone with fewer points.
    for (const wid of s.wishes) {
      const r = s.wishes.indexOf(wid) as 0 | 1 | 2;
      if (prefBase(s.choice, s.wishes.length, { kind: "wish", rank: r }, w) >= base) continue;
      const p = posIndex.get(wid)!;
      const f = fewest[p]!;
      if (f >= 0 && staff[f]!.points < s.points) envy.push({ staffId: s.id, positionId: wid, byStaffId: staff[f]!.id });
    }

    if (a === b) {
      const missed = missedFor(i, base);
      if (missed.length) unmet.push({ staffId: s.id, missed });
      continue;
    }
    const forced = isForced(s.choice, end);
    let forcedReason: ForcedReason | undefined;
    if (forced) {
      forcedCount++;
      if (h0[a]! > positions[a]!.capacity) forcedReason = "overstaffed";
      else if (entrants[a]! > 0 && h[a]! >= upper(a)) forcedReason = "make_room";
      else forcedReason = "balance";
    }
    const pa = positions[a]!;
    const pb = positions[b]!;
    const balance = w.balance * (balanceTerm(pa.needFte, h[a]!) - balanceTerm(pa.needFte, h[a]! + 1)
      + balanceTerm(pb.needFte, h[b]!) - balanceTerm(pb.needFte, h[b]! - 1));
    moves.push({
      staffId: s.id,
      from: pa.id,
      to,
      wishRank: end.kind === "wish" ? end.rank : null,
      forced,
      cost,
      explanation: {
        balance,
        move: w.move,
        pref: { choice: s.choice, rank: end.kind === "wish" ? end.rank : null, base, factor, cost: base * factor },
        stayCost: factor * prefBase(s.choice, s.wishes.length, { kind: "stay" }, w),
        missed: missedFor(i, base),
        ...(forcedReason ? { forcedReason } : {}),
      },
    });
  }

  let balanceSum = 0;
  const ej: MutasiResult["metrics"]["ej"] = {};
  positions.forEach((p, i) => {
    balanceSum += balanceTerm(p.needFte, h[i]!);
    ej[p.id] = { before: h0[i]! > 0 ? p.needFte / h0[i]! : null, after: h[i]! > 0 ? p.needFte / h[i]! : null };
  });

  return {
    moves,
    objective: w.balance * balanceSum + persons,
    metrics: { ej, moved: moves.length, forced: forcedCount, wishesMet, envy },
    unmet,
    stats,
  };
}
