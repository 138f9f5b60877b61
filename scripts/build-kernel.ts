/**
 * `npm run build:kernel`: compiles the planner's WebAssembly kernel (server/planner/kernel/assembly, in
 * AssemblyScript) into server/planner/kernel/kernel.wasm, which is committed: the server, the CLI and the
 * tests load it as it is, and tests/planner/kernel.test.ts checks that it is the build of its source.
 *
 * Flags: -O3 for speed; the stub runtime, which never frees (the host resets the one instance per thread
 * between networks, server/planner/kernel/index.ts);
 * no bounds checks (--uncheckedBehavior always): they took the warm flow from 18 to 45 ms, and a wrong
 * index inside the module can only read its own memory, where the tests against HiGHS would see it.
 */
import asc from "assemblyscript/asc";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const KERNEL_SOURCE = "server/planner/kernel/assembly/index.ts";
export const KERNEL_WASM = "server/planner/kernel/kernel.wasm";

/** The kernel's bytes as the compiler makes them from the source now. */
export async function compileKernel(): Promise<Uint8Array> {
  let binary: Uint8Array | undefined;
  let errors = "";
  const { error } = await asc.main(
    [KERNEL_SOURCE, "--baseDir", ROOT, "--outFile", "kernel.wasm", "-O3", "--runtime", "stub", "--noAssert", "--uncheckedBehavior", "always"],
    {
      writeFile: (name, contents) => {
        if (name.endsWith(".wasm") && typeof contents !== "string") binary = contents;
      },
      stderr: { write: (text: string | Uint8Array) => ((errors += String(text)), true) },
      stdout: { write: () => true },
    },
  );
  if (error || !binary) throw new Error(`the planner kernel did not compile: ${error?.message ?? "no binary"}\n${errors}`);
  return binary;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bytes = await compileKernel();
  writeFileSync(resolve(ROOT, KERNEL_WASM), bytes);
  console.log(`${KERNEL_WASM}: ${bytes.length} bytes`);
}
