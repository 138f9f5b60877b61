/**
 * The contract check that request() runs on every answer (tests/helpers/contract.ts) can fail: each
 * kind of break it is there for is refused, and the answers the server really gives pass.
 */
import { describe, expect, it } from "vitest";
import { checkContract } from "../helpers/contract.js";

const unit = { id: "unit-a", code: "a", name: "A", kind: "dinas", location: { lat: -10.2, lng: 123.6 }, approximate: false, kelurahan: "53.71.02.1001", floor: 0, workload: 1, version: 1 };

describe("checkContract", () => {
  it("passes a success with the route's status and schema, a 204 without a body, and well-formed errors", () => {
    expect(() => checkContract("GET", "/units/unit-a", 200, unit)).not.toThrow();
    expect(() => checkContract("POST", "/units", 201, unit)).not.toThrow();
    expect(() => checkContract("DELETE", "/units/unit-a", 204, undefined)).not.toThrow();
    expect(() => checkContract("GET", "/units/unit-a", 404, { error: { code: "not_found", message: "No unit" } })).not.toThrow();
    expect(() => checkContract("PATCH", "/units/unit-a", 409, { error: { code: "conflict", message: "m", details: { reason: "version", currentVersion: 2 } } })).not.toThrow();
    expect(() => checkContract("POST", "/units", 400, { error: { code: "validation", message: "m", details: [{ path: "floor", message: "m", code: "too_small", minimum: 0 }] } })).not.toThrow();
    expect(() => checkContract("GET", "/nowhere", 404, { error: { code: "not_found", message: "No route" } })).not.toThrow();
  });

  it("refuses a success with another status, a body off its schema, or a body where none belongs", () => {
    expect(() => checkContract("POST", "/units", 200, unit)).toThrow(/POST \/units → 200 breaks the contract of POST \/units: the route answers 201/);
    expect(() => checkContract("GET", "/units/unit-a", 200, { ...unit, floor: -1 })).toThrow(/GET \/units\/:id.*response schema[\s\S]*floor/);
    expect(() => checkContract("DELETE", "/units/unit-a", 204, { ok: true })).toThrow(/no body/);
    // A field the schema does not name is a drift (here: a leak), though zod's parse would drop it silently.
    expect(() => checkContract("GET", "/me", 200, { username: "layar", role: "screen", passwordHash: "scrypt$…" })).toThrow(/does not name: passwordHash/);
    expect(() => checkContract("GET", "/units", 200, [unit, { ...unit, id: "unit-b", location: { ...unit.location, alt: 3 } }])).toThrow(/does not name: 1\.location\.alt/);
  });

  it("refuses an error that is not {error: ErrorBody}, whose code is not its status's, or whose details are off", () => {
    expect(() => checkContract("GET", "/units", 500, { message: "boom" })).toThrow(/not \{error: ErrorBody\}/);
    expect(() => checkContract("GET", "/units", 403, { error: { code: "forbidden", message: "m" }, stack: "at x" })).toThrow(/not \{error: ErrorBody\}/);
    expect(() => checkContract("GET", "/units", 400, { error: { code: "forbidden", message: "m" } })).toThrow(/belongs with status 403/);
    expect(() => checkContract("PATCH", "/units/u", 409, { error: { code: "conflict", message: "m", details: { reason: "because" } } })).toThrow(/ConflictDetails[\s\S]*reason/);
    expect(() => checkContract("PATCH", "/units/u", 409, { error: { code: "conflict", message: "m" } })).toThrow(/ConflictDetails/);
    expect(() => checkContract("POST", "/units", 400, { error: { code: "validation", message: "m", details: { floor: "bad" } } })).toThrow(/FieldIssue/);
  });

  it("refuses a path outside ROUTES unless it answers 404 not_found", () => {
    expect(() => checkContract("GET", "/nowhere", 200, {})).toThrow(/no route in ROUTES/);
    expect(() => checkContract("PUT", "/units/unit-a", 401, { error: { code: "unauthenticated", message: "m" } })).toThrow(/may only answer 404 not_found/);
  });

  it("refuses an event of GET /events whose data is not its type's", () => {
    const event = (type: string, data: unknown) => ({ events: [{ seq: 1, at: "2026-12-20T08:00:00+09:00", type, actor: "seed", data }], lastSeq: 1 });
    expect(() => checkContract("GET", "/events?since=0", 200, event("unit.created", unit))).not.toThrow();
    expect(() => checkContract("GET", "/events?since=0", 200, event("unit.deleted", { id: "unit-a" }))).not.toThrow();
    expect(() => checkContract("GET", "/events?since=0", 200, event("unit.created", { id: "unit-a" }))).toThrow(/events\.0 \(seq 1, unit\.created\)[\s\S]*code/);
    expect(() => checkContract("GET", "/events", 200, event("unit.exploded", unit))).toThrow(/response schema[\s\S]*unknown event type/);
    expect(() => checkContract("GET", "/events", 200, event("user.created", { id: "usr-a", username: "a", role: "screen", version: 1, passwordHash: "x" })))
      .toThrow(/data fields its type does not name: passwordHash/);
  });
});
