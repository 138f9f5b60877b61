/**
 * An independent checker of a MutasiResult: it re-derives everything from the input and the moves alone,
 * with its own pref table and balance term (no code shared with server/mutasi/model), and throws on the
 * first disagreement. Also the exhaustive optimum for tiny inputs.
 */
import { expect } from "vitest";
import type { MutasiInput, MutasiResult } from "../../shared/mutasi.js";

const W = (input: MutasiInput) => ({ balance: 1, move: 0.5, wish: 1, forced: 5, ...Object.fromEntries(Object.entries(input.weights ?? {}).filter(([, v]) => v !== undefined)) }) as {
  balance: number; move: number; wish: number; forced: number;
};

type Staff = MutasiInput["staff"][number];

/** pref(choice, end) without the points factor, straight from DESIGN.md's table. */
export function pref(input: MutasiInput, s: Staff, end: string): number {
  const w = W(input);
  const k = s.wishes.length;
  const r = s.wishes.indexOf(end);
  if (end === s.positionId) return s.choice === "move" ? w.wish * (k + 1) : 0;
  if (r >= 0) return w.wish * r;
  return s.choice === "either" ? w.wish * (k + 1) : w.forced;
}

/** Z for where everyone ends (staffId → positionId). */
export function zOf(input: MutasiInput, end: Map<string, string>): number {
  const w = W(input);
  const h = new Map<string, number>();
  for (const s of input.staff) h.set(end.get(s.id)!, (h.get(end.get(s.id)!) ?? 0) + 1);
  let z = 0;
  for (const p of input.positions) z += (w.balance * p.needFte * p.needFte) / Math.max(h.get(p.id) ?? 0, 0.5);
  for (const s of input.staff) {
    const e = end.get(s.id)!;
    z += (e === s.positionId ? 0 : w.move) + (1 + s.points / 100) * pref(input, s, e);
  }
  return z;
}

/** Whether an ending obeys the hard rules. */
export function feasible(input: MutasiInput, end: Map<string, string>): string | null {
  const pos = new Map(input.positions.map((p) => [p.id, p]));
  const h0 = new Map<string, number>();
  const h = new Map<string, number>();
  for (const s of input.staff) {
    const e = end.get(s.id)!;
    if (!pos.has(e)) return `${s.id} ends in unknown ${e}`;
    if (e !== s.positionId && !s.movable) return `${s.id} is not movable but moved`;
    if (pos.get(e)!.jabatan !== pos.get(s.positionId)!.jabatan) return `${s.id} changed jabatan`;
    h0.set(s.positionId, (h0.get(s.positionId) ?? 0) + 1);
    h.set(e, (h.get(e) ?? 0) + 1);
  }
  for (const p of input.positions) {
    const a = h.get(p.id) ?? 0;
    const b = h0.get(p.id) ?? 0;
    if (a > Math.max(p.capacity, b)) return `${p.id} above max(capacity, h0): ${a}`;
    if (a < Math.min(p.floor, b)) return `${p.id} below min(floor, h0): ${a}`;
  }
  return null;
}

/** Justified envy by brute force over every pair (byStaffId: fewest points, ties to the first in input order). */
export function envyOf(input: MutasiInput, end: Map<string, string>): { staffId: string; positionId: string; byStaffId: string }[] {
  const out: { staffId: string; positionId: string; byStaffId: string }[] = [];
  for (const a of input.staff) {
    for (const p of a.wishes) {
      if (!(pref(input, a, p) < pref(input, a, end.get(a.id)!))) continue;
      let by: Staff | undefined;
      for (const b of input.staff) {
        if (end.get(b.id) !== p || b.positionId === p || !(b.points < a.points)) continue;
        if (!by || b.points < by.points) by = b;
      }
      if (by) out.push({ staffId: a.id, positionId: p, byStaffId: by.id });
    }
  }
  return out;
}

/** Checks a result against the input; returns the endings it describes. */
export function checkResult(input: MutasiInput, result: MutasiResult): Map<string, string> {
  const end = new Map(input.staff.map((s) => [s.id, s.positionId]));
  const byId = new Map(input.staff.map((s) => [s.id, s]));
  const seen = new Set<string>();
  for (const m of result.moves) {
    const s = byId.get(m.staffId)!;
    expect(s, `move of unknown ${m.staffId}`).toBeDefined();
    expect(seen.has(m.staffId), `${m.staffId} moved twice`).toBe(false);
    seen.add(m.staffId);
    expect(m.from).toBe(s.positionId);
    expect(m.to).not.toBe(s.positionId);
    end.set(m.staffId, m.to);
    const r = s.wishes.indexOf(m.to);
    expect(m.wishRank).toBe(r >= 0 ? r : null);
    expect(m.forced).toBe(r < 0 && s.choice !== "either");
    expect(m.explanation.forcedReason !== undefined).toBe(m.forced);
    const personal = W(input).move + (1 + s.points / 100) * pref(input, s, m.to);
    expect(Math.abs(m.cost - personal)).toBeLessThan(1e-9 * Math.max(1, personal));
    expect(Math.abs(m.explanation.move + m.explanation.pref.cost - m.cost)).toBeLessThan(1e-9 * Math.max(1, m.cost));
  }
  const bad = feasible(input, end);
  expect(bad).toBeNull();
  const z = zOf(input, end);
  expect(Math.abs(result.objective - z) / Math.max(1, Math.abs(z))).toBeLessThan(1e-9);
  // Metrics recomputed.
  const h0 = new Map<string, number>();
  const h = new Map<string, number>();
  for (const s of input.staff) {
    h0.set(s.positionId, (h0.get(s.positionId) ?? 0) + 1);
    h.set(end.get(s.id)!, (h.get(end.get(s.id)!) ?? 0) + 1);
  }
  for (const p of input.positions) {
    const b = h0.get(p.id) ?? 0;
    const a = h.get(p.id) ?? 0;
    expect(result.metrics.ej[p.id]).toEqual({ before: b ? p.needFte / b : null, after: a ? p.needFte / a : null });
  }
  expect(result.metrics.moved).toBe(result.moves.length);
  expect(result.metrics.forced).toBe(result.moves.filter((m) => m.forced).length);
  const met = [0, 0, 0];
  for (const s of input.staff) {
    const r = s.wishes.indexOf(end.get(s.id)!);
    if (r >= 0) met[r]!++;
  }
  expect(result.metrics.wishesMet).toEqual(met);
  expect(result.metrics.envy).toEqual(envyOf(input, end));
  return end;
}

/** The exact optimum by trying every ending (tiny inputs only). */
export function bruteForceOptimum(input: MutasiInput): number {
  const pos = new Map(input.positions.map((p) => [p.id, p]));
  const options = input.staff.map((s) => (s.movable ? input.positions.filter((p) => p.jabatan === pos.get(s.positionId)!.jabatan).map((p) => p.id) : [s.positionId]));
  let best = Infinity;
  const end = new Map<string, string>();
  const walk = (i: number) => {
    if (i === input.staff.length) {
      if (feasible(input, end) === null) best = Math.min(best, zOf(input, end));
      return;
    }
    for (const o of options[i]!) {
      end.set(input.staff[i]!.id, o);
      walk(i + 1);
    }
  };
  walk(0);
  return best;
}
