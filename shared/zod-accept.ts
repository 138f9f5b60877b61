/**
 * A fast yes for large valid inputs: a zod 4 schema compiled once into plain closures that test the same
 * types and bounds, read from the schema's own definition, without zod's bookkeeping per field (a payload
 * and an issue list for every field of every element, the loop over its check objects). That bookkeeping
 * is what made PlannerInput cost more than the solve: 10,000 staff are 100,000 field runs.
 *
 * An acceptor answers the value zod's parse would give (same keys, same order, unknown keys stripped), or
 * REJECT when zod would report any issue at all. It never says why: on REJECT the caller runs the schema
 * itself, which reports exactly what is wrong, so issues, their order and their messages stay zod's.
 *
 * Only the kinds of schema and check that the planner's input uses are known here. Anything else (a
 * transform, a default, a refinement, another string format, coercion…) throws when compiling, so a new
 * rule in the schema can never be skipped silently by the fast path.
 */
import type { z } from "zod";

export const REJECT: unique symbol = Symbol("REJECT");
export type Acceptor<T> = (value: unknown) => T | typeof REJECT;

type Step = (value: unknown) => unknown;
type Def = { type: string; checks?: { _zod: { def: CheckDef } }[]; coerce?: boolean } & Record<string, unknown>;
type CheckDef = { check: string } & Record<string, unknown>;

export function compileAcceptor<S extends z.ZodType>(schema: S): Acceptor<z.output<S>> {
  return compile(schema as unknown as z.core.$ZodType, "(root)") as Acceptor<z.output<S>>;
}

function unsupported(where: string, what: string): never {
  throw new Error(`compileAcceptor: ${what} at ${where} is not supported; validate with the schema itself`);
}

/** The checks a schema carries, its own first when it is itself a check (z.int() and the like). */
function checksOf(schema: z.core.$ZodType): CheckDef[] {
  const def = schema._zod.def as unknown as Def;
  const own = schema._zod.traits.has("$ZodCheck") ? [def as unknown as CheckDef] : [];
  return [...own, ...(def.checks ?? []).map((c) => c._zod.def)];
}

function compile(schema: z.core.$ZodType, where: string): Step {
  const def = schema._zod.def as unknown as Def;
  if (def.coerce) unsupported(where, "coercion");
  const checks = checksOf(schema);
  switch (def.type) {
    case "string":
      return stringStep(checks, where);
    case "number":
      return numberStep(checks, where);
    case "boolean":
      noChecks(checks, where);
      return (v) => (typeof v === "boolean" ? v : REJECT);
    case "enum": {
      noChecks(checks, where);
      const values = schema._zod.values!;
      return (v) => (values.has(v as never) ? v : REJECT);
    }
    case "optional": {
      noChecks(checks, where);
      const inner = def.innerType as z.core.$ZodType;
      // zod hands undefined to an inner type that is optional itself (a default, say): not a case here.
      if (inner._zod.optin === "optional") unsupported(where, "an optional of an optional");
      const step = compile(inner, where);
      return (v) => (v === undefined ? undefined : step(v));
    }
    case "nullable": {
      noChecks(checks, where);
      const step = compile(def.innerType as z.core.$ZodType, where);
      return (v) => (v === null ? null : step(v));
    }
    case "array":
      return arrayStep(compile(def.element as z.core.$ZodType, `${where}[]`), checks, where);
    case "object":
      noChecks(checks, where);
      return objectStep(def, where);
    default:
      return unsupported(where, `a schema of type ${def.type}`);
  }
}

function noChecks(checks: CheckDef[], where: string) {
  if (checks.length) unsupported(where, `a ${checks[0]!.check} check`);
}

/** The length bounds of strings and arrays: min_length, max_length, length_equals. */
function lengthBounds(checks: CheckDef[], where: string, other: (c: CheckDef) => boolean): { min: number; max: number } {
  let min = 0;
  let max = Infinity;
  for (const c of checks) {
    if (c.check === "min_length") min = Math.max(min, c.minimum as number);
    else if (c.check === "max_length") max = Math.min(max, c.maximum as number);
    else if (c.check === "length_equals") (min = Math.max(min, c.length as number)), (max = Math.min(max, c.length as number));
    else if (!other(c)) unsupported(where, `a ${c.check} check`);
  }
  return { min, max };
}

