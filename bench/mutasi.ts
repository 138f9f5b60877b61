/**
 * `npm run bench:mutasi`: the mutasi optimiser against HiGHS on the same model (bench/mutasi-lp.ts, the
 * per-person LP) at 500 staff and at Kota Kupang scale (5,000 staff, 8 jabatan × 40 positions).
 * Optimiser time is stats.solveMs (networks + flows + the result with its explanations and envy report, input
 * already parsed), the median of several runs after a warm-up; HiGHS time is its solve call (which includes
 * reading the LP text). The machine may be shared: the numbers are noisy. Writes bench/results/mutasi.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { solveMutasi } from "../server/mutasi/model/solve.js";
import { generateMutasi, MUTASI_SCALES } from "./mutasi-generate.js";
import { solveMutasiLp } from "./mutasi-lp.js";

type Case = keyof typeof MUTASI_SCALES;
const RUNS: Record<Case, number> = { small: 21, kupang: 9 };
const HIGHS_RUNS: Record<Case, number> = { small: 3, kupang: 1 };
const TARGET_MS: Record<Case, number> = { small: 50, kupang: 1000 };
const WARM_UP_MS = 1000;
const HIGHS_TIME_LIMIT_S = 300;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function benchScale(name: Case) {
  const input = generateMutasi(MUTASI_SCALES[name]);
  const warm = performance.now();
  let last = solveMutasi(input);
  while (performance.now() - warm < WARM_UP_MS) last = solveMutasi(input);
  const runs: number[] = [];
  for (let i = 0; i < RUNS[name]; i++) {
    last = solveMutasi(input);
    runs.push(last.stats.solveMs);
  }
  const highs: Awaited<ReturnType<typeof solveMutasiLp>>[] = [];
  for (let i = 0; i < HIGHS_RUNS[name]; i++) {
    const r = await solveMutasiLp(input, HIGHS_TIME_LIMIT_S);
    highs.push(r);
    if (r.status !== "Optimal") break;
  }
  const optimal = highs.every((h) => h.status === "Optimal");
  const medianMs = median(runs);
  const highsMedianMs = optimal ? median(highs.map((h) => h.ms)) : null;
  const highsObjective = optimal ? highs[0]!.objective : null;
  const relativeGap = highsObjective === null ? null : Math.abs(last.objective - highsObjective) / Math.max(1, Math.abs(highsObjective));
  const speedup = highsMedianMs === null ? null : highsMedianMs / medianMs;
  return {
    scale: name,
    staff: input.staff.length,
    positions: input.positions.length,
    jabatan: new Set(input.positions.map((p) => p.jabatan)).size,
    movable: input.staff.filter((s) => s.movable).length,
    classes: last.stats.classes ?? 0,
    augmentations: last.stats.augmentations ?? 0,
    moved: last.metrics.moved,
    forced: last.metrics.forced,
    wishesMet: last.metrics.wishesMet,
    envy: last.metrics.envy.length,
    medianMs,
    runsMs: runs,
    objective: last.objective,
    lpVars: highs[0]!.vars,
    lpRows: highs[0]!.rows,
    highsStatus: optimal ? "Optimal" : highs.at(-1)!.status,
    highsMedianMs,
    highsObjective,
    speedup,
    relativeGap,
    targetMs: TARGET_MS[name],
    meetsTime: medianMs < TARGET_MS[name],
    meetsGap: relativeGap !== null && relativeGap <= 1e-7,
    meetsSpeedup: name === "kupang" ? speedup !== null && speedup >= 10 : null,
  };
}

const fmt = (x: number | null, d = 1) => (x === null ? "—" : x.toFixed(d));

async function main() {
  const only = process.argv.slice(2).filter((a): a is Case => a in MUTASI_SCALES);
  const scales = only.length ? only : (Object.keys(MUTASI_SCALES) as Case[]);
  const rows = [];
  for (const s of scales) {
    process.stderr.write(`bench:mutasi ${s}…\n`);
    rows.push(await benchScale(s));
  }
  const header = ["scale", "staff", "positions", "classes", "moved", "forced", "wishes met", "envy", "ms (median)", "HiGHS ms", "LP vars", "speedup", "rel. gap", "target"];
  const lines = rows.map((r) => [
    r.scale,
    String(r.staff),
    String(r.positions),
    String(r.classes),
    String(r.moved),
    String(r.forced),
    r.wishesMet.join("/"),
    String(r.envy),
    fmt(r.medianMs),
    r.highsMedianMs === null ? r.highsStatus : fmt(r.highsMedianMs, 0),
    String(r.lpVars),
    r.speedup === null ? "—" : `${fmt(r.speedup)}×`,
    r.relativeGap === null ? "—" : r.relativeGap.toExponential(1),
    `< ${r.targetMs} ms ${r.meetsTime ? "ok" : "MISSED"}${r.meetsSpeedup === null ? "" : `, ≥ 10× HiGHS ${r.meetsSpeedup ? "ok" : "MISSED"}`}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const show = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join("  ");
  console.log(show(header));
  for (const l of lines) console.log(show(l));
  mkdirSync("bench/results", { recursive: true });
  const out = { when: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, rows };
  writeFileSync("bench/results/mutasi.json", `${JSON.stringify(out, null, 2)}\n`);
  console.log("written bench/results/mutasi.json");
}

await main();
