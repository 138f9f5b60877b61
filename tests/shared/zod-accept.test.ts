/**
 * compileAcceptor (shared/zod-accept.ts): on the kinds of schema it knows, it accepts exactly what zod
 * accepts and gives zod's data; any other kind throws when compiling, never a silent yes.
 */
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { compileAcceptor, REJECT } from "../../shared/zod-accept.js";

function expectAsZod(schema: z.ZodType, values: unknown[]) {
  const accept = compileAcceptor(schema);
  for (const v of values) {
    const zod = schema.safeParse(v);
    const fast = accept(v);
    expect(fast === REJECT, `${String(v)}`).toBe(!zod.success);
    if (zod.success) expect(fast).toStrictEqual(zod.data);
  }
}

describe("compileAcceptor", () => {
  it("folds several bounds as zod applies them: the tightest wins, exclusive over inclusive at a tie", () => {
    expectAsZod(z.number().gte(1).gt(1).lte(5).max(7), [0, 1, 1.0001, 5, 5.5, 7, NaN, Infinity, "3"]);
    expectAsZod(z.number().positive().int().max(1e6), [0, -1, 1, 2.5, 1e6, 1e6 + 1, 2 ** 53]);
    expectAsZod(z.int().min(0), [-1, 0, 0.5, 3, 2 ** 53, -0]);
    expectAsZod(z.string().min(2).max(4).min(3), ["", "ab", "abc", "abcd", "abcde", 3]);
    expectAsZod(z.string().length(3).regex(/^a/).regex(/c$/), ["abc", "abd", "bbc", "ab"]);
    expectAsZod(z.array(z.boolean()).min(1).max(2), [[], [true], [true, false], [true, false, true], [1], "x"]);
  });

  it("strips unknown keys, or refuses them when strict, and keeps an undefined optional only when its key is there", () => {
    expectAsZod(z.object({ a: z.number().optional(), b: z.enum(["x", "y"]).nullable() }), [{ b: "x" }, { a: undefined, b: null }, { a: 1, b: "y", c: 3 }, { b: "z" }, [], null]);
    expectAsZod(z.object({ a: z.number() }).strict(), [{ a: 1 }, { a: 1, b: 2 }, JSON.parse('{"a": 1, "__proto__": {}}')]);
  });

  it("throws on a kind of schema or check it does not know", () => {
    const unknown: z.ZodType[] = [
      z.string().transform((s) => s.length),
      z.number().default(3),
      z.number().refine((n) => n > 0),
      z.email(),
      z.string().email(),
      z.string().startsWith("a"),
      z.coerce.number(),
      z.number().multipleOf(2),
      z.int32(),
      z.object({}).catchall(z.string()),
      z.object({ a: z.number() }).superRefine(() => {}),
      z.union([z.string(), z.number()]),
      z.bigint(),
      z.literal("a"),
    ];
    for (const schema of unknown) expect(() => compileAcceptor(schema)).toThrow(/not supported/);
  });
});
