/**
 * The cost terms of the planner's objective (DESIGN.md, "The planner"), shared by the graph builder and
 * by the result assembly so that the flow optimises exactly what the result reports.
 */
import { DEFAULT_WEIGHTS, type PlannerStaff, type PlannerWeights } from "../../shared/planner.js";
import { unitLoad as loadOf } from "../../shared/rules.js";

export type Weights = { -readonly [K in keyof typeof DEFAULT_WEIGHTS]: number };

/** The weights in force: the input's where given, DEFAULT_WEIGHTS elsewhere. */
export function resolveWeights(weights: PlannerWeights | undefined): Weights {
  return { ...DEFAULT_WEIGHTS, ...stripUndefined(weights ?? {}) };
}

function stripUndefined(w: PlannerWeights): Partial<Weights> {
  return Object.fromEntries(Object.entries(w).filter(([, v]) => v !== undefined)) as Partial<Weights>;
}

type Person = Pick<PlannerStaff, "fatigueHours" | "volunteer" | "released">;

const fatigueTerm = (w: Weights, s: Person) => (w.fatigue * s.fatigueHours) / 8;
const volunteerTerm = (w: Weights, s: Person) => (s.volunteer ? -w.volunteer : 0);
const releasedTerm = (w: Weights, s: Person) => (s.released ? -w.released : 0);

/** Signed per-line terms that do not depend on where the person goes (fatigue, volunteer, released). */
export function personTerms(w: Weights, s: Person) {
  return { fatigue: fatigueTerm(w, s), volunteer: volunteerTerm(w, s), released: releasedTerm(w, s) };
}

/**
 * The per-person cost that orders interchangeable staff inside a class: the sum of personTerms, in the
 * same order (so bit for bit the same), without an object per person (the graph prices every one).
 */
export function personCost(w: Weights, s: Person): number {
  return fatigueTerm(w, s) + volunteerTerm(w, s) + releasedTerm(w, s);
}

/** Load a unit is left with after `taken` of its A present people leave (shared/rules.ts unitLoad). */
export function unitLoad(workload: number, staffCount: number, taken: number): number {
  return loadOf(workload, staffCount - taken);
}

/** Marginal balance cost of taking the k-th person (k ≥ 1) from a unit; nondecreasing in k, hence convex. */
export function balanceMarginal(w: Weights, workload: number, staffCount: number, k: number): number {
  return w.balance * unitLoad(workload, staffCount, k);
}
