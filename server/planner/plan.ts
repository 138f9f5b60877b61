/**
 * plan(): the reallocation planner of DESIGN.md, a pure function from PlannerInput to PlanResult.
 * The flow finds the optimum; this module turns flows back into named people and explains every line.
 */
import type { PlanAssignment, PlannerInput, PlanResult } from "../../shared/planner.js";
import { capMayCost, markCapCost, withDonorCap } from "./donor-cap.js";
import { solveFlow, type Solver } from "./solve.js";
import { releaseLargeKernel } from "./kernel/index.js";
import { explainChoices } from "./why.js";
import { buildGraph, K, type PlannerGraph } from "./graph.js";
import { balanceMarginal, personTerms, resolveWeights, unitLoad, type Weights } from "./model.js";
import { indexRoster, type Roster } from "./roster.js";

type Line = { staff: number; need: number; unit: number; km: number; ownCost: number };

export type PlanOptions = {
  /** Exact algorithm: "auto" (default) picks; the others exist so that tests can hold each to HiGHS. */
  solver?: Solver;
};

/** The optimal plan for an input that PlannerInput has validated; `now` is the clock for stats.solveMs. */
export function plan(input: PlannerInput, now: () => number = () => performance.now(), options: PlanOptions = {}): PlanResult {
  const start = now();
  const w = resolveWeights(input.weights);
  const roster = indexRoster(input, w);
  const cap = input.donorLoadCap ?? null;
  let solved: Solved;
  if (cap === null) solved = solveOnce(input, w, roster, now, options);
  else {
    // The cap enters as the units' floors, nothing else; an uncapped solve of the same input says what it cost.
    const capped = solveOnce(withDonorCap(input), w, roster, now, options);
    const uncapped = capMayCost(input, capped.result) ? solveOnce({ ...input, donorLoadCap: null }, w, roster, now, options).result : null;
    solved = { result: markCapCost(capped.result, uncapped, cap), staffOf: capped.staffOf };
  }
  const result = explainChoices(input, solved.result, solved.staffOf, roster, w);
  releaseLargeKernel();
  // solveMs covers everything a caller waits for: both solves with a cap, and the lines' explanations.
  result.stats = { ...result.stats, solveMs: now() - start };
  return result;
}

/** A solve's plan, and the input index of each of its lines' people (in the order of its assignments). */
type Solved = { result: PlanResult; staffOf: Int32Array };

function solveOnce(input: PlannerInput, w: Weights, roster: Roster, now: () => number, options: PlanOptions): Solved {
  const start = now();
  const graph = buildGraph(input, w, roster);
  const built = now();
  const { flow, stats } = solveFlow(graph, options.solver);
  const flowed = now();
  const lines = linesFromFlow(w, roster, graph, flow);
  const { result, staffOf } = assemble(input, w, graph, lines);
  const end = now();
  result.stats = {
    solveMs: end - start,
    // Where the time went (graph, min-cost flow, naming people and explaining lines): what bench:planner shows.
    graphMs: built - start,
    flowMs: flowed - built,
    resultMs: end - flowed,
    classes: graph.classes.count,
    nodes: graph.nodeCount,
    edges: graph.edgeCount,
    ...stats,
  };
  return { result, staffOf };
}

/**
 * Names the people behind the flow: in each class the cheapest members, matched to needs in a fixed order.
 * Only classes and hub → need edges that carry flow are visited (a few hundred of many thousands): at the
 * first solve in a fresh process this code runs cold, so work it skips is work never interpreted.
 */
function linesFromFlow(w: Weights, roster: Roster, graph: PlannerGraph, flow: Int32Array): Line[] {
  const atHub = new Map<number, number[]>(); // unit·K + skill → staff indices sent through that hub
  const cl = graph.classes;
  for (let c = 0; c < cl.count; c++) {
    if (flow[cl.poolEdge[c]!] === 0) continue;
    let next = cl.memberStart[c]!;
    for (let h = cl.hubStart[c]!; h < cl.hubStart[c + 1]!; h++) {
      const f = flow[cl.hubEdge[h]!]!;
      if (f === 0) continue;
      const key = cl.unit[c]! * K + cl.hubSkill[h]!;
      let list = atHub.get(key);
      if (list === undefined) atHub.set(key, (list = []));
      for (let k = 0; k < f; k++) list.push(cl.members[next++]!);
    }
  }
  const lines: Line[] = [];
  const used = new Map<number, number>();
  const ne = graph.needEdges;
  for (let i = 0; i < ne.length; i++) {
    const f = flow[ne.edge[i]!]!;
    if (f === 0) continue;
    const unit = ne.unit[i]!;
    const need = ne.need[i]!;
    const km = ne.km[i]!;
    const key = unit * K + ne.skill[i]!;
    const list = atHub.get(key)!;
    let at = used.get(key) ?? 0;
    for (let k = 0; k < f; k++) {
      const staff = list[at++]!;
      lines.push({ staff, need, unit, km, ownCost: w.distance * km + roster.cost[staff]! });
    }
    used.set(key, at);
  }
  return lines;
}

