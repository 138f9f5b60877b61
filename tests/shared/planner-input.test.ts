/**
 * PlannerInput's answers to bad input, written out: the issue paths, codes, reasons, bounds and messages
 * that the API's 400s and the CLI's stderr carry (shared/errors.ts fieldIssues), recorded from the schema
 * as it was before its validation was made fast, so that making it fast changes none of them. And the
 * fast parse (safeParsePlannerInput) answers exactly what PlannerInput.safeParse answers: on every case
 * here, and on a few thousand seeded random corruptions of a generated roster.
 */
import { describe, expect, it, vi } from "vitest";
import { fieldIssues, type FieldIssue } from "../../shared/errors.js";
import { generateInstance } from "../../bench/generate.js";
import { PlannerInput, safeParsePlannerInput } from "../../shared/planner.js";
import { mulberry32 } from "../../seed/prng.js";
import { BAD, GOOD, makeInput, validInput } from "./planner-input-cases.js";

const SKILL_OPTIONS = "Invalid option: expected one of \"medis\"|\"keperawatan\"|\"kesehatan_masyarakat\"|\"psikososial\"|\"sosial\"|\"logistik\"|\"dapur_umum\"|\"administrasi\"|\"teknik\"|\"keamanan\"|\"komunikasi\"|\"evakuasi\"";

