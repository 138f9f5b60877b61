/**
 * A what-if's bytes in and out, in the planner's thread (server/planner/simulate.ts): the body read as UTF-8
 * whether or not it is all ASCII, bad bytes a bad_json outcome, and the answer the plan's JSON as UTF-8 bytes.
 */
import { describe, expect, it } from "vitest";
import { generateInstance, SCALES } from "../../bench/generate.js";
import { plan } from "../../server/planner/index.js";
import { parseJsonBytes, simulateJson } from "../../server/planner/simulate.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("a what-if's bytes", () => {
  it("parses ASCII, UTF-8 beyond it, a byte-order mark and a view into a larger buffer alike", () => {
    expect(parseJsonBytes(utf8('{"id":"s1","n":[1,2.5]}'))).toEqual({ id: "s1", n: [1, 2.5] });
    expect(parseJsonBytes(utf8('{"name":"Yohanes Ndolu Ré","unit":"Kelurahan Naimata · Maulafa"}'))).toEqual({ name: "Yohanes Ndolu Ré", unit: "Kelurahan Naimata · Maulafa" });
    expect(parseJsonBytes(utf8('\uFEFF{"a":1}'))).toEqual({ a: 1 });
    const inside = utf8('xx{"a":"b"}yy');
    expect(parseJsonBytes(inside.subarray(2, inside.length - 2))).toEqual({ a: "b" });
    expect(() => parseJsonBytes(utf8('{"a":'))).toThrow(SyntaxError);
    expect(parseJsonBytes(new Uint8Array([0x5b, 0x22, 0xff, 0x22, 0x5d]))).toEqual(["\uFFFD"]); // a stray byte decodes to U+FFFD, as before
  });

  it("answers the plan's JSON as UTF-8 bytes, and bad bytes as bad_json", () => {
    const input = generateInstance(SCALES.small);
    const outcome = simulateJson(utf8(JSON.stringify(input)));
    expect(outcome.ok).toBe(true);
    const answer = JSON.parse(new TextDecoder().decode(outcome.ok ? outcome.json : undefined));
    expect(answer.objective).toBe(plan(input).objective);
    expect(simulateJson(utf8("{nope"))).toEqual({ ok: false, code: "bad_json" });
  });
});
