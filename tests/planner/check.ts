/**
 * An independent checker of a PlanResult against its PlannerInput: every hard constraint of DESIGN.md,
 * the objective recomputed from the input, and the explanations. It shares no code with the planner
 * (its own haversine, its own cost formula), so a planner bug cannot hide behind a shared helper.
 */
import { DEFAULT_WEIGHTS, PlanResult, type PlannerInput } from "../../shared/planner.js";

function km(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lng2 - lng1) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(Math.min(1, h)));
}

function staffCounts(input: PlannerInput) {
  const all = new Map<string, number>();
  const kept = new Map<string, number>();
  for (const s of input.staff) {
    all.set(s.unitId, (all.get(s.unitId) ?? 0) + 1);
    if (!s.released) kept.set(s.unitId, (kept.get(s.unitId) ?? 0) + 1);
  }
  return { all, kept };
}

const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

/** Z of DESIGN.md for a set of lines, computed from the input alone. */
export function objectiveOf(input: PlannerInput, lines: { staffId: string; needId: string }[]): number {
  const w = { ...DEFAULT_WEIGHTS, ...Object.fromEntries(Object.entries(input.weights ?? {}).filter(([, v]) => v !== undefined)) };
  const unit = new Map(input.units.map((u) => [u.id, u]));
  const staff = new Map(input.staff.map((s) => [s.id, s]));
  const need = new Map(input.needs.map((n) => [n.id, n]));
  let z = 0;
  const filled = new Map<string, number>();
  const taken = new Map<string, number>();
  for (const l of lines) {
    const s = staff.get(l.staffId)!;
    const n = need.get(l.needId)!;
    const u = unit.get(s.unitId)!;
    z += w.distance * km(u.lat, u.lng, n.lat, n.lng) + (w.fatigue * s.fatigueHours) / 8;
    if (s.volunteer) z -= w.volunteer;
    if (s.released) z -= w.released;
    filled.set(n.id, (filled.get(n.id) ?? 0) + 1);
    taken.set(u.id, (taken.get(u.id) ?? 0) + 1);
  }
  for (const n of input.needs) z += w.priority * n.priority * (n.count - (filled.get(n.id) ?? 0));
  const { all } = staffCounts(input);
  for (const u of input.units) {
    const A = all.get(u.id) ?? 0;
    for (let k = 1; k <= (taken.get(u.id) ?? 0); k++) z += (w.balance * u.workload) / Math.max(1, A - k);
  }
  return z;
}