function assemble(input: PlannerInput, w: Weights, graph: PlannerGraph, lines: Line[]): Solved {
  const U = input.units.length;
  const taken = new Int32Array(U);
  for (const l of lines) taken[l.unit]!++;

  // The k-th marginal balance cost of a unit goes to its k-th line: most urgent need first, then the
  // cheapest line, then input order. Any order gives the same total; this one is stable and explainable.
  const byUnit: Line[][] = Array.from({ length: U }, () => []);
  for (const l of lines) byUnit[l.unit]!.push(l);
  const balance = new Map<Line, number>();
  for (let u = 0; u < U; u++) {
    const list = byUnit[u]!;
    list.sort((a, b) => input.needs[b.need]!.priority - input.needs[a.need]!.priority || a.ownCost - b.ownCost || a.staff - b.staff);
    list.forEach((l, k) => balance.set(l, balanceMarginal(w, input.units[u]!.workload, graph.staffCount[u]!, k + 1)));
  }

  lines.sort((a, b) => a.need - b.need || a.staff - b.staff);
  const filled = new Int32Array(input.needs.length);
  const assignments: PlanAssignment[] = lines.map((l) => {
    filled[l.need]!++;
    const s = input.staff[l.staff]!;
    const need = input.needs[l.need]!;
    const unit = input.units[l.unit]!;
    const t = personTerms(w, s);
    const costTerms = { distance: w.distance * l.km, fatigue: t.fatigue, volunteer: t.volunteer, released: t.released, balance: balance.get(l)! };
    const A = graph.staffCount[l.unit]!;
    return {
      staffId: s.id,
      needId: need.id,
      km: l.km,
      cost: costTerms.distance + costTerms.fatigue + costTerms.volunteer + costTerms.released + costTerms.balance,
      explain: {
        skill: need.skill,
        unitId: unit.id,
        siteId: need.siteId,
        fatigueHours: s.fatigueHours,
        volunteer: s.volunteer,
        released: s.released,
        unitLoadBefore: unitLoad(unit.workload, A, 0),
        unitLoadAfter: unitLoad(unit.workload, A, taken[l.unit]!),
        costTerms,
      },
    };
  });

  const unfilled: PlanResult["unfilled"] = [];
  let requested = 0;
  let objective = 0;
  input.needs.forEach((need, j) => {
    requested += need.count;
    const missing = need.count - filled[j]!;
    if (missing > 0) {
      unfilled.push({ needId: need.id, count: missing });
      objective += w.priority * need.priority * missing;
    }
  });
  for (const a of assignments) objective += a.cost;

  const loadByUnit: PlanResult["metrics"]["loadByUnit"] = {};
  let maxLoadBefore = 0;
  let maxLoadAfter = 0;
  input.units.forEach((unit, u) => {
    const before = unitLoad(unit.workload, graph.staffCount[u]!, 0);
    const after = unitLoad(unit.workload, graph.staffCount[u]!, taken[u]!);
    loadByUnit[unit.id] = { before, after, taken: taken[u]! };
    maxLoadBefore = Math.max(maxLoadBefore, before);
    maxLoadAfter = Math.max(maxLoadAfter, after);
  });

  const result: PlanResult = {
    assignments,
    unfilled,
    objective,
    metrics: { coverage: requested === 0 ? 1 : lines.length / requested, maxLoadBefore, maxLoadAfter, loadByUnit },
    stats: { solveMs: 0 },
  };
  return { result, staffOf: Int32Array.from(lines, (l) => l.staff) };
}
