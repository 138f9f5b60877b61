/**
 * Grid clustering, pure: points in any plane (the map passes screen pixels at a zoom) fall into square
 * cells of `cellSize`, and each cell that holds points is one cluster. No Leaflet, no DOM: the map
 * projects positions before and turns centroids back into lat/lng after (grid.ts).
 */

export interface GridPoint {
  x: number;
  y: number;
  /** Points of different groups never share a cluster, even in one cell (flows to different sites). */
  group?: string;
}

export interface Cluster<P extends GridPoint> {
  /** `column:row` of the cell, then `|group` for a grouped point: the same cell and group give the same key. */
  key: string;
  /** The cell's points, in input order. */
  members: P[];
  count: number;
  /** Centroid: the mean of the members' x and y. */
  x: number;
  y: number;
}

/** The clusters of `points`, in the order their first members come in the input. */
export function clusterPoints<P extends GridPoint>(points: Iterable<P>, cellSize: number): Cluster<P>[] {
  if (!(cellSize > 0) || !Number.isFinite(cellSize)) throw new RangeError(`cell size must be a positive number, not ${cellSize}`);
  const cells = new Map<string, { members: P[]; sumX: number; sumY: number }>();
  for (const p of points) {
    const cell = `${Math.floor(p.x / cellSize)}:${Math.floor(p.y / cellSize)}`;
    const key = p.group === undefined ? cell : `${cell}|${p.group}`;
    const c = cells.get(key);
    if (c) {
      c.members.push(p);
      c.sumX += p.x;
      c.sumY += p.y;
    } else {
      cells.set(key, { members: [p], sumX: p.x, sumY: p.y });
    }
  }
  const out: Cluster<P>[] = [];
  for (const [key, { members, sumX, sumY }] of cells) {
    out.push({ key, members, count: members.length, x: sumX / members.length, y: sumY / members.length });
  }
  return out;
}
