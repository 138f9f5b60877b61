/** What the Mutasi area shows, derived from the live state: the current cycle, its newest plan, EJ per unit before and after. */
import type { MutasiCycle, MutasiPlanLive, Position } from "../../../shared/mutasi-cycle.js";
import type { LiveState } from "../../live/index.js";

/** The newest cycle (by year). */
export function currentCycle(state: LiveState): MutasiCycle | undefined {
  return [...state.mutasiCycles.values()].sort((a, b) => b.year - a.year)[0];
}

/** The cycle's newest plan (without its moves for those who may not read them: shared/mutasi-cycle.ts). */
export function latestPlan(state: LiveState, cycleId: string): MutasiPlanLive | undefined {
  return [...state.mutasiPlans.values()].filter((p) => p.cycleId === cycleId).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}

export interface UnitEj { unitId: string; need: number; before: number; after: number; ejBefore: number | null; ejAfter: number | null }

/** EJ per unit: Σ needFte of its positions over the people holding them, now and after the plan's moves. */
export function ejByUnit(state: LiveState, plan: MutasiPlanLive | undefined): UnitEj[] {
  const positions = new Map<string, Position>(state.positions);
  const rows = new Map<string, UnitEj>();
  const row = (unitId: string) => {
    let r = rows.get(unitId);
    if (!r) rows.set(unitId, (r = { unitId, need: 0, before: 0, after: 0, ejBefore: null, ejAfter: null }));
    return r;
  };
  for (const p of positions.values()) row(p.unitId).need += p.needFte;
  for (const s of state.staff.values()) {
    const p = s.positionId ? positions.get(s.positionId) : undefined;
    if (!p) continue;
    row(p.unitId).before++;
    row(p.unitId).after++;
  }
  for (const m of plan?.result?.moves ?? []) {
    const from = positions.get(m.from), to = positions.get(m.to);
    if (from) row(from.unitId).after--;
    if (to) row(to.unitId).after++;
  }
  for (const r of rows.values()) {
    r.ejBefore = r.before > 0 ? r.need / r.before : null;
    r.ejAfter = r.after > 0 ? r.need / r.after : null;
  }
  return [...rows.values()].sort((a, b) => (b.ejBefore ?? 0) - (a.ejBefore ?? 0));
}
