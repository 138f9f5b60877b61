/**
 * Every move and every unmet wish explains itself with a rule, forced moves name their reason, and the envy
 * report follows DESIGN.md's definition with its tie rule: on small hand-made cases whose answer is known.
 */
import { describe, expect, it } from "vitest";
import { buildResult, indexInput } from "../../server/mutasi/model/report.js";
import { solveMutasi } from "../../server/mutasi/model/solve.js";
import { MutasiInput, MutasiResult, type MutasiStaff } from "../../shared/mutasi.js";
import { checkResult } from "./check.js";

const pos = (id: string, capacity: number, floor: number, needFte: number, jabatan = "analis") => ({ id, unitId: `u-${id}`, jabatan, capacity, floor, needFte });
const person = (id: string, positionId: string, choice: MutasiStaff["choice"], wishes: string[] = [], points = 0, movable = true): MutasiStaff => ({ id, positionId, movable, points, choice, wishes });

function solved(input: MutasiInput): MutasiResult {
  const parsed = MutasiInput.parse(input);
  const result = solveMutasi(parsed);
  MutasiResult.strict().parse(result);
  checkResult(parsed, result);
  return result;
}

describe("mutasi explanations", () => {
  it("a full wished position: capacity_full", () => {
    const r = solved({
      positions: [pos("a", 3, 0, 1), pos("b", 1, 0, 1)],
      staff: [person("x", "a", "move", ["b"]), person("y", "b", "stay", [], 0, false)],
    });
    expect(r.moves).toEqual([]);
    expect(r.unmet).toEqual([{ staffId: "x", missed: [{ positionId: "b", rank: 0, rule: "capacity_full" }] }]);
  });

  it("a current position at its floor: floor", () => {
    const r = solved({ positions: [pos("a", 3, 1, 1), pos("b", 3, 0, 1)], staff: [person("x", "a", "move", ["b"])] });
    expect(r.unmet).toEqual([{ staffId: "x", missed: [{ positionId: "b", rank: 0, rule: "floor" }] }]);
  });

  it("someone who may not move: not_movable", () => {
    const r = solved({ positions: [pos("a", 3, 0, 1), pos("b", 3, 0, 1)], staff: [person("x", "a", "move", ["b"], 0, false), person("z", "a", "stay")] });
    expect(r.unmet).toEqual([{ staffId: "x", missed: [{ positionId: "b", rank: 0, rule: "not_movable" }] }]);
  });

  it("a move that would leave a busy position empty: balance_cost", () => {
    const r = solved({ positions: [pos("a", 3, 0, 10), pos("b", 3, 0, 0)], staff: [person("x", "a", "move", ["b"])] });
    expect(r.unmet).toEqual([{ staffId: "x", missed: [{ positionId: "b", rank: 0, rule: "balance_cost" }] }]);
  });

  it("a granted wish carries its cost terms", () => {
    const r = solved({ positions: [pos("a", 3, 0, 1), pos("b", 3, 0, 1)], staff: [person("x", "a", "move", ["b"], 50), person("z", "a", "stay")] });
    expect(r.moves).toHaveLength(1);
    const [m] = r.moves;
    expect(m).toMatchObject({ staffId: "x", from: "a", to: "b", wishRank: 0, forced: false, cost: 0.5 });
    // Balance: b from empty (2·1²) to 1 (1²), a from 1 to 2 people (1² → ½): −1 + −½ … as the move's own share.
    expect(m!.explanation).toMatchObject({ move: 0.5, pref: { choice: "move", rank: 0, base: 0, factor: 1.5, cost: 0 }, stayCost: 3, missed: [] });
    expect(m!.explanation.balance).toBeCloseTo(1 - 0.5 + 1 - 2, 12);
    expect(r.objective).toBeCloseTo(1 + 1 + 0.5, 12);
  });

  it("forced moves name their reason: overstaffed, balance, make_room", () => {
    const over = solved({
      positions: [pos("a", 1, 0, 0), pos("b", 3, 0, 2)],
      staff: [person("x", "a", "stay"), person("y", "a", "stay", [], 10)],
      weights: { balance: 2 }, // the first move gains 8, the second 4: only x's forced cost (5.5) is below
    });
    expect(over.moves.map((m) => [m.staffId, m.forced, m.explanation.forcedReason])).toEqual([["x", true, "overstaffed"]]);

    const balance = solved({
      positions: [pos("a", 3, 0, 0), pos("b", 3, 0, 2)],
      staff: [person("x", "a", "stay", [], 100), person("y", "a", "stay", [], 0)],
      weights: { balance: 2 }, // gain 8 > y's 5.5; x's points make it 10.5
    });
    expect(balance.moves.map((m) => [m.staffId, m.forced, m.explanation.forcedReason])).toEqual([["y", true, "balance"]]);

    const room = solved({
      positions: [pos("a", 1, 0, 0), pos("b", 1, 0, 0)],
      staff: [person("x", "a", "stay"), person("y", "b", "move", ["a"], 100)],
      weights: { forced: 0.1 },
    });
    expect(room.moves.map((m) => [m.staffId, m.forced, m.explanation.forcedReason ?? null])).toEqual([["x", true, "make_room"], ["y", false, null]]);
    expect(room.metrics.forced).toBe(1);
  });

  it("envy: a better wish that took in someone with fewer points; the fewest named, ties to the first in input order", () => {
    const input = MutasiInput.parse({
      positions: [pos("p", 5, 0, 1), pos("x", 5, 0, 1), pos("y", 5, 0, 1), pos("z", 5, 0, 1)],
      staff: [
        person("e", "x", "move", ["p"], 50), // stays: envies p, which took j1 and j2 (10 points each) → j1
        person("f", "x", "move", ["p"], 10), // stays with 10 points: nobody with fewer entered p
        person("g", "x", "either", ["y", "p"], 90), // got y, its first wish: no envy for p
        person("j1", "y", "either", ["p"], 10),
        person("j2", "z", "either", ["p"], 10),
        person("k", "p", "stay", [], 0), // already in p: not taken in
      ],
    });
    const { current, posIndex } = indexInput(input);
    const end = current.slice();
    end[2] = posIndex.get("y")!;
    end[3] = posIndex.get("p")!;
    end[4] = posIndex.get("p")!;
    const r = buildResult(input, end, { solveMs: 0 });
    checkResult(input, r);
    expect(r.metrics.envy).toEqual([{ staffId: "e", positionId: "p", byStaffId: "j1" }]);
  });
});
