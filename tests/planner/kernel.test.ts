/**
 * The planner's WebAssembly kernel is committed as built (server/planner/kernel/kernel.wasm): it must be
 * what its AssemblyScript source compiles to now, or a change to the source would never reach a plan.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileKernel, KERNEL_WASM } from "../../scripts/build-kernel.js";

describe("planner kernel", () => {
  it("is the build of its source (npm run build:kernel)", async () => {
    const built = await compileKernel();
    const committed = readFileSync(new URL(`../../${KERNEL_WASM}`, import.meta.url));
    expect(Buffer.from(built).equals(committed), `${KERNEL_WASM} is stale: run npm run build:kernel`).toBe(true);
  });
});
