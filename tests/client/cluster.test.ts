import { describe, it, expect } from "vitest";
import { clusterPoints, type GridPoint } from "../../client/map/cluster.js";

const pt = (id: string, x: number, y: number, group?: string) => ({ id, x, y, ...(group === undefined ? {} : { group }) });
const ids = (members: { id: string }[]) => members.map((m) => m.id);

describe("clusterPoints", () => {
  it("merges points that fall in one cell", () => {
    const out = clusterPoints([pt("a", 1, 1), pt("b", 43, 2), pt("c", 20, 43.9)], 44);
    expect(out).toHaveLength(1);
    expect(out[0]!.key).toBe("0:0");
    expect(ids(out[0]!.members)).toEqual(["a", "b", "c"]);
    expect(out[0]!.count).toBe(3);
  });

  it("keeps points in different cells apart, however close they are across an edge", () => {
    const out = clusterPoints([pt("a", 43.9, 10), pt("b", 44, 10), pt("c", 10, 44)], 44);
    expect(out.map((c) => c.key)).toEqual(["0:0", "1:0", "0:1"]);
    expect(out.map((c) => c.count)).toEqual([1, 1, 1]);
  });

  it("puts negative coordinates in their own cells (floor, not truncation)", () => {
    const out = clusterPoints([pt("a", -1, -1), pt("b", 1, 1)], 44);
    expect(out.map((c) => c.key)).toEqual(["-1:-1", "0:0"]);
  });

  it("gives the count and the centroid (mean x, mean y) of each cluster", () => {
    const out = clusterPoints([pt("a", 0, 0), pt("b", 100, 100), pt("c", 30, 6), pt("d", 110, 130), pt("e", 6, 30)], 50);
    expect(out.map((c) => [c.key, c.count])).toEqual([["0:0", 3], ["2:2", 2]]);
    expect(out[0]!.x).toBeCloseTo(12, 12);
    expect(out[0]!.y).toBeCloseTo(12, 12);
    expect(out[1]!.x).toBeCloseTo(105, 12);
    expect(out[1]!.y).toBeCloseTo(115, 12);
  });

  it("a lone point is a cluster of one, centred on itself", () => {
    expect(clusterPoints([pt("a", 7.5, 9.25)], 44)).toEqual([{ key: "0:0", members: [pt("a", 7.5, 9.25)], count: 1, x: 7.5, y: 9.25 }]);
  });

  it("never merges points of different groups, even in one cell", () => {
    const out = clusterPoints([pt("a", 1, 1, "site-1"), pt("b", 2, 2, "site-2"), pt("c", 3, 3, "site-1"), pt("d", 4, 4)], 44);
    expect(out.map((c) => [c.key, ids(c.members)])).toEqual([
      ["0:0|site-1", ["a", "c"]],
      ["0:0|site-2", ["b"]],
      ["0:0", ["d"]],
    ]);
  });

  it("returns nothing for no points", () => {
    expect(clusterPoints([], 44)).toEqual([]);
    expect(clusterPoints(new Set<GridPoint>(), 44)).toEqual([]);
  });

  it("is stable: clusters in the order of their first member, members in input order, the same for the same input", () => {
    const points = [pt("a", 200, 0), pt("b", 0, 0), pt("c", 201, 1), pt("d", 100, 0), pt("e", 1, 1)];
    const out = clusterPoints(points, 44);
    expect(out.map((c) => ids(c.members))).toEqual([["a", "c"], ["b", "e"], ["d"]]);
    expect(clusterPoints(points, 44)).toEqual(out);
    // Any iterable: a generator gives the same clusters as the array.
    expect(clusterPoints((function* () { yield* points; })(), 44)).toEqual(out);
  });

  it("does not change its input", () => {
    const points = [pt("a", 1, 1), pt("b", 2, 2)];
    const copy = structuredClone(points);
    clusterPoints(points, 44);
    expect(points).toEqual(copy);
  });

  it("handles 10,000 points: every point lands in exactly one cluster", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const points = Array.from({ length: 10_000 }, (_, i) => pt(`p${i}`, random() * 2000, random() * 1500));
    const t0 = performance.now();
    const out = clusterPoints(points, 44);
    const ms = performance.now() - t0;
    expect(out.reduce((s, c) => s + c.count, 0)).toBe(10_000);
    expect(new Set(out.flatMap((c) => ids(c.members))).size).toBe(10_000);
    // 2000 × 1500 px in 44 px cells: at most 46 × 35 cells, all of them taken by 10,000 points.
    expect(out.length).toBeLessThanOrEqual(46 * 35);
    expect(out.length).toBeGreaterThan(1500);
    for (const c of out) {
      const [col, row] = c.key.split(":").map(Number) as [number, number];
      for (const m of c.members) expect([Math.floor(m.x / 44), Math.floor(m.y / 44)]).toEqual([col, row]);
      expect(c.x).toBeGreaterThanOrEqual(col * 44);
      expect(c.x).toBeLessThan((col + 1) * 44);
    }
    expect(ms, `clustering 10,000 points took ${ms.toFixed(1)} ms`).toBeLessThan(1000);
  });

  it("refuses a cell size that is not a positive number", () => {
    for (const size of [0, -44, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => clusterPoints([pt("a", 1, 1)], size)).toThrow(RangeError);
    }
  });
});