const EXPECTED: Record<keyof typeof BAD, FieldIssue[]> = {
  "not an object: an array": [{ path: "(root)", message: "Invalid input: expected object, received array", code: "invalid_type", expected: "object" }],
  "not an object: null": [{ path: "(root)", message: "Invalid input: expected object, received null", code: "invalid_type", expected: "object" }],
  "not an object: a string": [{ path: "(root)", message: "Invalid input: expected object, received string", code: "invalid_type", expected: "object" }],
  "no units": [{ path: "units", message: "Invalid input: expected array, received undefined", code: "invalid_type", expected: "array" }],
  "staff not an array": [{ path: "staff", message: "Invalid input: expected array, received string", code: "invalid_type", expected: "array" }],
  "needs an object": [{ path: "needs", message: "Invalid input: expected array, received object", code: "invalid_type", expected: "array" }],
  "a unit that is null": [{ path: "units.1", message: "Invalid input: expected object, received null", code: "invalid_type", expected: "object" }],
  "a staff member that is an array": [{ path: "staff.0", message: "Invalid input: expected object, received array", code: "invalid_type", expected: "object" }],
  "id a number": [{ path: "units.0.id", message: "Invalid input: expected string, received number", code: "invalid_type", expected: "string" }],
  "id empty": [
    { path: "staff.1.id", message: "Too small: expected string to have >=1 characters", code: "too_small", origin: "string", minimum: 1, inclusive: true },
    { path: "staff.1.id", message: "id may hold letters, digits and . _ : - only", code: "invalid_format", origin: "string", format: "regex" },
  ],
  "id too long": [{ path: "needs.0.id", message: "Too big: expected string to have <=80 characters", code: "too_big", origin: "string", maximum: 80, inclusive: true }],
  "id with a space": [
    { path: "units.1.id", message: "id may hold letters, digits and . _ : - only", code: "invalid_format", origin: "string", format: "regex" },
    { path: "staff.2.unitId", message: "unknown unit u2", code: "custom", reason: "unknown_unit" },
    { path: "needs.1.siteUnitId", message: "unknown unit u2", code: "custom", reason: "unknown_unit" },
  ],
  "id missing": [{ path: "staff.0.id", message: "Invalid input: expected string, received undefined", code: "invalid_type", expected: "string" }],
  "lat and lng out of range": [
    { path: "units.0.lat", message: "Too big: expected number to be <=90", code: "too_big", origin: "number", maximum: 90, inclusive: true },
    { path: "units.0.lng", message: "Too small: expected number to be >=-180", code: "too_small", origin: "number", minimum: -180, inclusive: true },
  ],
  "floor not an integer": [{ path: "units.0.floor", message: "Invalid input: expected int, received number", code: "invalid_type", expected: "int", format: "safeint" }],
  "floor negative": [{ path: "units.0.floor", message: "Too small: expected number to be >=0", code: "too_small", origin: "number", minimum: 0, inclusive: true }],
  "floor past the safe integers": [
    { path: "units.0.floor", message: "Too big: expected int to be <9007199254740991", code: "too_big", origin: "int", maximum: 9007199254740991 },
    { path: "units.0.floor", message: "Too big: expected number to be <=100000", code: "too_big", origin: "number", maximum: 100000, inclusive: true },
  ],
  "floor past its bound": [{ path: "units.0.floor", message: "Too big: expected number to be <=100000", code: "too_big", origin: "number", maximum: 100000, inclusive: true }],
  "workload a string": [{ path: "units.0.workload", message: "Invalid input: expected number, received string", code: "invalid_type", expected: "number" }],
  "workload Infinity": [{ path: "units.0.workload", message: "Invalid input: expected number, received number", code: "invalid_type", expected: "number" }],
  "workload NaN": [{ path: "units.1.workload", message: "Invalid input: expected number, received NaN", code: "invalid_type", expected: "number" }],
  "workload 1e308": [{ path: "units.1.workload", message: "Too big: expected number to be <=100000", code: "too_big", origin: "number", maximum: 100000, inclusive: true }],
  "skills empty": [{ path: "staff.0.skills", message: "Too small: expected array to have >=1 items", code: "too_small", origin: "array", minimum: 1, inclusive: true }],
  "skills a string": [{ path: "staff.0.skills", message: "Invalid input: expected array, received string", code: "invalid_type", expected: "array" }],
  "an unknown skill": [{ path: "staff.1.skills.1", message: SKILL_OPTIONS, code: "invalid_value" }],
  "a skill that is a number": [{ path: "staff.1.skills.0", message: SKILL_OPTIONS, code: "invalid_value" }],
  "fatigue past its bound": [{ path: "staff.2.fatigueHours", message: "Too big: expected number to be <=336", code: "too_big", origin: "number", maximum: 336, inclusive: true }],
  "fatigue negative": [{ path: "staff.2.fatigueHours", message: "Too small: expected number to be >=0", code: "too_small", origin: "number", minimum: 0, inclusive: true }],
  "volunteer a string, released a number": [
    { path: "staff.0.volunteer", message: "Invalid input: expected boolean, received string", code: "invalid_type", expected: "boolean" },
    { path: "staff.0.released", message: "Invalid input: expected boolean, received number", code: "invalid_type", expected: "boolean" },
  ],
  "volunteer missing": [{ path: "staff.0.volunteer", message: "Invalid input: expected boolean, received undefined", code: "invalid_type", expected: "boolean" }],
  "count zero": [{ path: "needs.0.count", message: "Too small: expected number to be >=1", code: "too_small", origin: "number", minimum: 1, inclusive: true }],
  "count not an integer": [{ path: "needs.0.count", message: "Invalid input: expected int, received number", code: "invalid_type", expected: "int", format: "safeint" }],
  "count 2^31": [{ path: "needs.0.count", message: "Too big: expected number to be <=100000", code: "too_big", origin: "number", maximum: 100000, inclusive: true }],
  "priority 0 and 6": [
    { path: "needs.0.priority", message: "Too small: expected number to be >=1", code: "too_small", origin: "number", minimum: 1, inclusive: true },
    { path: "needs.1.priority", message: "Too big: expected number to be <=5", code: "too_big", origin: "number", maximum: 5, inclusive: true },
  ],
  "maxDistanceKm negative": [{ path: "needs.0.maxDistanceKm", message: "Too small: expected number to be >=0", code: "too_small", origin: "number", minimum: 0, inclusive: true }],
  "maxDistanceKm past the Earth": [{ path: "needs.0.maxDistanceKm", message: "Too big: expected number to be <=20040", code: "too_big", origin: "number", maximum: 20040, inclusive: true }],
  "maxDistanceKm null": [{ path: "needs.0.maxDistanceKm", message: "Invalid input: expected number, received null", code: "invalid_type", expected: "number" }],
  "need skill unknown": [{ path: "needs.0.skill", message: SKILL_OPTIONS, code: "invalid_value" }],
  "need skill missing": [{ path: "needs.0.skill", message: SKILL_OPTIONS, code: "invalid_value" }],
  "siteId missing": [{ path: "needs.1.siteId", message: "Invalid input: expected string, received undefined", code: "invalid_type", expected: "string" }],
  "siteUnitId empty": [
    { path: "needs.1.siteUnitId", message: "Too small: expected string to have >=1 characters", code: "too_small", origin: "string", minimum: 1, inclusive: true },
    { path: "needs.1.siteUnitId", message: "id may hold letters, digits and . _ : - only", code: "invalid_format", origin: "string", format: "regex" },
    { path: "needs.1.siteUnitId", message: "unknown unit ", code: "custom", reason: "unknown_unit" },
  ],
  "siteUnitId unknown": [{ path: "needs.1.siteUnitId", message: "unknown unit nowhere", code: "custom", reason: "unknown_unit" }],
  "staff of an unknown unit": [{ path: "staff.2.unitId", message: "unknown unit u9", code: "custom", reason: "unknown_unit" }],
  "duplicate unit ids": [{ path: "units.1.id", message: "duplicate id u1", code: "custom", reason: "duplicate_id" }],
  "duplicate staff ids": [{ path: "staff.2.id", message: "duplicate id s1", code: "custom", reason: "duplicate_id" }],
  "duplicate need ids, three times": [
    { path: "needs.2.id", message: "duplicate id n1", code: "custom", reason: "duplicate_id" },
    { path: "needs.3.id", message: "duplicate id n1", code: "custom", reason: "duplicate_id" },
  ],
  "weights with an unknown key": [{ path: "weights", message: "Unrecognized keys: \"speed\", \"fast\"", code: "unrecognized_keys" }],
  "weights with a __proto__ key (JSON)": [{ path: "weights", message: "Unrecognized key: \"__proto__\"", code: "unrecognized_keys" }],
  "weights negative and past 1e9": [
    { path: "weights.distance", message: "Too small: expected number to be >=0", code: "too_small", origin: "number", minimum: 0, inclusive: true },
    { path: "weights.balance", message: "Too big: expected number to be <=1000000000", code: "too_big", origin: "number", maximum: 1000000000, inclusive: true },
  ],
  "weights a string": [{ path: "weights", message: "Invalid input: expected object, received string", code: "invalid_type", expected: "object" }],
  "weights null": [{ path: "weights", message: "Invalid input: expected object, received null", code: "invalid_type", expected: "object" }],
  "a weight that is a string": [{ path: "weights.fatigue", message: "Invalid input: expected number, received string", code: "invalid_type", expected: "number" }],
  "donorLoadCap zero": [{ path: "donorLoadCap", message: "Too small: expected number to be >0", code: "too_small", origin: "number", minimum: 0, inclusive: false }],
  "donorLoadCap negative": [{ path: "donorLoadCap", message: "Too small: expected number to be >0", code: "too_small", origin: "number", minimum: 0, inclusive: false }],
  "donorLoadCap past 1e6": [{ path: "donorLoadCap", message: "Too big: expected number to be <=1000000", code: "too_big", origin: "number", maximum: 1000000, inclusive: true }],
  "donorLoadCap a string": [{ path: "donorLoadCap", message: "Invalid input: expected number, received string", code: "invalid_type", expected: "number" }],
  "many mistakes in many places, in order": [
    { path: "units.0.floor", message: "Too small: expected number to be >=0", code: "too_small", origin: "number", minimum: 0, inclusive: true },
    { path: "units.1.lat", message: "Too big: expected number to be <=90", code: "too_big", origin: "number", maximum: 90, inclusive: true },
    { path: "staff.0.skills", message: "Too small: expected array to have >=1 items", code: "too_small", origin: "array", minimum: 1, inclusive: true },
    { path: "staff.2.fatigueHours", message: "Too big: expected number to be <=336", code: "too_big", origin: "number", maximum: 336, inclusive: true },
    { path: "needs.1.count", message: "Too small: expected number to be >=1", code: "too_small", origin: "number", minimum: 1, inclusive: true },
  ],
  "a type error stops the reference checks": [{ path: "staff.0.volunteer", message: "Invalid input: expected boolean, received string", code: "invalid_type", expected: "boolean" }],
  "a bound error does not stop the reference checks": [
    { path: "staff.0.fatigueHours", message: "Too big: expected number to be <=336", code: "too_big", origin: "number", maximum: 336, inclusive: true },
    { path: "staff.2.id", message: "duplicate id s1", code: "custom", reason: "duplicate_id" },
    { path: "staff.1.unitId", message: "unknown unit u9", code: "custom", reason: "unknown_unit" },
    { path: "needs.1.siteUnitId", message: "unknown unit u7", code: "custom", reason: "unknown_unit" },
  ],
  "an empty id fails its length and its pattern, and is still checked as a reference": [
    { path: "staff.0.unitId", message: "Too small: expected string to have >=1 characters", code: "too_small", origin: "string", minimum: 1, inclusive: true },
    { path: "staff.0.unitId", message: "id may hold letters, digits and . _ : - only", code: "invalid_format", origin: "string", format: "regex" },
    { path: "staff.0.unitId", message: "unknown unit ", code: "custom", reason: "unknown_unit" },
  ],
};

