/**
 * The terms of the mutasi objective (DESIGN.md, "The annual mutasi cycle"), in one place: the solver builds
 * its arc costs from them and the report recomputes Z from them, so the two cannot disagree.
 *
 *   Z = balance · Σ_p D_p² / max(h_p, 0.5) + Σ_persons move · [moved] + (1 + points/100) · pref(choice, end)
 */
import { DEFAULT_MUTASI_WEIGHTS, type MutasiChoice, type MutasiStaff, type MutasiWeights } from "../../../shared/mutasi.js";

export interface Weights { balance: number; move: number; wish: number; forced: number }

export function resolveWeights(w: MutasiWeights | undefined): Weights {
  return {
    balance: w?.balance ?? DEFAULT_MUTASI_WEIGHTS.balance,
    move: w?.move ?? DEFAULT_MUTASI_WEIGHTS.move,
    wish: w?.wish ?? DEFAULT_MUTASI_WEIGHTS.wish,
    forced: w?.forced ?? DEFAULT_MUTASI_WEIGHTS.forced,
  };
}

/** Where a person ends, as the pref table sees it: staying, their wish of rank r, or another position. */
export type End = { kind: "stay" } | { kind: "wish"; rank: 0 | 1 | 2 } | { kind: "other" };

/**
 * The pref table, before the points factor:
 *            stays        wishes[r]   another position
 *   stay     0            —           forced
 *   either   0            wish·r      wish·(k+1)
 *   move     wish·(k+1)   wish·r      forced
 */
export function prefBase(choice: MutasiChoice, wishCount: number, end: End, w: Weights): number {
  if (end.kind === "wish") return w.wish * end.rank;
  if (end.kind === "stay") return choice === "move" ? w.wish * (wishCount + 1) : 0;
  return choice === "either" ? w.wish * (wishCount + 1) : w.forced;
}

export function pointsFactor(points: number): number {
  return 1 + points / 100;
}

/** Forced: moved against a `stay`, or a `move` sent to none of their wishes. */
export function isForced(choice: MutasiChoice, end: End): boolean {
  return end.kind === "other" && choice !== "either";
}

/** How the pref table sees `positionId` for this person. */
export function endOf(s: MutasiStaff, positionId: string): End {
  if (positionId === s.positionId) return { kind: "stay" };
  const r = s.wishes.indexOf(positionId);
  return r >= 0 ? { kind: "wish", rank: r as 0 | 1 | 2 } : { kind: "other" };
}

/** A person's own terms of Z for ending in `positionId`. */
export function personCost(s: MutasiStaff, positionId: string, w: Weights): number {
  const end = endOf(s, positionId);
  return (end.kind === "stay" ? 0 : w.move) + pointsFactor(s.points) * prefBase(s.choice, s.wishes.length, end, w);
}

/** D² / max(h, 0.5): one position's share of the balance term before its weight. Convex in h. */
export function balanceTerm(needFte: number, h: number): number {
  return (needFte * needFte) / Math.max(h, 0.5);
}
