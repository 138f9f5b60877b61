/// <reference types="vite/client" />

/** GeoJSON files are imported as parsed FeatureCollections (see the geojson plugin in vite.config.ts). */
declare module "*.geojson" {
  const value: import("geojson").FeatureCollection<import("geojson").Polygon | import("geojson").MultiPolygon, KelurahanProps>;
  export default value;
}

interface KelurahanProps {
  kode: string;
  nama: string;
  kode_kec?: string;
  kecamatan?: string;
  centroid_lat?: number;
  centroid_lng?: number;
}
