/** Every plan line says why this person and not the runner-up for the same place (issue 13, item 4). */
import { describe, expect, it } from "vitest";
import { plan } from "../../server/planner/index.js";
import type { PlannerInput } from "../../shared/planner.js";

const person = (id: string, unitId: string, extra: Partial<PlannerInput["staff"][number]> = {}) =>
  ({ id, unitId, skills: ["logistik" as const], fatigueHours: 0, volunteer: false, released: false, ...extra });

describe("plan line explanations", () => {
  it("names the runner-up and what set the chosen person apart (closer, less tired, lighter unit)", () => {
    const input: PlannerInput = {
      units: [
        { id: "near", lat: -10.2, lng: 123.6, floor: 0, workload: 1 },
        { id: "far", lat: -10.2, lng: 123.7, floor: 0, workload: 6 },
      ],
      staff: [person("a", "near"), person("a2", "near"), person("a3", "near"), person("a4", "near"), person("b", "far", { fatigueHours: 40 }), ...["b2", "b3", "b4", "b5"].map((id) => person(id, "far", { fatigueHours: 40 }))],
      needs: [{ id: "n", siteId: "s", lat: -10.2, lng: 123.6, skill: "logistik", count: 1, priority: 3 }],
    };
    const result = plan(input);
    expect(result.assignments).toHaveLength(1);
    const line = result.assignments[0]!;
    expect(line.explain.unitId).toBe("near");
    expect(line.why!.runnerUp).toMatchObject({ unitId: "near" });
    expect(line.why!.runnerUp!.cost).toBeGreaterThanOrEqual(line.cost);
    // Only people of the far, busy and tired unit are left once "near" may not give more.
    const capped = plan({ ...input, staff: [person("a", "near"), ...input.staff.filter((s) => s.unitId === "far")] });
    const only = capped.assignments[0]!;
    expect(only.explain.unitId).toBe("near");
    expect(only.why!.runnerUp).toMatchObject({ unitId: "far", fatigueHours: 40 });
    expect(only.why!.reasons).toEqual(expect.arrayContaining(["closer", "less_tired", "lighter_unit"]));
  });

  it("says when nobody else could have gone, and never names someone the floor or the cap holds back", () => {
    const input: PlannerInput = {
      units: [{ id: "u", lat: -10.2, lng: 123.6, floor: 1, workload: 0 }, { id: "busy", lat: -10.2, lng: 123.6, floor: 0, workload: 2 }],
      staff: [person("x", "u"), person("y", "u"), person("z", "busy"), person("z2", "busy")],
      needs: [{ id: "n", siteId: "s", lat: -10.21, lng: 123.6, skill: "logistik", count: 1, priority: 3 }],
    };
    const result = plan({ ...input, donorLoadCap: 1 });
    expect(result.assignments).toHaveLength(1);
    expect(result.assignments[0]!.why).toEqual({ reasons: ["only_candidate"], runnerUp: null });
    const free = plan(input);
    expect(free.assignments[0]!.why!.runnerUp?.unitId).toBe("busy");
  });
});
