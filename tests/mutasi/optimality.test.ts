/**
 * The mutasi optimiser is exact: its Z equals HiGHS's optimum of the same LP (bench/mutasi-lp.ts, built from
 * the input alone) on varied random instances, and the exhaustive optimum on tiny ones; every result passes
 * the independent checker (hard rules, Z recomputed from the moves, metrics, envy by brute force).
 */
import { describe, expect, it } from "vitest";
import { rng } from "../../bench/generate.js";
import { generateMutasi, type MutasiGenOptions } from "../../bench/mutasi-generate.js";
import { solveMutasiLp } from "../../bench/mutasi-lp.js";
import { solveMutasi } from "../../server/mutasi/model/solve.js";
import { MutasiInput, MutasiResult, type MutasiWeights } from "../../shared/mutasi.js";
import { bruteForceOptimum, checkResult } from "./check.js";

const WEIGHT_MIXES: (MutasiWeights | undefined)[] = [
  undefined,
  { balance: 5 }, // balance dominates: forced moves pay
  { balance: 0.05, wish: 3 }, // wishes dominate
  { forced: 0.2, wish: 2 }, // forced cheaper than a wish rank: the hub must not undercut direct arcs
  { move: 0, forced: 0, balance: 2 },
  { balance: 0 },
  { wish: 0, move: 0.1 },
  { balance: 40, move: 3, wish: 0.5, forced: 1 },
];

function varied(seed: number, size: { staff: number; jabatan: number; positionsPerJabatan: number }): MutasiGenOptions {
  const r = rng(seed * 104_729);
  const draw = (a: number, b: number) => a + (b - a) * r();
  const weights = WEIGHT_MIXES[seed % WEIGHT_MIXES.length];
  return {
    seed,
    ...size,
    movableShare: r() < 0.2 ? 1 : draw(0.3, 1),
    choices: [draw(0, 1), draw(0, 1), draw(0, 1)],
    capacitySlack: r() < 0.3 ? [-2, 0] : [-1, Math.floor(draw(0, 4))],
    floorShare: r() < 0.2 ? [0.8, 1.2] : [0, draw(0, 1)],
    needFactor: r() < 0.15 ? [0, 0] : [draw(0, 0.8), draw(0.9, 3)],
    fractionalPoints: r() < 0.3,
    fewPoints: r() < 0.3,
    ...(weights ? { weights } : {}),
  };
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

function solveChecked(input: MutasiInput) {
  MutasiInput.parse(input);
  const result = solveMutasi(input);
  MutasiResult.strict().parse(result);
  checkResult(input, result);
  return result;
}

describe("mutasi optimality", () => {
  it("matches exhaustive search on 150 tiny instances (≤ 7 people)", () => {
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(seed);
      const input = generateMutasi(varied(seed, { staff: 1 + Math.floor(r() * 7), jabatan: 1 + Math.floor(r() * 2), positionsPerJabatan: 1 + Math.floor(r() * 3) }));
      if (input.staff.length > 7) continue;
      const result = solveChecked(input);
      const best = bruteForceOptimum(input);
      expect(rel(result.objective, best), `seed ${seed}: solver ${result.objective}, exhaustive ${best}`).toBeLessThan(1e-9);
    }
  });

  it("matches HiGHS on the same LP for 60 varied instances", async () => {
    for (let seed = 200; seed < 260; seed++) {
      const r = rng(seed);
      const input = generateMutasi(varied(seed, { staff: 5 + Math.floor(r() * 300), jabatan: 1 + Math.floor(r() * 4), positionsPerJabatan: 1 + Math.floor(r() * 12) }));
      const result = solveChecked(input);
      const lp = await solveMutasiLp(input);
      expect(lp.status, `seed ${seed}`).toBe("Optimal");
      expect(rel(result.objective, lp.objective), `seed ${seed}: solver ${result.objective}, HiGHS ${lp.objective}`).toBeLessThan(1e-7);
    }
  }, 120_000);

  it("improves on everyone staying and never does worse", () => {
    const input = generateMutasi({ seed: 7, staff: 400, jabatan: 3, positionsPerJabatan: 8 });
    const best = solveChecked(input);
    const stay = solveMutasi(input, { solver: "stay" });
    checkResult(input, stay);
    expect(best.objective).toBeLessThan(stay.objective);
    expect(best.metrics.moved).toBeGreaterThan(0);
  });
});
