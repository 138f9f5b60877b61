/** The figures that decide between two plans, and what a plan does to the busiest units (issue 13, item 3). */
import type { PlanResult } from "../../../shared/planner.js";
import { LOAD_THRESHOLDS } from "../../../shared/rules.js";

/** A load change smaller than this is rounding, not a change. */
const EPS = 1e-6;

export interface PlanFigures {
  lines: number;
  coverage: number;
  unfilled: number;
  unfilledByCap: number;
  maxLoadBefore: number;
  maxLoadAfter: number;
  /** Units above LOAD_THRESHOLDS.over (1.1) after the plan. */
  over: number;
  /** Units the plan pushes above 1.1 (at or below it before). */
  pushedOver: string[];
  raisesMax: boolean;
  cap: number | null;
}

export function planFigures(r: PlanResult): PlanFigures {
  const loads = Object.entries(r.metrics.loadByUnit);
  return {
    lines: r.assignments.length,
    coverage: r.metrics.coverage,
    unfilled: r.unfilled.reduce((s, u) => s + u.count, 0),
    unfilledByCap: r.metrics.unfilledByCap ?? 0,
    maxLoadBefore: r.metrics.maxLoadBefore,
    maxLoadAfter: r.metrics.maxLoadAfter,
    over: loads.filter(([, l]) => l.after > LOAD_THRESHOLDS.over).length,
    pushedOver: loads.filter(([, l]) => l.taken > 0 && l.before <= LOAD_THRESHOLDS.over && l.after > LOAD_THRESHOLDS.over).map(([id]) => id),
    raisesMax: r.metrics.maxLoadAfter > r.metrics.maxLoadBefore + EPS,
    cap: r.metrics.donorLoadCap ?? null,
  };
}
