import { afterEach, describe, expect, it, vi } from "vitest";
import { parseSnapshotSliced } from "../../client/live/parse.js";
import { incident, unit } from "./fixtures.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("snapshot parsing in time slices", () => {
  it("keeps valid items, drops and reports invalid ones", async () => {
    const units = Array.from({ length: 300 }, (_, i) => unit(`U${i}`));
    units[7] = { ...units[7]!, floor: -1 };
    const invalid: string[] = [];
    const snap = await parseSnapshotSliced({ units, incidents: [incident("I1", "Banjir")], staff: "not a list" }, 42,
      (name, index) => invalid.push(`${name}[${index}]`));
    expect(snap.seq).toBe(42);
    expect(snap.units).toHaveLength(299);
    expect(snap.incidents).toHaveLength(1);
    expect(snap.staff).toEqual([]);
    expect(invalid).toEqual(["units[7]"]);
  });

  it("gives the page its turn between slices of a large snapshot", async () => {
    const spy = vi.spyOn(globalThis, "setTimeout");
    let clock = 0;
    const units = Array.from({ length: 2048 }, (_, i) => unit(`U${i}`));
    // every reading of the clock sees 20 ms pass, so every 256 items make a slice
    const snap = await parseSnapshotSliced({ units }, 1, () => {}, () => (clock += 20));
    expect(snap.units).toHaveLength(2048);
    expect(spy.mock.calls.length).toBe(8);
  });
});
