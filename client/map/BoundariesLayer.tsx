import L from "leaflet";
import { useEffect, useRef } from "react";
import { useMap } from "react-leaflet";
import { useI18n } from "../i18n/index.js";
import type { Unit } from "../../shared/domain.js";
import { kupangKelurahan, maulafaKelurahan } from "./geo.js";

/** A unit closer than this to a kelurahan's centroid would sit under its label: the label moves below it. */
const LABEL_CLEARANCE_DEG = 0.004; // about 450 m
/** Pixels between the centroid and a moved label: clear of a unit marker (radius ≤ 12 px) at any zoom. */
const LABEL_SHIFT_PX = 24;

const BOUNDARY_PANE = "siaga-boundaries";

/** Kelurahan boundaries of Kota Kupang with Maulafa highlighted, from the bundled GeoJSON. */
export function BoundariesLayer({ tiles, dark = false, avoid }: { tiles: boolean; dark?: boolean; avoid?: ReadonlyMap<string, Unit> | undefined }) {
  const map = useMap();
  const { t } = useI18n();
  const layers = useRef<{ kupang: L.GeoJSON; maulafa: L.GeoJSON; labels: L.LayerGroup } | null>(null);
  const palette = dark
    ? { city: { color: "#4f6b85", fillColor: "#1d3246" }, maulafa: { color: "#64b5f6", fillColor: "#1f4a73" } }
    : { city: { color: "#8795a1", fillColor: "#e9edf1" }, maulafa: { color: "#1565c0", fillColor: "#cfe3fb" } };

  useEffect(function addBoundaries() {
    // Their own canvas, under the live layers: a marker changing then never redraws thousands of
    // boundary vertices. Not interactive, so it may sit below the canvas that takes the clicks.
    const pane = map.getPane(BOUNDARY_PANE) ?? map.createPane(BOUNDARY_PANE);
    pane.style.zIndex = "350";
    pane.style.pointerEvents = "none";
    const renderer = L.canvas({ pane: BOUNDARY_PANE });
    const common = { interactive: false, pane: BOUNDARY_PANE, renderer };
    const kupang = L.geoJSON(kupangKelurahan, { ...common, style: { ...palette.city, weight: 1, fillOpacity: 0.5 } });
    const maulafa = L.geoJSON(maulafaKelurahan, { ...common, style: { ...palette.maulafa, weight: 2, fillOpacity: 0.45 } });
    const labels = L.layerGroup();
    kupang.addTo(map);
    maulafa.addTo(map);
    const showLabels = () => {
      if (map.getZoom() >= 13) labels.addTo(map);
      else labels.remove();
    };
    showLabels();
    map.on("zoomend", showLabels);
    layers.current = { kupang, maulafa, labels };
    return function removeBoundaries() {
      map.off("zoomend", showLabels);
      kupang.remove();
      maulafa.remove();
      labels.remove();
      layers.current = null;
    };
    // the palette follows `dark`, which a map never changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map]);

  // Kelurahan names at their centroids, except where a unit (often the kelurahan office) stands there:
  // then the name goes below, so that it never covers the marker one clicks.
  const spots = avoid ? [...avoid.values()].map((u) => u.location) : [];
  const spotsKey = spots.map((p) => `${p.lat.toFixed(3)},${p.lng.toFixed(3)}`).sort().join(";");
  useEffect(function placeLabels() {
    const group = layers.current?.labels;
    if (!group) return;
    group.clearLayers();
    for (const f of maulafaKelurahan.features) {
      const { centroid_lat: lat, centroid_lng: lng, nama } = f.properties;
      if (lat === undefined || lng === undefined) continue;
      const crowded = spots.some((p) => Math.abs(p.lat - lat) < LABEL_CLEARANCE_DEG && Math.abs(p.lng - lng) < LABEL_CLEARANCE_DEG);
      group.addLayer(L.tooltip({ permanent: true, direction: crowded ? "bottom" : "center", offset: crowded ? [0, LABEL_SHIFT_PX] : [0, 0], className: "kel-label", interactive: false })
        .setLatLng([lat, lng]).setContent(nama));
    }
  }, [spotsKey]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(function fadeUnderTiles() {
    // Over map tiles the fills only tint; without tiles they are the map.
    layers.current?.kupang.setStyle({ fillOpacity: tiles ? 0.08 : 0.5 });
    layers.current?.maulafa.setStyle({ fillOpacity: tiles ? 0.12 : 0.45 });
  }, [tiles]);

  useEffect(function addDataAttribution() {
    const text = t("map.attribution");
    map.attributionControl?.addAttribution(text);
    return function removeDataAttribution() {
      map.attributionControl?.removeAttribution(text);
    };
  }, [map, t]);
  return null;
}
