/**
 * The planner's model written as a linear program for HiGHS, built from the input alone (it shares no code
 * with the planner's graph), so that HiGHS's optimum is an independent check of the planner's.
 *
 * The balance term is convex in t_u, so it becomes y_{u,k} ∈ [0,1] with cost marginal(k) and
 * Σ_k y_{u,k} = t_u: a minimiser fills the cheap k first. The constraint matrix is a network matrix, so
 * the LP optimum equals the integer optimum.
 *
 * "person" form: one variable per (person, need in range with the skill). Exact, only for small inputs.
 * "class" form: people of a unit with the same pool and skill set are pooled (their own costs become a
 * convex chain of distinct values with multiplicities), and flows go unit → need through a (unit, skill)
 * hub. Same optimum, far fewer variables.
 */
import { DEFAULT_WEIGHTS, type PlannerInput } from "../shared/planner.js";
import { haversineKm } from "../server/planner/geo.js";

export type LpForm = "person" | "class";

type Term = [coef: number, name: string];

class Lp {
  private obj: string[] = [];
  private rows: string[] = [];
  private bounds: string[] = [];
  vars = 0;
  rowCount = 0;

  variable(cost: number, upper?: number): string {
    const name = `v${this.vars++}`;
    if (cost !== 0) this.obj.push(`${fmt(cost, this.obj.length === 0)} ${name}`);
    this.bounds.push(upper === undefined ? ` ${name} >= 0` : ` 0 <= ${name} <= ${upper}`);
    return name;
  }

  row(terms: Term[], sense: "<=" | "=" | ">=", rhs: number) {
    if (terms.length === 0) return;
    const parts = terms.map(([c, n], i) => `${fmt(c, i === 0)} ${n}`);
    const lines: string[] = [];
    for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(" "));
    this.rows.push(` r${this.rowCount++}: ${lines.join("\n   ")} ${sense} ${rhs}`);
  }

  text(): string {
    const obj: string[] = [];
    for (let i = 0; i < this.obj.length; i += 8) obj.push(this.obj.slice(i, i + 8).join(" "));
    // A model with nothing to decide still needs an objective line HiGHS can parse.
    const objText = obj.length ? obj.join("\n   ") : "0 zero";
    const zero = obj.length ? "" : " zero = 0\n";
    return `Minimize\n obj: ${objText}\nSubject To\n${this.rows.join("\n")}\n${zero}Bounds\n${this.bounds.join("\n")}\nEnd\n`;
  }
}

function fmt(c: number, first: boolean): string {
  const s = Math.abs(c).toPrecision(17).replace(/\.?0+$/, "").replace(/\.?0+e/, "e");
  if (c < 0) return `- ${s}`;
  return first ? s : `+ ${s}`;
}

