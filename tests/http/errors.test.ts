/** An uncaught store conflict still answers in the closed CONFLICT_REASONS, never with the store's own words. */
import { expect, it } from "vitest";
import { ConflictDetails } from "../../shared/errors.js";
import { toErrorBody } from "../../server/http/errors.js";
import { StoreConflict } from "../../server/store/port.js";

it("a StoreConflict of any kind becomes a 409 body whose reason is one of CONFLICT_REASONS", () => {
  const cases = [["version", "version"], ["missing", "version"], ["exists", "unique"], ["unique", "unique"]] as const;
  for (const [store, reason] of cases) {
    const body = toErrorBody(new StoreConflict("units", "u1", store, store === "version" ? 3 : undefined));
    expect(body.code).toBe("conflict");
    expect(ConflictDetails.parse(body.details).reason, store).toBe(reason);
  }
});
