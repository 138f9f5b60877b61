/**
 * The map's units. Each creates its Leaflet objects once, keeps them in a ref keyed by entity id, and
 * updates them field by field when the data changes (setLatLng, setStyle, setRadius), so a live map with
 * a thousand units stays smooth. Vector layers draw on the map's canvas renderer (preferCanvas).
 */
import L from "leaflet";
import { useEffect, useRef } from "react";
import { useMap } from "react-leaflet";
import { useI18n, type I18n } from "../i18n/index.js";
import { LOAD_COLORS, type LoadLevel, type UnitAgg } from "../model/derive.js";
import { CELL_PX, NO_CLUSTER_ZOOM } from "./grid.js";
import { tipElement } from "./tooltip.js";

const LEVEL_RANK: Record<LoadLevel, number> = { ok: 0, warn: 1, over: 2 };

interface UnitMarker {
  marker: L.CircleMarker;
  level: LoadLevel;
  radius: number;
  lat: number;
  lng: number;
  selected: boolean;
}

let mapReadyMarked = false;

/**
 * `performance.mark("siaga:map-ready")`, once per page: the animation frame in which the units layer
 * first draws (the canvas renderer redraws in a frame callback queued before this one, cluster icons are
 * in the DOM). bench/client.ts reads its startTime as "time to first map render" from navigation start.
 */
function markMapReady(unitCount: number) {
  if (mapReadyMarked || unitCount === 0) return;
  mapReadyMarked = true;
  requestAnimationFrame(() => performance.mark("siaga:map-ready", { detail: { units: unitCount } }));
}

function unitRadius(agg: UnitAgg): number {
  return 5 + Math.min(9, Math.sqrt(agg.staffTotal) / 1.5);
}

function unitTip(agg: UnitAgg, { t, f }: I18n): HTMLElement {
  return tipElement(agg.unit.name, [
    t("map.unit.load", { load: f.number(agg.load, 2), level: t(`load.${agg.level}`) }),
    t("map.unit.staff", { home: f.number(agg.atHome), total: f.number(agg.staffTotal) }),
    t("map.unit.workload", { workload: f.number(agg.unit.workload, 1), extra: f.number(agg.spikeExtra, 1) }),
    ...(agg.lentOut ? [t("map.unit.lent", { n: f.number(agg.lentOut) })] : []),
    ...(agg.unit.approximate ? [t("map.unit.approximate")] : []),
  ]);
}

/**
 * Units as circle markers coloured by load, grouped into clusters when zoomed out. Markers are kept by
 * unit id; a state change restyles only those whose load level, size or position changed.
 */
