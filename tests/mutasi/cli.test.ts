/** `npm run --silent mutasi < input.json`: the CLI as a user runs it, through a real child process. */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { generateMutasi } from "../../bench/mutasi-generate.js";
import { MutasiResult, type MutasiInput } from "../../shared/mutasi.js";
import { checkResult } from "./check.js";

function runCli(stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "mutasi"], { cwd: process.cwd(), stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const valid = generateMutasi({ seed: 11, staff: 150, jabatan: 2, positionsPerJabatan: 6 });
const withStaff = (i: number, patch: Partial<MutasiInput["staff"][number]>): MutasiInput => ({
  ...valid,
  staff: valid.staff.map((s, k) => (k === i ? { ...s, ...patch } : s)),
});
const expectRejected = async (input: unknown, ...messages: RegExp[]) => {
  const r = await runCli(typeof input === "string" ? input : JSON.stringify(input));
  expect(r.code).not.toBe(0);
  expect(r.stdout).toBe("");
  for (const m of messages) expect(r.stderr).toMatch(m);
};

describe("mutasi CLI", () => {
  it("prints a MutasiResult that passes the independent checker", async () => {
    const r = await runCli(JSON.stringify(valid));
    expect(r.code, r.stderr).toBe(0);
    const result = MutasiResult.strict().parse(JSON.parse(r.stdout));
    checkResult(valid, result);
    expect(result.moves.length).toBeGreaterThan(0);
  });

  it("rejects input that is not JSON", async () => {
    await expectRejected("{ positions: [", /not valid JSON/);
  });

  it("rejects a wish of another jabatan, with the field path", async () => {
    const i = valid.staff.findIndex((s) => s.movable && s.choice !== "stay" && s.positionId.startsWith("pos-0-"));
    await expectRejected(withStaff(i, { wishes: ["pos-1-0"] }), new RegExp(`staff\\.${i}\\.wishes\\.0: wish pos-1-0 is of another jabatan`));
  });

  it("rejects stay with wishes", async () => {
    const i = valid.staff.findIndex((s) => s.positionId === "pos-0-0");
    await expectRejected(withStaff(i, { choice: "stay", wishes: ["pos-0-1"] }), new RegExp(`staff\\.${i}\\.wishes: choice stay has no wishes`));
  });

  it("rejects an unknown position", async () => {
    await expectRejected(withStaff(3, { positionId: "nowhere" }), /staff\.3\.positionId: unknown position nowhere/);
  });

  it("rejects duplicate staff", async () => {
    await expectRejected({ ...valid, staff: [...valid.staff, valid.staff[0]] }, new RegExp(`staff\\.${valid.staff.length}\\.id: duplicate staff ${valid.staff[0]!.id}`));
  });

  it("rejects points above 100", async () => {
    await expectRejected(withStaff(5, { points: 101 }), /staff\.5\.points/);
  });
});
