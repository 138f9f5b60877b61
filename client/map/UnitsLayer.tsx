import L from "leaflet";
import { useEffect, useMemo } from "react";
import { useMap } from "react-leaflet";
import type { LatLng } from "../../shared/domain.js";
import { useI18n, type Formatters, type I18n } from "../i18n/index.js";
import { LOAD_COLORS, type LoadLevel, type UnitAgg } from "../model/derive.js";
import { clusterOnMap, NO_CLUSTER_ZOOM, useZoom } from "./grid.js";
import { tipElement } from "./tooltip.js";
import { useKeyedLayers, useLatest } from "./useKeyedLayers.js";

const LEVEL_RANK: Record<LoadLevel, number> = { ok: 0, warn: 1, over: 2 };

interface UnitDot {
  agg: UnitAgg;
  radius: number;
  selected: boolean;
  /** Inside a cluster: kept, not drawn. */
  clustered: boolean;
}

interface UnitCluster {
  center: LatLng;
  /** The worst load level among the members. */
  level: LoadLevel;
  label: string;
  ids: string[];
  /** The members' positions: a click fits the map to them. */
  points: [number, number][];
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

function dotStyle({ agg, selected }: UnitDot): L.PathOptions {
  return { fillColor: LOAD_COLORS[agg.level], color: selected ? "#0d47a1" : "#ffffff", weight: selected ? 3 : 1.5 };
}

function updateDot(marker: L.CircleMarker, dot: UnitDot, was: UnitDot) {
  const { lat, lng } = dot.agg.unit.location;
  if (lat !== was.agg.unit.location.lat || lng !== was.agg.unit.location.lng) marker.setLatLng([lat, lng]);
  if (dot.agg.level !== was.agg.level || dot.selected !== was.selected) marker.setStyle(dotStyle(dot));
  if (dot.radius !== was.radius) marker.setRadius(dot.radius);
}

/** Units sharing a grid cell at `zoom` (two or more), keyed by zoom and cell; none from NO_CLUSTER_ZOOM on. */
function unitClusters(map: L.Map, aggs: ReadonlyMap<string, UnitAgg>, zoom: number, f: Formatters): Map<string, UnitCluster> {
  const out = new Map<string, UnitCluster>();
  if (zoom >= NO_CLUSTER_ZOOM) return out;
  for (const { key, members, center } of clusterOnMap(map, zoom, aggs.values(), (agg) => agg.unit.location)) {
    if (members.length < 2) continue;
    let level: LoadLevel = "ok";
    for (const agg of members) if (LEVEL_RANK[agg.level] > LEVEL_RANK[level]) level = agg.level;
    out.set(`${zoom}:${key}`, {
      center, level, label: f.compact(members.length), ids: members.map((agg) => agg.unit.id),
      points: members.map((agg) => [agg.unit.location.lat, agg.unit.location.lng]),
    });
  }
  return out;
}

function clusterIcon(c: UnitCluster): L.DivIcon {
  const size = 26 + Math.min(22, Math.log2(c.ids.length) * 4);
  return L.divIcon({ html: `<span>${c.label}</span>`, className: `unit-cluster unit-cluster-${c.level}`, iconSize: [size, size] });
}

function updateCluster(marker: L.Marker, c: UnitCluster, was: UnitCluster) {
  if (c.center.lat !== was.center.lat || c.center.lng !== was.center.lng) marker.setLatLng([c.center.lat, c.center.lng]);
  if (c.level !== was.level || c.label !== was.label) marker.setIcon(clusterIcon(c));
}

/**
 * Units as circle markers coloured by load, grouped into clusters when zoomed out. Markers are kept by
 * unit id; a state change restyles only those whose load level, size, selection or position changed.
 */
export function UnitsLayer({ aggs, onUnitClick, selectedUnitId }: {
  aggs: ReadonlyMap<string, UnitAgg>;
  onUnitClick?: (unitId: string) => void;
  selectedUnitId?: string | null;
}) {
  const map = useMap();
  const i18n = useI18n();
  const zoom = useZoom();
  const latest = useLatest({ i18n, onUnitClick });
  const clusters = useMemo(() => unitClusters(map, aggs, zoom, i18n.f), [map, aggs, zoom, i18n.f]);
  const dots = useMemo(() => {
    const clustered = new Set<string>();
    for (const c of clusters.values()) for (const id of c.ids) clustered.add(id);
    const out = new Map<string, UnitDot>();
    for (const [id, agg] of aggs) {
      out.set(id, { agg, radius: unitRadius(agg), selected: id === selectedUnitId, clustered: clustered.has(id) });
    }
    return out;
  }, [aggs, selectedUnitId, clusters]);

  useKeyedLayers(dots, {
    create(dot, current, id) {
      const { lat, lng } = dot.agg.unit.location;
      const marker = L.circleMarker([lat, lng], { radius: dot.radius, ...dotStyle(dot), fillOpacity: 0.9, bubblingMouseEvents: false });
      marker.bindTooltip(() => unitTip(current().agg, latest.current.i18n));
      marker.on("click", () => latest.current.onUnitClick?.(id));
      return marker;
    },
    update: updateDot,
    shown: (dot) => !dot.clustered,
  });

  useKeyedLayers(clusters, {
    create(c, current) {
      const marker = L.marker([c.center.lat, c.center.lng], { icon: clusterIcon(c), keyboard: false, bubblingMouseEvents: false });
      marker.bindTooltip(() => latest.current.i18n.t("map.cluster", { n: latest.current.i18n.f.number(current().ids.length) }));
      marker.on("click", () => {
        map.fitBounds(L.latLngBounds(current().points).pad(0.3), { maxZoom: NO_CLUSTER_ZOOM });
      });
      return marker;
    },
    update: updateCluster,
  });

  useEffect(function markFirstDraw() {
    markMapReady(dots.size);
  }, [dots]);
  return null;
}