describe("PlannerInput", () => {
  it.each(Object.keys(GOOD))("accepts %s", (name) => {
    const result = PlannerInput.safeParse(makeInput(GOOD[name]!));
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it("strips the keys it does not know, except where it is strict", () => {
    const data = PlannerInput.parse(makeInput(GOOD["extra keys where the schema strips them"]!));
    expect(data).toEqual(validInput());
  });

  it.each(Object.keys(BAD))("rejects %s, with the same issues as ever", (name) => {
    const result = PlannerInput.safeParse(makeInput(BAD[name]!));
    expect(result.success).toBe(false);
    expect(fieldIssues(result.error!)).toEqual(EXPECTED[name]);
  });
});

/**
 * The fast parse's answer is zod's: the same data (a fresh copy, unknown keys stripped), or the same issues;
 * and a valid input is accepted by the fast path alone, without falling back to the schema.
 */
function expectSameAnswer(input: unknown, what: string) {
  const fallback = vi.spyOn(PlannerInput, "safeParse");
  const fast = safeParsePlannerInput(input);
  const fellBack = fallback.mock.calls.length > 0;
  fallback.mockRestore();
  const zod = PlannerInput.safeParse(input);
  expect(fellBack, what).toBe(!zod.success);
  expect(fast.success, what).toBe(zod.success);
  if (zod.success) {
    expect(fast.data, what).toStrictEqual(zod.data);
    if (typeof input === "object" && input !== null) expect(fast.data, what).not.toBe(input);
  } else expect(fast.error!.issues, what).toEqual(zod.error.issues);
}

describe("safeParsePlannerInput", () => {
  it.each([...Object.keys(GOOD), ...Object.keys(BAD)])("answers as PlannerInput.safeParse: %s", (name) => {
    expectSameAnswer(makeInput((GOOD[name] ?? BAD[name])!), name);
  });

  it("answers as PlannerInput.safeParse on seeded random corruptions of a generated roster", () => {
    const base = generateInstance({ seed: 5, staff: 60, units: 6, needs: 8, variedSkills: true, maxDistanceShare: 0.5, spikeShare: 0.3, weights: { distance: 2 } });
    const r = mulberry32(12);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const VALUES = [-1, -0, 0, 0.5, 1, 1.5, 5, 6, 90.1, 336.5, 1e6, 1e7, 2 ** 53, 1e308, NaN, Infinity, -Infinity, "", "x y", "u0", "u1", "s0", "n0", "medis", "Medis", "a".repeat(81), null, undefined, true, false, [], ["medis"], [3], {}, { id: "u0" }];
    let rejected = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const input = structuredClone(base) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      for (let k = 1 + Math.floor(r() * 2); k > 0; k--) {
        // A random object in the input (the input itself, a list, an element, the weights, a skill list)…
        let node: any = input; // eslint-disable-line @typescript-eslint/no-explicit-any
        for (let depth = Math.floor(r() * 4); depth > 0 && node && typeof node === "object"; depth--) {
          const keys = Object.keys(node);
          if (!keys.length) break;
          const next = node[pick(keys)];
          if (!next || typeof next !== "object") break;
          node = next;
        }
        if (!node || typeof node !== "object") continue;
        // …gets one of its keys set to a random value, deleted, or a key it does not know.
        const keys = Object.keys(node);
        const roll = r();
        if (roll < 0.1 && keys.length) delete node[pick(keys)];
        else if (roll < 0.2) node[pick(["extra", "speed", "__proto__", "0"])] = pick(VALUES);
        else if (keys.length) node[pick(keys)] = structuredClone(pick(VALUES));
      }
      const what = `trial ${trial}: ${JSON.stringify(input).slice(0, 200)}`;
      expectSameAnswer(input, what);
      if (!PlannerInput.safeParse(input).success) rejected++;
    }
    // Most corruptions are caught, and some are not (a valid value replaced by another valid one).
    expect(rejected).toBeGreaterThan(1500);
    expect(rejected).toBeLessThan(3000);
  });
});