function stringStep(checks: CheckDef[], where: string): Step {
  const patterns: RegExp[] = [];
  const { min, max } = lengthBounds(checks, where, (c) => {
    if (c.check !== "string_format" || c.format !== "regex") return false;
    patterns.push(c.pattern as RegExp);
    return true;
  });
  const matches = (v: string) => {
    for (const p of patterns) {
      p.lastIndex = 0; // as zod does, for a global or sticky pattern
      if (!p.test(v)) return false;
    }
    return true;
  };
  return (v) => (typeof v === "string" && v.length >= min && v.length <= max && matches(v) ? v : REJECT);
}

function numberStep(checks: CheckDef[], where: string): Step {
  // zod's own checks, folded: every lower bound and every upper bound must hold, so the tightest decides.
  let low = -Infinity;
  let lowInclusive = true;
  let high = Infinity;
  let highInclusive = true;
  let integer = false;
  for (const c of checks) {
    if (typeof c.value === "bigint") unsupported(where, "a bigint bound");
    const value = c.value as number;
    if (c.check === "greater_than") {
      if (value > low || (value === low && !c.inclusive)) (low = value), (lowInclusive = c.inclusive as boolean);
    } else if (c.check === "less_than") {
      if (value < high || (value === high && !c.inclusive)) (high = value), (highInclusive = c.inclusive as boolean);
    } else if (c.check === "number_format" && c.format === "safeint") {
      integer = true;
    } else unsupported(where, `a ${c.check} check${c.format ? ` (${String(c.format)})` : ""}`);
  }
  return (v) => {
    // zod's number: a number that is neither NaN nor ±Infinity.
    if (typeof v !== "number" || !Number.isFinite(v)) return REJECT;
    if (integer && !Number.isSafeInteger(v)) return REJECT;
    if (lowInclusive ? v < low : v <= low) return REJECT;
    if (highInclusive ? v > high : v >= high) return REJECT;
    return v;
  };
}

function arrayStep(element: Step, checks: CheckDef[], where: string): Step {
  const { min, max } = lengthBounds(checks, where, () => false);
  return (v) => {
    if (!Array.isArray(v) || v.length < min || v.length > max) return REJECT;
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const item = element(v[i]);
      if (item === REJECT) return REJECT;
      out[i] = item;
    }
    return out;
  };
}

/**
 * An object's step is generated code (new Function), one function per object schema: each field read,
 * check call and write has a site of its own with one key and one check. As one generic closure over the
 * keys, every site saw every key and every check (megamorphic), and validating 10,000 staff took 9 ms;
 * generated, about a third of that. Hence also that callers compile lazily: a browser page under a
 * content security policy without 'unsafe-eval' may import a schema, never run this.
 */
function objectStep(def: Def, where: string): Step {
  const shape = def.shape as Record<string, z.core.$ZodType>;
  const keys = Object.keys(shape);
  if (keys.includes("__proto__")) unsupported(where, "a __proto__ key");
  const steps = keys.map((k) => compile(shape[k]!, `${where}.${k}`));
  const catchall = def.catchall as z.core.$ZodType | undefined;
  // No catchall: unknown keys are stripped. z.never() (.strict()): any unknown key is an issue.
  if (catchall && catchall._zod.def.type !== "never") unsupported(where, "a catchall");
  const known = catchall ? new Set(keys) : undefined;
  const fields = keys.map((k, i) => {
    const key = JSON.stringify(k);
    // As zod: an undefined value is kept only when the key is there.
    return `x = s${i}(v[${key}]); if (x === R) return R; if (x !== undefined) o[${key}] = x; else if (${key} in v) o[${key}] = undefined;`;
  });
  const body = `return function acceptObject(v) {
    // zod's object test: arrays and null are not objects, anything else of typeof "object" is.
    if (typeof v !== "object" || v === null || Array.isArray(v)) return R;
    ${known ? "for (const k of Object.keys(v)) if (!known.has(k)) return R;" : ""}
    const o = {};
    let x;
    ${fields.join("\n    ")}
    return o;
  };`;
  return new Function("R", "known", ...steps.map((_, i) => `s${i}`), body)(REJECT, known, ...steps) as Step;
}
