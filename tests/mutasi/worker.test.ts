/**
 * The mutasi optimiser runs in the planner's piscina pool as it is (MUTASI_WORKER): a raw what-if body is
 * parsed, validated and solved in a worker thread, and a parsed input solves there too.
 */
import { afterAll, describe, expect, it } from "vitest";
import { generateMutasi } from "../../bench/mutasi-generate.js";
import { MUTASI_WORKER, type MutasiSimulateOutcome } from "../../server/mutasi/model/index.js";
import { createPlannerPool } from "../../server/planner/pool.js";
import { MutasiResult, type MutasiInput } from "../../shared/mutasi.js";
import { checkResult } from "./check.js";

const pool = createPlannerPool({ worker: MUTASI_WORKER, maxThreads: 1 });
afterAll(() => pool.close());

describe("mutasi in a worker thread", () => {
  it("answers a raw body with the result, and bad bodies with their issues", async () => {
    const input = generateMutasi({ seed: 21, staff: 200, jabatan: 2, positionsPerJabatan: 5 });
    const outcome = (await pool.simulate(new TextEncoder().encode(JSON.stringify(input)))) as unknown as MutasiSimulateOutcome;
    expect(outcome.ok).toBe(true);
    const result = MutasiResult.strict().parse(JSON.parse(outcome.ok ? new TextDecoder().decode(outcome.json) : "null"));
    checkResult(input, result);

    const bad = (await pool.simulate(new TextEncoder().encode(JSON.stringify({ ...input, staff: [{ ...input.staff[0]!, points: 150 }] })))) as unknown as MutasiSimulateOutcome;
    expect(bad.ok === false && bad.code === "validation" && bad.issues.map((i) => i.path)).toEqual(["staff.0.points"]);
    expect(await pool.simulate(new TextEncoder().encode("{"))).toEqual({ ok: false, code: "bad_json" });
  });

  it("solves a parsed input", async () => {
    const input = generateMutasi({ seed: 22, staff: 100, jabatan: 1, positionsPerJabatan: 4 });
    const result = (await pool.solve(input as never)) as unknown as MutasiResult;
    checkResult(input as MutasiInput, MutasiResult.strict().parse(result));
  });
});
