/** MutasiInput refuses bad input with field paths and reasons (what a 400 carries), and the raw-bytes door answers the same. */
import { describe, expect, it } from "vitest";
import { solveMutasiJson } from "../../server/mutasi/model/index.js";
import { fieldIssues } from "../../shared/errors.js";
import { MutasiInput, MutasiResult } from "../../shared/mutasi.js";

const base = () => ({
  positions: [
    { id: "a", unitId: "u1", jabatan: "analis", capacity: 3, floor: 1, needFte: 2 },
    { id: "b", unitId: "u2", jabatan: "analis", capacity: 3, floor: 0, needFte: 1 },
    { id: "c", unitId: "u2", jabatan: "perawat", capacity: 3, floor: 0, needFte: 1 },
  ],
  staff: [
    { id: "s1", positionId: "a", movable: true, points: 10, choice: "move", wishes: ["b"] },
    { id: "s2", positionId: "b", movable: true, points: 0, choice: "either", wishes: [] },
    { id: "s3", positionId: "c", movable: false, points: 0, choice: "stay", wishes: [] },
  ],
});

const issuesOf = (input: unknown) => {
  const r = MutasiInput.safeParse(input);
  expect(r.success).toBe(false);
  return fieldIssues(r.error!).map((i) => ({ path: i.path, reason: i.reason ?? i.code }));
};

describe("MutasiInput validation", () => {
  it("accepts a valid input", () => {
    expect(MutasiInput.safeParse(base()).success).toBe(true);
  });

  it.each([
    ["a wish of another jabatan", (x: ReturnType<typeof base>) => (x.staff[0]!.wishes = ["c"]), "staff.0.wishes.0", "wish_other_jabatan"],
    ["a wish of the current position", (x: ReturnType<typeof base>) => (x.staff[0]!.wishes = ["a"]), "staff.0.wishes.0", "wish_current"],
    ["a wish of an unknown position", (x: ReturnType<typeof base>) => (x.staff[0]!.wishes = ["zz"]), "staff.0.wishes.0", "unknown_position"],
    ["the same wish twice", (x: ReturnType<typeof base>) => (x.staff[1]!.wishes = ["a", "a"]), "staff.1.wishes", "duplicate_wish"],
    ["stay with wishes", (x: ReturnType<typeof base>) => (x.staff[0]!.choice = "stay"), "staff.0.wishes", "stay_no_wishes"],
    ["an unknown current position", (x: ReturnType<typeof base>) => (x.staff[2]!.positionId = "zz"), "staff.2.positionId", "unknown_position"],
    ["duplicate staff", (x: ReturnType<typeof base>) => x.staff.push({ ...x.staff[0]! }), "staff.3.id", "duplicate_id"],
    ["duplicate positions", (x: ReturnType<typeof base>) => x.positions.push({ ...x.positions[0]! }), "positions.3.id", "duplicate_id"],
    ["points above 100", (x: ReturnType<typeof base>) => (x.staff[0]!.points = 100.5), "staff.0.points", "too_big"],
    ["negative capacity", (x: ReturnType<typeof base>) => (x.positions[0]!.capacity = -1), "positions.0.capacity", "too_small"],
    ["four wishes", (x: ReturnType<typeof base>) => (x.staff[1]!.wishes = ["a", "b", "c", "d"]), "staff.1.wishes", "too_big"],
  ])("refuses %s with its field path", (_name, spoil, path, reason) => {
    const input = base();
    spoil(input);
    expect(issuesOf(input)).toContainEqual({ path, reason });
  });

  it("refuses unknown fields and a bad choice", () => {
    expect(issuesOf({ ...base(), extra: 1 })).toContainEqual({ path: "(root)", reason: "unrecognized_keys" });
    const input = base();
    (input.staff[0] as { choice: string }).choice = "maybe";
    expect(issuesOf(input)).toContainEqual({ path: "staff.0.choice", reason: "invalid_value" });
  });

  it("solveMutasiJson answers bad JSON, validation issues, or the result", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(solveMutasiJson(enc("{nope"))).toEqual({ ok: false, code: "bad_json" });
    const bad = base();
    bad.staff[0]!.wishes = ["c"];
    const v = solveMutasiJson(enc(JSON.stringify(bad)));
    expect(v.ok).toBe(false);
    expect(!v.ok && v.code === "validation" && v.issues.map((i) => i.path)).toEqual(["staff.0.wishes.0"]);
    const ok = solveMutasiJson(enc(JSON.stringify(base())));
    expect(ok.ok).toBe(true);
    const result = MutasiResult.strict().parse(JSON.parse(ok.ok ? new TextDecoder().decode(ok.json) : "null"));
    expect(result.moves.map((m) => [m.staffId, m.to])).toEqual([["s1", "b"], ["s2", "a"]]);
  });
});