/** Throws with a precise message at the first violation; returns nothing when the plan is sound. */
export function checkPlan(input: PlannerInput, result: PlanResult): void {
  const fail = (msg: string): never => {
    throw new Error(`plan check: ${msg}`);
  };
  const parsed = PlanResult.safeParse(result);
  if (!parsed.success) fail(`result does not match PlanResult: ${parsed.error.message}`);
  const w = { ...DEFAULT_WEIGHTS, ...Object.fromEntries(Object.entries(input.weights ?? {}).filter(([, v]) => v !== undefined)) };
  const unit = new Map(input.units.map((u) => [u.id, u]));
  const staff = new Map(input.staff.map((s) => [s.id, s]));
  const need = new Map(input.needs.map((n) => [n.id, n]));

  const seen = new Set<string>();
  const filled = new Map<string, number>();
  const taken = new Map<string, number>();
  const keptTaken = new Map<string, number>();
  const balances = new Map<string, number[]>();
  for (const a of result.assignments) {
    const s = staff.get(a.staffId) ?? fail(`unknown staff ${a.staffId}`);
    const n = need.get(a.needId) ?? fail(`unknown need ${a.needId}`);
    const u = unit.get(s.unitId)!;
    if (seen.has(s.id)) fail(`${s.id} assigned twice`);
    seen.add(s.id);
    if (!s.skills.includes(n.skill)) fail(`${s.id} lacks ${n.skill} for ${n.id}`);
    const d = km(u.lat, u.lng, n.lat, n.lng);
    if (!close(d, a.km)) fail(`${s.id}→${n.id}: km ${a.km} but the map says ${d}`);
    if (n.maxDistanceKm !== undefined && d > n.maxDistanceKm * (1 + 1e-12)) fail(`${s.id}→${n.id}: ${d} km beyond ${n.maxDistanceKm}`);
    if (n.siteUnitId === s.unitId) fail(`${s.id}→${n.id}: lent to its own unit's spike`);
    filled.set(n.id, (filled.get(n.id) ?? 0) + 1);
    taken.set(u.id, (taken.get(u.id) ?? 0) + 1);
    if (!s.released) keptTaken.set(u.id, (keptTaken.get(u.id) ?? 0) + 1);

    const e = a.explain;
    if (e.unitId !== u.id || e.skill !== n.skill || e.siteId !== n.siteId) fail(`${s.id}: explanation names the wrong unit, skill or site`);
    if (e.fatigueHours !== s.fatigueHours || e.volunteer !== s.volunteer || e.released !== s.released) fail(`${s.id}: explanation misstates the person`);
    const t = e.costTerms;
    if (!close(t.distance, w.distance * d)) fail(`${s.id}: distance term`);
    if (!close(t.fatigue, (w.fatigue * s.fatigueHours) / 8)) fail(`${s.id}: fatigue term`);
    if (t.volunteer !== (s.volunteer ? -w.volunteer : 0) || t.released !== (s.released ? -w.released : 0)) fail(`${s.id}: volunteer/released terms`);
    if (!close(a.cost, t.distance + t.fatigue + t.volunteer + t.released + t.balance)) fail(`${s.id}: cost is not the sum of its terms`);
    balances.set(u.id, [...(balances.get(u.id) ?? []), t.balance]);
  }

  for (const n of input.needs) {
    const f = filled.get(n.id) ?? 0;
    if (f > n.count) fail(`${n.id} gets ${f} people for ${n.count}`);
  }
  const unfilled = new Map(result.unfilled.map((x) => [x.needId, x.count]));
  if (unfilled.size !== result.unfilled.length) fail("a need is listed twice as unfilled");
  for (const n of input.needs) {
    const missing = n.count - (filled.get(n.id) ?? 0);
    if ((unfilled.get(n.id) ?? 0) !== missing) fail(`${n.id}: unfilled ${unfilled.get(n.id) ?? 0}, expected ${missing}`);
  }

  const counts = staffCounts(input);
  for (const u of input.units) {
    const A = counts.all.get(u.id) ?? 0;
    const N = counts.kept.get(u.id) ?? 0;
    if ((keptTaken.get(u.id) ?? 0) > Math.max(0, N - u.floor)) fail(`${u.id}: ${keptTaken.get(u.id)} non-released taken breaks floor ${u.floor} of ${N}`);
    const t = taken.get(u.id) ?? 0;
    // The unit's lines carry exactly the marginal balance costs k = 1..t, in some order.
    const got = [...(balances.get(u.id) ?? [])].sort((a, b) => a - b);
    const want = Array.from({ length: t }, (_, k) => (w.balance * u.workload) / Math.max(1, A - (k + 1))).sort((a, b) => a - b);
    if (got.length !== want.length || got.some((g, i) => !close(g, want[i]!))) fail(`${u.id}: balance terms ${got} are not the marginals ${want}`);
    const load = result.metrics.loadByUnit[u.id] ?? fail(`${u.id} missing from loadByUnit`);
    if (load.taken !== t || !close(load.before, u.workload / Math.max(1, A)) || !close(load.after, u.workload / Math.max(1, A - t))) fail(`${u.id}: loadByUnit`);
  }
  for (const a of result.assignments) {
    const l = result.metrics.loadByUnit[a.explain.unitId]!;
    if (a.explain.unitLoadBefore !== l.before || a.explain.unitLoadAfter !== l.after) fail(`${a.staffId}: unit loads disagree with metrics`);
  }
  const requested = input.needs.reduce((s, n) => s + n.count, 0);
  if (!close(result.metrics.coverage, requested === 0 ? 1 : result.assignments.length / requested)) fail("coverage");
  const loads = Object.values(result.metrics.loadByUnit);
  if (!close(result.metrics.maxLoadBefore, Math.max(0, ...loads.map((l) => l.before)))) fail("maxLoadBefore");
  if (!close(result.metrics.maxLoadAfter, Math.max(0, ...loads.map((l) => l.after)))) fail("maxLoadAfter");
  const z = objectiveOf(input, result.assignments);
  if (!close(z, result.objective)) fail(`objective ${result.objective} but the lines give ${z}`);
}
