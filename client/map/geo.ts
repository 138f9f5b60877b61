/**
 * The bundled boundaries of Kota Kupang (seed/geo, MIT © Cahya DSN wilayah_boundaries): the map's base
 * layer, which needs no network, and the kelurahan list of the incident form.
 */
import kupang from "../../seed/geo/kota_kupang_kelurahan.geojson";
import maulafa from "../../seed/geo/maulafa_kelurahan.geojson";
import { featureAt, type FeatureCollection } from "../../seed/geometry.js";
import type { LatLng } from "../../shared/domain.js";

export { kupang as kupangKelurahan, maulafa as maulafaKelurahan };

export const MAULAFA_KEC = "53.71.02";

export interface Kelurahan {
  code: string;
  name: string;
  kecamatan: string;
  inMaulafa: boolean;
  /** The bundled centroid: where an incident declared by kelurahan alone is placed. */
  centroid: LatLng | null;
}

/** Every kelurahan of Kota Kupang, Maulafa's first, then by kecamatan and name. */
export const KELURAHAN: readonly Kelurahan[] = kupang.features
  .map((f) => ({
    code: f.properties.kode,
    name: f.properties.nama,
    kecamatan: f.properties.kecamatan ?? "",
    inMaulafa: f.properties.kode.startsWith(MAULAFA_KEC + "."),
    centroid: f.properties.centroid_lat !== undefined && f.properties.centroid_lng !== undefined
      ? { lat: f.properties.centroid_lat, lng: f.properties.centroid_lng } : null,
  }))
  .sort((a, b) => Number(b.inMaulafa) - Number(a.inMaulafa) || a.kecamatan.localeCompare(b.kecamatan) || a.name.localeCompare(b.name));


/** [[south, west], [north, east]] of a feature collection. */
function bounds(fc: typeof kupang): [[number, number], [number, number]] {
  let s = 90, w = 180, n = -90, e = -180;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === "number") {
      const [lng, lat] = c as [number, number];
      if (lat < s) s = lat;
      if (lat > n) n = lat;
      if (lng < w) w = lng;
      if (lng > e) e = lng;
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  for (const f of fc.features) visit(f.geometry.coordinates);
  return [[s, w], [n, e]];
}

export const MAULAFA_BOUNDS = bounds(maulafa);
export const KUPANG_BOUNDS = bounds(kupang);

/** The kelurahan of Kota Kupang a point lies in (the bundled boundaries), if any. */
export function kelurahanAt(point: LatLng): string | null {
  return featureAt(kupang as unknown as FeatureCollection<{ kode: string }>, point)?.properties.kode ?? null;
}
