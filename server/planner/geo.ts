/** Mean Earth radius (IUGG), the one DESIGN.md fixes so that every caller measures the same km. */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/** Great-circle distance in km between two points (haversine). */
export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  return haversineCosKm(lat1, lng1, cosLat(lat1), lat2, lng2, cosLat(lat2));
}

/** cos of a latitude in degrees: computed once per place when one place meets many (see haversineCosKm). */
export function cosLat(lat: number): number {
  return Math.cos(lat * RAD);
}

/** haversineKm with both latitudes' cosines given (cosLat), bit for bit the same result. */
export function haversineCosKm(lat1: number, lng1: number, cos1: number, lat2: number, lng2: number, cos2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const s = Math.sin(dLat / 2) ** 2 + cos1 * cos2 * Math.sin(dLng / 2) ** 2;
  // Rounding can push s a hair above 1 for antipodal points; asin would then return NaN.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, s)));
}