/** The LP text of the planner's model for an input, with the number of variables and rows. */
export function buildLp(input: PlannerInput, form: LpForm): { text: string; vars: number; rows: number } {
  const w = { ...DEFAULT_WEIGHTS, ...Object.fromEntries(Object.entries(input.weights ?? {}).filter(([, v]) => v !== undefined)) };
  const lp = new Lp();
  const units = new Map(input.units.map((u) => [u.id, u]));
  const km = (unitId: string, j: number) => {
    const u = units.get(unitId)!;
    const n = input.needs[j]!;
    return haversineKm(u.lat, u.lng, n.lat, n.lng);
  };
  const inRange = (unitId: string, j: number) => {
    const max = input.needs[j]!.maxDistanceKm;
    return input.needs[j]!.siteUnitId !== unitId && (max === undefined || km(unitId, j) <= max);
  };
  const own = (s: PlannerInput["staff"][number]) => (w.fatigue * s.fatigueHours) / 8 - (s.volunteer ? w.volunteer : 0) - (s.released ? w.released : 0);

  const needTerms: Term[][] = input.needs.map(() => []);
  const takenTerms = new Map<string, Term[]>(); // unit → everything that leaves it
  const keptTerms = new Map<string, Term[]>(); // unit → non-released that leave it
  for (const u of input.units) {
    takenTerms.set(u.id, []);
    keptTerms.set(u.id, []);
  }

  if (form === "person") {
    for (const s of input.staff) {
      const mine: Term[] = [];
      input.needs.forEach((n, j) => {
        if (!s.skills.includes(n.skill) || !inRange(s.unitId, j)) return;
        const x = lp.variable(w.distance * km(s.unitId, j) + own(s), 1);
        mine.push([1, x]);
        needTerms[j]!.push([1, x]);
        takenTerms.get(s.unitId)!.push([1, x]);
        if (!s.released) keptTerms.get(s.unitId)!.push([1, x]);
      });
      lp.row(mine, "<=", 1);
    }
  } else {
    const classes = new Map<string, { unitId: string; released: boolean; skills: string[]; costs: number[] }>();
    for (const s of input.staff) {
      const skills = [...new Set(s.skills)].sort();
      const key = `${s.unitId}|${s.released}|${skills.join(",")}`;
      const c = classes.get(key) ?? { unitId: s.unitId, released: s.released, skills, costs: [] };
      c.costs.push(own(s));
      classes.set(key, c);
    }
    const hubIn = new Map<string, Term[]>(); // unit|skill → class flows into the hub
    for (const c of classes.values()) {
      const counts = new Map<number, number>();
      for (const x of c.costs) counts.set(x, (counts.get(x) ?? 0) + 1);
      const chain: Term[] = [];
      for (const [cost, count] of counts) chain.push([1, lp.variable(cost, count)]);
      const out: Term[] = [];
      for (const sk of c.skills) {
        const h = lp.variable(0);
        out.push([-1, h]);
        const key = `${c.unitId}|${sk}`;
        hubIn.set(key, [...(hubIn.get(key) ?? []), [1, h]]);
      }
      lp.row([...chain, ...out], "=", 0);
      for (const t of chain) {
        takenTerms.get(c.unitId)!.push(t);
        if (!c.released) keptTerms.get(c.unitId)!.push(t);
      }
    }
    for (const [key, terms] of hubIn) {
      const [unitId, skill] = key.split("|") as [string, string];
      const out: Term[] = [];
      input.needs.forEach((n, j) => {
        if (n.skill !== skill || !inRange(unitId, j)) return;
        const f = lp.variable(w.distance * km(unitId, j));
        out.push([-1, f]);
        needTerms[j]!.push([1, f]);
      });
      lp.row([...terms, ...out], "=", 0);
    }
  }

  input.needs.forEach((n, j) => {
    const miss = lp.variable(w.priority * n.priority);
    lp.row([...needTerms[j]!, [1, miss]], "=", n.count);
  });
  for (const u of input.units) {
    const all = input.staff.filter((s) => s.unitId === u.id);
    const A = all.length;
    const N = all.filter((s) => !s.released).length;
    const taken = takenTerms.get(u.id)!;
    if (taken.length === 0) continue;
    lp.row(keptTerms.get(u.id)!, "<=", Math.max(0, N - u.floor));
    // Pieces with equal marginal cost are merged into one variable bounded by their number.
    const chain: Term[] = [];
    let k = 1;
    while (k <= A) {
      const m = (w.balance * u.workload) / Math.max(1, A - k);
      let k2 = k;
      while (k2 + 1 <= A && (w.balance * u.workload) / Math.max(1, A - k2 - 1) === m) k2++;
      chain.push([-1, lp.variable(m, k2 - k + 1)]);
      k = k2 + 1;
    }
    lp.row([...taken, ...chain], "=", 0);
  }
  return { text: lp.text(), vars: lp.vars, rows: lp.rowCount };
}

type Highs = Awaited<ReturnType<typeof import("highs").default>>;
let loaded: Promise<Highs> | undefined;

/** The HiGHS wasm solver, loaded once per process. */
export function loadHighs(): Promise<Highs> {
  loaded ??= import("highs").then((m) => m.default());
  return loaded;
}

/** Solves an LP text; returns the status, the optimum and the wall time of the solve call. */
export async function solveLp(text: string, timeLimitS = 120): Promise<{ status: string; objective: number; ms: number }> {
  const highs = await loadHighs();
  const t0 = performance.now();
  const sol = highs.solve(text, { time_limit: timeLimitS });
  return { status: sol.Status, objective: sol.ObjectiveValue, ms: performance.now() - t0 };
}

