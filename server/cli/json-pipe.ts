/**
 * A pure model as a shell command (`npm run --silent plan|mutasi < input.json`): JSON on stdin, validated
 * with its shared schema, the result as JSON on stdout. On bad input it prints nothing on stdout (so a
 * pipe never sees half a result), names each field on stderr and exits 1.
 */
import type { z } from "zod";

/** Field-level messages for a rejected input, one per line. */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `  ${i.path.length ? i.path.map(String).join(".") : "(input)"}: ${i.message}`).join("\n");
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A zod schema, or anything that answers as its safeParse does (the planner's fast PlannerInput parse). */
type Validator<T> = { safeParse(value: unknown): z.ZodSafeParseResult<T> };

async function pipe<T>(name: string, schema: Validator<T>, schemaName: string, run: (input: T) => unknown): Promise<number> {
  const text = await readStdin();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    process.stderr.write(`${name}: input is not valid JSON: ${(err as Error).message}\n`);
    return 1;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    process.stderr.write(`${name}: input is not a valid ${schemaName}:\n${describeIssues(parsed.error.issues)}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(run(parsed.data))}\n`);
  return 0;
}

/** Runs the pipe and sets the exit code; an unexpected failure is one line on stderr and exit 1. */
export function runJsonPipe<T>(name: string, schema: Validator<T>, schemaName: string, run: (input: T) => unknown): void {
  pipe(name, schema, schemaName, run).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