export function UnitsLayer({ aggs, onUnitClick, selectedUnitId }: {
  aggs: ReadonlyMap<string, UnitAgg>;
  onUnitClick?: (unitId: string) => void;
  selectedUnitId?: string | null;
}) {
  const map = useMap();
  const i18n = useI18n();
  const markers = useRef(new Map<string, UnitMarker>());
  const groups = useRef<{ units: L.LayerGroup; clusters: L.LayerGroup; clusterMarkers: Map<string, L.Marker> } | null>(null);
  const latest = useRef({ aggs, i18n, onUnitClick });
  latest.current = { aggs, i18n, onUnitClick };

  useEffect(function addUnitGroups() {
    const units = L.layerGroup().addTo(map);
    const clusters = L.layerGroup().addTo(map);
    groups.current = { units, clusters, clusterMarkers: new Map() };
    const onZoom = () => recluster();
    map.on("zoomend", onZoom);
    return function removeUnitGroups() {
      map.off("zoomend", onZoom);
      units.remove();
      clusters.remove();
      markers.current.clear();
      groups.current = null;
    };
    // recluster reads refs only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map]);

  function recluster() {
    const g = groups.current;
    if (!g) return;
    const zoom = map.getZoom();
    const buckets = new Map<string, string[]>();
    if (zoom < NO_CLUSTER_ZOOM) {
      for (const [id, m] of markers.current) {
        const p = map.project([m.lat, m.lng], zoom);
        const key = `${Math.floor(p.x / CELL_PX)}:${Math.floor(p.y / CELL_PX)}`;
        const list = buckets.get(key);
        if (list) list.push(id);
        else buckets.set(key, [id]);
      }
    }
    const clustered = new Set<string>();
    const keep = new Set<string>();
    const { f } = latest.current.i18n;
    for (const [key, ids] of buckets) {
      if (ids.length < 2) continue;
      let worst: LoadLevel = "ok";
      let lat = 0, lng = 0;
      for (const id of ids) {
        clustered.add(id);
        const m = markers.current.get(id)!;
        if (LEVEL_RANK[m.level] > LEVEL_RANK[worst]) worst = m.level;
        lat += m.lat;
        lng += m.lng;
      }
      const ck = `${zoom}:${key}`;
      keep.add(ck);
      const label = f.compact(ids.length);
      const html = `<span>${label}</span>`;
      const className = `unit-cluster unit-cluster-${worst}`;
      const size = 26 + Math.min(22, Math.log2(ids.length) * 4);
      let marker = g.clusterMarkers.get(ck);
      const icon = L.divIcon({ html, className, iconSize: [size, size] });
      if (!marker) {
        marker = L.marker([lat / ids.length, lng / ids.length], { icon, keyboard: false, bubblingMouseEvents: false });
        const self = marker as L.Marker & { members?: string[] };
        marker.bindTooltip(() => latest.current.i18n.t("map.cluster", { n: latest.current.i18n.f.number(self.members?.length ?? 0) }));
        marker.on("click", () => {
          const members = [...(marker as L.Marker & { members?: string[] }).members ?? []];
          const bounds = L.latLngBounds(members.map((id) => {
            const mm = markers.current.get(id);
            return mm ? [mm.lat, mm.lng] as [number, number] : [lat / ids.length, lng / ids.length] as [number, number];
          }));
          map.fitBounds(bounds.pad(0.3), { maxZoom: NO_CLUSTER_ZOOM });
        });
        g.clusterMarkers.set(ck, marker);
        g.clusters.addLayer(marker);
      } else {
        marker.setLatLng([lat / ids.length, lng / ids.length]);
        const el = marker.getElement();
        if (!el || el.className.indexOf(`unit-cluster-${worst}`) < 0 || el.textContent !== label) marker.setIcon(icon);
      }
      (marker as L.Marker & { members?: string[] }).members = ids;
    }
    for (const [ck, marker] of g.clusterMarkers) {
      if (!keep.has(ck)) {
        g.clusters.removeLayer(marker);
        g.clusterMarkers.delete(ck);
      }
    }
    for (const [id, m] of markers.current) {
      const inGroup = g.units.hasLayer(m.marker);
      if (clustered.has(id) && inGroup) g.units.removeLayer(m.marker);
      else if (!clustered.has(id) && !inGroup) g.units.addLayer(m.marker);
    }
  }

  useEffect(function syncUnitMarkers() {
    const g = groups.current;
    if (!g) return;
    let moved = false;
    for (const [id, agg] of aggs) {
      const { lat, lng } = agg.unit.location;
      const radius = unitRadius(agg);
      const selected = id === selectedUnitId;
      const m = markers.current.get(id);
      if (!m) {
        const marker = L.circleMarker([lat, lng], {
          radius, color: selected ? "#0d47a1" : "#ffffff", weight: selected ? 3 : 1.5, fillColor: LOAD_COLORS[agg.level],
          fillOpacity: 0.9, bubblingMouseEvents: false,
        });
        marker.bindTooltip(() => {
          const a = latest.current.aggs.get(id);
          return a ? unitTip(a, latest.current.i18n) : "";
        });
        marker.on("click", () => latest.current.onUnitClick?.(id));
        markers.current.set(id, { marker, level: agg.level, radius, lat, lng, selected });
        moved = true;
        continue;
      }
      if (m.lat !== lat || m.lng !== lng) {
        m.marker.setLatLng([lat, lng]);
        m.lat = lat;
        m.lng = lng;
        moved = true;
      }
      if (m.level !== agg.level || m.selected !== selected) {
        m.marker.setStyle({ fillColor: LOAD_COLORS[agg.level], color: selected ? "#0d47a1" : "#ffffff", weight: selected ? 3 : 1.5 });
        if (m.level !== agg.level) moved = true; // a cluster's colour may change
        m.level = agg.level;
        m.selected = selected;
      }
      if (m.radius !== radius) {
        m.marker.setRadius(radius);
        m.radius = radius;
      }
    }
    for (const [id, m] of markers.current) {
      if (!aggs.has(id)) {
        g.units.removeLayer(m.marker);
        markers.current.delete(id);
        moved = true;
      }
    }
    if (moved) recluster();
    markMapReady(markers.current.size);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [aggs, selectedUnitId]);

  return null;
}
