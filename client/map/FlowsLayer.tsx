import L from "leaflet";
import { useDeferredValue, useMemo } from "react";
import { useMap } from "react-leaflet";
import type { LatLng } from "../../shared/domain.js";
import { useI18n } from "../i18n/index.js";
import type { Flow } from "../model/derive.js";
import { clusterOnMap, NO_CLUSTER_ZOOM, useZoom, type MapCluster } from "./grid.js";
import { tipElement } from "./tooltip.js";
import { useKeyedLayers, useLatest } from "./useKeyedLayers.js";

interface FlowLine {
  from: LatLng;
  to: LatLng;
  count: number;
  donors: string[];
  siteKind: string;
  siteId: string;
}

const siteOf = (fl: Flow) => `${fl.siteKind}|${fl.siteId}`;

/**
 * Flows regrouped on the units' cluster grid at a zoom: one line per cell of donor units and site, from
 * the centroid of the cell's donors. Zoomed out over a province this is tens of lines, not thousands.
 * From NO_CLUSTER_ZOOM on, one line per flow.
 */
function flowLines(map: L.Map, flows: ReadonlyMap<string, Flow>, zoom: number): Map<string, FlowLine> {
  const cells: MapCluster<Flow>[] = zoom < NO_CLUSTER_ZOOM
    ? clusterOnMap(map, zoom, flows.values(), (fl) => fl.from, siteOf)
    : [...flows.values()].map((fl) => ({ key: `${fl.fromUnitId}|${siteOf(fl)}`, members: [fl], center: fl.from }));
  const out = new Map<string, FlowLine>();
  for (const { key, members, center } of cells) {
    const first = members[0]!;
    out.set(key, {
      from: center, to: first.to, count: members.reduce((s, fl) => s + fl.count, 0), donors: members.map((fl) => fl.fromUnitId),
      siteKind: first.siteKind, siteId: first.siteId,
    });
  }
  return out;
}

function flowWeight(count: number): number {
  return 2 + Math.min(8, Math.log2(count + 1) * 1.5);
}

function updateFlow(line: L.Polyline, fl: FlowLine, was: FlowLine) {
  if (was.from.lat !== fl.from.lat || was.from.lng !== fl.from.lng || was.to.lat !== fl.to.lat || was.to.lng !== fl.to.lng) {
    line.setLatLngs([[fl.from.lat, fl.from.lng], [fl.to.lat, fl.to.lng]]);
  }
  if (was.count !== fl.count) line.setStyle({ weight: flowWeight(fl.count) });
}

/** Lines from donor units to the site their people went to (open assignments), width by head count. */
export function FlowsLayer({ flows, unitName, siteName, dark = false }: {
  flows: ReadonlyMap<string, Flow>;
  dark?: boolean;
  unitName: (id: string) => string;
  siteName: (kind: string, id: string) => string;
}) {
  const map = useMap();
  const i18n = useI18n();
  // After the units: a zoom re-shows unit dots first, then redraws the lines over them (canvas order).
  const zoom = useDeferredValue(useZoom());
  const latest = useLatest({ i18n, unitName, siteName });
  const lines = useMemo(() => flowLines(map, flows, zoom), [map, flows, zoom]);

  useKeyedLayers(lines, {
    create(fl, current) {
      // `dark` is fixed for a map's lifetime
      const line = L.polyline([[fl.from.lat, fl.from.lng], [fl.to.lat, fl.to.lng]], {
        color: dark ? "#90caf9" : "#283593", weight: flowWeight(fl.count), opacity: dark ? 0.8 : 0.65, dashArray: "8 6", bubblingMouseEvents: false,
      });
      line.bindTooltip(() => {
        const cur = current();
        const { i18n: { t, f }, unitName, siteName } = latest.current;
        const from = cur.donors.length === 1 ? unitName(cur.donors[0]!) : t("map.flow.units", { n: f.number(cur.donors.length) });
        return tipElement(t("map.flow.title", { n: f.number(cur.count) }), [`${from} → ${siteName(cur.siteKind, cur.siteId)}`]);
      }, { sticky: true });
      return line;
    },
    update: updateFlow,
  });
  return null;
}
