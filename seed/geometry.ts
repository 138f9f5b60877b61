/**
 * Small, dependency-free planar geometry on [lng, lat] rings: enough to check that a point lies in a
 * kelurahan or in the city outline. At Kupang's scale (tens of km) treating degrees as planar is exact
 * enough for containment; no distances are computed here.
 */
import type { LatLng } from "../shared/domain.js";

export type Position = readonly [number, number] | readonly number[];
export type Ring = readonly Position[];

export interface PolygonGeometry {
  type: "Polygon";
  coordinates: readonly Ring[];
}
export interface MultiPolygonGeometry {
  type: "MultiPolygon";
  coordinates: readonly (readonly Ring[])[];
}
export interface Feature<P = Record<string, unknown>> {
  type: "Feature";
  properties: P;
  geometry: PolygonGeometry | MultiPolygonGeometry;
}
export interface FeatureCollection<P = Record<string, unknown>> {
  type: "FeatureCollection";
  features: readonly Feature<P>[];
}

/** Ray casting (even-odd); a point exactly on an edge may fall either way. */
export function pointInRing(point: LatLng, ring: Ring): boolean {
  const x = point.lng;
  const y = point.lat;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the exterior ring and outside every hole. */
export function pointInPolygon(point: LatLng, rings: readonly Ring[]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !pointInRing(point, outer)) return false;
  return !holes.some((h) => pointInRing(point, h));
}

/** Whether a Polygon or MultiPolygon geometry contains the point. */
export function pointInGeometry(point: LatLng, geometry: PolygonGeometry | MultiPolygonGeometry): boolean {
  if (geometry.type === "Polygon") return pointInPolygon(point, geometry.coordinates);
  return geometry.coordinates.some((rings) => pointInPolygon(point, rings));
}

/** The first feature containing the point, or undefined. */
export function featureAt<P>(collection: FeatureCollection<P>, point: LatLng): Feature<P> | undefined {
  return collection.features.find((f) => pointInGeometry(point, f.geometry));
}

/** Whether every vertex of `inner` (a [lng, lat] ring) lies inside `outer`. Enough for small convex rings. */
export function ringInside(inner: Ring, outer: readonly Ring[]): boolean {
  return inner.every((p) => pointInPolygon({ lng: p[0]!, lat: p[1]! }, outer));
}
