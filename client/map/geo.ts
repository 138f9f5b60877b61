/**
 * The bundled boundaries of Kota Kupang (seed/geo, MIT © Cahya DSN wilayah_boundaries): the map's base
 * layer, which needs no network, and the kelurahan list of the incident form.
 */
import kupang from "../../seed/geo/kota_kupang_kelurahan.geojson";
import maulafa from "../../seed/geo/maulafa_kelurahan.geojson";

export { kupang as kupangKelurahan, maulafa as maulafaKelurahan };

export const MAULAFA_KEC = "53.71.02";

export interface Kelurahan {
  code: string;
  name: string;
  kecamatan: string;
  inMaulafa: boolean;
}

/** Every kelurahan of Kota Kupang, Maulafa's first, then by kecamatan and name. */
export const KELURAHAN: readonly Kelurahan[] = kupang.features
  .map((f) => ({
    code: f.properties.kode,
    name: f.properties.nama,
    kecamatan: f.properties.kecamatan ?? "",
    inMaulafa: f.properties.kode.startsWith(MAULAFA_KEC + "."),
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
