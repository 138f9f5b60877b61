/**
 * The planner's WebAssembly kernel is committed as built (server/planner/kernel/kernel.wasm): it must be
 * what its AssemblyScript source compiles to now, or a change to the source would never reach a plan.
 * Its km must be geo.ts's bit for bit: the dashboard shows those beside the plan's. It holds one network
 * per thread at a time, so a network that a later one replaced must never be solved.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateInstance, rng } from "../../bench/generate.js";
import { compileKernel, KERNEL_WASM } from "../../scripts/build-kernel.js";
import { haversineKm } from "../../server/planner/geo.js";
import { buildGraph } from "../../server/planner/graph.js";
import { minCostFlow, takeKernel } from "../../server/planner/kernel/index.js";
import { resolveWeights } from "../../server/planner/model.js";
import { indexRoster } from "../../server/planner/roster.js";

describe("planner kernel", () => {
  it("is the build of its source (npm run build:kernel)", async () => {
    const built = await compileKernel();
    const committed = readFileSync(new URL(`../../${KERNEL_WASM}`, import.meta.url));
    expect(Buffer.from(built).equals(committed), `${KERNEL_WASM} is stale: run npm run build:kernel`).toBe(true);
  });

  it("measures km exactly as geo.ts does, from Kupang's streets to the antipodes", () => {
    const k = takeKernel().kernel;
    const r = rng(7);
    const pairs: [number, number, number, number][] = [
      [-10.17, 123.61, -10.17, 123.61],
      [0, 0, 0, 180],
      [90, 0, -90, 0],
      [-10.2, 123.62, 10.2, -56.38],
    ];
    for (let i = 0; i < 5000; i++) {
      const near = i % 2 === 0;
      const lat = near ? -10.17 + (r() - 0.5) * 0.3 : (r() - 0.5) * 180;
      const lng = near ? 123.61 + (r() - 0.5) * 0.3 : (r() - 0.5) * 360;
      pairs.push([lat, lng, near ? -10.17 + (r() - 0.5) * 0.3 : (r() - 0.5) * 180, near ? 123.61 + (r() - 0.5) * 0.3 : (r() - 0.5) * 360]);
    }
    const differing = pairs.filter(([a, b, c, d]) => !Object.is(k.haversineKm(a, b, c, d), haversineKm(a, b, c, d)));
    expect(differing).toEqual([]);
  });

  it("refuses to solve a network that a later one has replaced in the thread's kernel", () => {
    const input = generateInstance({ seed: 5, staff: 60, units: 4, needs: 3 });
    const w = resolveWeights(input.weights);
    const first = buildGraph(input, w, indexRoster(input, w));
    const second = buildGraph(input, w, indexRoster(input, w));
    expect(() => minCostFlow(first.kernel, first.source, first.sink)).toThrow(/replaced by a later one/);
    expect(minCostFlow(second.kernel, second.source, second.sink).finished).toBe(true);
  });
});
