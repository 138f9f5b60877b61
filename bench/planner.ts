/**
 * `npm run bench:planner`: the planner against HiGHS on the same model at three scales and two
 * supply-starved cases.
 * Planner time is stats.solveMs (graph + flow + result, input already parsed), the median of several runs
 * after one warm-up; HiGHS time is its solve call on the pooled LP (which includes reading the LP text).
 * Writes bench/results/planner.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { plan } from "../server/planner/index.js";
import { generateInstance, SCALES, STARVED } from "./generate.js";
import { buildLp, solveLp } from "./lp.js";

const HIGHS_TIME_LIMIT_S = 120;
/**
 * Besides the three scales of issue 3, the supply-starved stress cases (bench/generate.ts STARVED): needs
 * beyond the staff that can be spared, where shortest paths would pay one augmentation per person over a
 * growing reassignment web and "auto" uses cost scaling instead. They are the planner's slowest cases.
 */
const CASES = { ...SCALES, ...STARVED };
type Case = keyof typeof CASES;
const RUNS: Record<Case, number> = { small: 15, kupang: 9, province: 5, "kupang-starved": 9, "province-starved": 5 };
const HIGHS_RUNS: Record<Case, number> = { small: 3, kupang: 3, province: 1, "kupang-starved": 1, "province-starved": 1 };
const TARGET_MS: Record<Case, number> = { small: Infinity, kupang: 100, province: 2000, "kupang-starved": Infinity, "province-starved": 2000 };
/** Warm-up: at least one run and at least this long, so the small case is not timed in the interpreter. */
const WARM_UP_MS = 500;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

type Row = {
  scale: string;
  staff: number;
  units: number;
  needs: number;
  requested: number;
  classes: number;
  edges: number;
  augmentations: number;
  /** How "auto" solved it: paths, scaling, paths→scaling (shortest paths gave up), …→simplex (fallback). */
  solver: string;
  /** Cost-scaling phases (0 when shortest paths finished). */
  phases: number;
  plannerMedianMs: number;
  plannerRunsMs: number[];
  plannerObjective: number;
  coverage: number;
  lpVars: number;
  lpRows: number;
  lpBuildMs: number;
  highsStatus: string;
  highsMedianMs: number | null;
  highsObjective: number | null;
  speedup: number | null;
  /** Against HiGHS, or against the network simplex when HiGHS did not finish (see `reference`). */
  relativeGap: number;
  reference: string;
  targetMs: number | null;
  meetsTime: boolean;
  meetsGap: boolean;
  meetsSpeedup: boolean | null;
};

async function benchScale(name: Case): Promise<Row> {
  const input = generateInstance(CASES[name]);
  const warmStart = performance.now();
  let last = plan(input);
  while (performance.now() - warmStart < WARM_UP_MS) last = plan(input);
  const runs: number[] = [];
  for (let i = 0; i < RUNS[name]; i++) {
    last = plan(input);
    runs.push(last.stats.solveMs);
  }
  const t0 = performance.now();
  const lp = buildLp(input, "class");
  const lpBuildMs = performance.now() - t0;
  const highs: { status: string; objective: number; ms: number }[] = [];
  for (let i = 0; i < HIGHS_RUNS[name]; i++) {
    const r = await solveLp(lp.text, HIGHS_TIME_LIMIT_S);
    highs.push(r);
    if (r.status !== "Optimal") break;
  }
  const optimal = highs.every((h) => h.status === "Optimal");
  const plannerMedianMs = median(runs);
  const highsMedianMs = optimal ? median(highs.map((h) => h.ms)) : null;
  const highsObjective = optimal ? highs[0]!.objective : null;
  // When HiGHS runs out of time (province-starved), the network simplex, exact and independent of cost
  // scaling and of shortest paths, is the reference instead: slow there (about 20 s), but it finishes.
  const reference = highsObjective !== null ? { name: "HiGHS", objective: highsObjective } : { name: "simplex", objective: plan(input, undefined, { solver: "simplex" }).objective };
  const relativeGap = Math.abs(last.objective - reference.objective) / Math.max(1, Math.abs(reference.objective));
  const speedup = highsMedianMs === null ? null : highsMedianMs / plannerMedianMs;
  return {
    scale: name,
    staff: input.staff.length,
    units: input.units.length,
    needs: input.needs.length,
    requested: input.needs.reduce((s, n) => s + n.count, 0),
    classes: last.stats.classes ?? 0,
    edges: last.stats.edges ?? 0,
    augmentations: last.stats.augmentations ?? 0,
    solver: solverName(last.stats),
    phases: last.stats.phases ?? 0,
    plannerMedianMs,
    plannerRunsMs: runs,
    plannerObjective: last.objective,
    coverage: last.metrics.coverage,
    lpVars: lp.vars,
    lpRows: lp.rows,
    lpBuildMs,
    highsStatus: optimal ? "Optimal" : `${highs.at(-1)!.status} after ${(highs.at(-1)!.ms / 1000).toFixed(0)} s`,
    highsMedianMs,
    highsObjective,
    speedup,
    relativeGap,
    reference: reference.name,
    targetMs: Number.isFinite(TARGET_MS[name]) ? TARGET_MS[name] : null,
    meetsTime: plannerMedianMs < TARGET_MS[name],
    meetsGap: relativeGap <= 1e-6,
    meetsSpeedup: name === "small" ? null : speedup === null ? null : speedup >= 10,
  };
}

function solverName(stats: Record<string, number>): string {
  const steps = [];
  if (stats.augmentations !== undefined) steps.push("paths");
  if (stats.scaling) steps.push("scaling");
  if (stats.simplex) steps.push("simplex");
  return steps.join("→");
}

const fmt = (x: number | null, d = 1) => (x === null ? "—" : x.toFixed(d));

async function main() {
  const only = process.argv.slice(2).filter((a): a is Case => a in CASES);
  const scales = only.length ? only : (Object.keys(CASES) as Case[]);
  const rows: Row[] = [];
  for (const s of scales) {
    process.stderr.write(`bench: ${s}…\n`);
    rows.push(await benchScale(s));
  }
  const header = ["scale", "staff", "units", "needs", "moved", "classes", "edges", "solver", "planner ms (median)", "HiGHS ms", "speedup", "rel. gap", "target"];
  const lines = rows.map((r) => [
    r.scale,
    String(r.staff),
    String(r.units),
    String(r.needs),
    String(Math.round(r.coverage * r.requested)),
    String(r.classes),
    String(r.edges),
    r.solver,
    fmt(r.plannerMedianMs),
    r.highsMedianMs === null ? r.highsStatus : fmt(r.highsMedianMs, 0),
    r.speedup === null ? "—" : `${fmt(r.speedup)}×`,
    `${r.relativeGap.toExponential(1)}${r.reference === "HiGHS" ? "" : ` (${r.reference})`}`,
    r.targetMs !== null ? `< ${r.targetMs} ms ${r.meetsTime ? "ok" : "MISSED"}` : r.meetsSpeedup === null ? "—" : `≥ 10× HiGHS ${r.meetsSpeedup ? "ok" : "MISSED"}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const show = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join("  ");
  console.log(show(header));
  for (const l of lines) console.log(show(l));
  mkdirSync("bench/results", { recursive: true });
  const out = { when: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, rows };
  writeFileSync("bench/results/planner.json", `${JSON.stringify(out, null, 2)}\n`);
  console.log("written bench/results/planner.json");
}

await main();
