/**
 * `npm run --silent mutasi < input.json`: MutasiInput on stdin, MutasiResult JSON on stdout.
 * On bad input it prints nothing on stdout (so a pipe never sees half a result), explains on stderr, exits 1.
 */
import { MutasiInput } from "../../../shared/mutasi.js";
import { solveMutasi } from "./solve.js";

/** Field-level messages for a rejected input, one per line. */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `  ${i.path.length ? i.path.map(String).join(".") : "(input)"}: ${i.message}`).join("\n");
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function main(): Promise<number> {
  const text = await readStdin();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    process.stderr.write(`mutasi: input is not valid JSON: ${(err as Error).message}\n`);
    return 1;
  }
  const parsed = MutasiInput.safeParse(json);
  if (!parsed.success) {
    process.stderr.write(`mutasi: input is not a valid MutasiInput:\n${describeIssues(parsed.error.issues)}\n`);
    return 1;
  }
  const result = solveMutasi(parsed.data);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`mutasi: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
