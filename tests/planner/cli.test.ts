/** `npm run --silent plan < input.json`: the CLI as a user runs it, through a real child process. */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { generateInstance } from "../../bench/generate.js";
import { PlanResult } from "../../shared/planner.js";
import { checkPlan } from "./check.js";

function runCli(stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "server/planner/cli.ts"], { cwd: process.cwd(), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const valid = generateInstance({ seed: 3, staff: 120, units: 6, needs: 5 });
const expectRejected = async (stdin: string, ...messages: RegExp[]) => {
  const r = await runCli(stdin);
  expect(r.code).not.toBe(0);
  expect(r.stdout).toBe("");
  for (const m of messages) expect(r.stderr).toMatch(m);
};

describe("plan CLI", () => {
  it("prints a PlanResult for a valid input", async () => {
    const r = await runCli(JSON.stringify(valid));
    expect(r.code, r.stderr).toBe(0);
    const result = PlanResult.parse(JSON.parse(r.stdout));
    checkPlan(valid, result);
    expect(result.assignments.length).toBeGreaterThan(0);
  });

  it("rejects malformed JSON", async () => {
    await expectRejected("{ units: [", /not valid JSON/);
  });

  it("rejects duplicate ids with the field path", async () => {
    const dup = { ...valid, staff: [...valid.staff, { ...valid.staff[0]! }] };
    await expectRejected(JSON.stringify(dup), new RegExp(`staff\\.${valid.staff.length}\\.id: duplicate id ${valid.staff[0]!.id}`));
  });

  it("rejects an unknown skill with the field path", async () => {
    const bad = { ...valid, needs: [{ ...valid.needs[0]!, skill: "sulap" }] };
    await expectRejected(JSON.stringify(bad), /needs\.0\.skill/);
  });

  it("rejects staff of an unknown unit", async () => {
    const bad = { ...valid, staff: [{ ...valid.staff[0]!, unitId: "nowhere" }] };
    await expectRejected(JSON.stringify(bad), /staff\.0\.unitId: unknown unit nowhere/);
  });

  it("rejects a wrong shape with every offending field", async () => {
    await expectRejected(JSON.stringify({ units: [{ id: "u1", lat: 200, lng: 0, floor: -1, workload: 1 }], staff: [], needs: "none" }), /units\.0\.lat/, /units\.0\.floor/, /needs/);
  });
});
