import L from "leaflet";
import { useMemo } from "react";
import type { Incident, LatLng } from "../../shared/domain.js";
import { useI18n, type I18n } from "../i18n/index.js";
import { severityColor } from "../model/derive.js";
import { tipElement } from "./tooltip.js";
import { useKeyedLayers, useLatest } from "./useKeyedLayers.js";

type ShapeKind = "circle" | "polygon" | "point";

interface IncidentItem {
  incident: Incident;
  selected: boolean;
}

/** One incident on the map: its area (none for a point), its centre dot, its command post. */
class IncidentShapes extends L.LayerGroup {
  post: L.CircleMarker | null = null;
  constructor(readonly shape: L.Circle | L.Polygon | null, readonly center: L.CircleMarker) {
    super(shape ? [shape, center] : [center]);
  }
}

function shapeKind(i: Incident): ShapeKind {
  return i.polygon ? "polygon" : i.radiusM ? "circle" : "point";
}

function ringLatLngs(ring: [number, number][]): [number, number][] {
  return ring.map(([lng, lat]) => [lat, lng]);
}

function incidentStyle(i: Incident, selected: boolean): L.PathOptions {
  const color = severityColor(i.severity);
  return {
    color, weight: selected ? 4 : 2, fillColor: color, fillOpacity: i.status === "contained" ? 0.08 : 0.2,
    dashArray: i.status === "contained" ? "6 6" : undefined,
  };
}

function postMarker(p: LatLng): L.CircleMarker {
  return L.circleMarker([p.lat, p.lng], { radius: 5, color: "#263238", weight: 2, fillColor: "#ffffff", fillOpacity: 1, interactive: false });
}

function incidentTip(i: Incident, { t, f }: I18n): HTMLElement {
  return tipElement(i.title, [
    `${t(`incidentType.${i.type}`)} · ${t("incident.severityN", { n: i.severity })} · ${t(`incidentStatus.${i.status}`)}`,
    ...(i.radiusM ? [t("map.incident.radius", { m: f.number(i.radiusM) })] : []),
    t("map.incident.needs", { n: f.number(i.needs.reduce((s, n) => s + n.count, 0)) }),
  ]);
}

function updateIncident(layer: IncidentShapes, { incident: i, selected }: IncidentItem, prev: IncidentItem) {
  if (i.version === prev.incident.version && selected === prev.selected) return;
  const style = incidentStyle(i, selected);
  layer.center.setLatLng([i.location.lat, i.location.lng]).setStyle({ fillColor: style.color! });
  if (layer.shape instanceof L.Circle) {
    layer.shape.setLatLng([i.location.lat, i.location.lng]).setRadius(i.radiusM ?? 0).setStyle(style);
  } else if (layer.shape && i.polygon) {
    layer.shape.setLatLngs(ringLatLngs(i.polygon)).setStyle(style);
  }
  const post = i.commandPost;
  if (post && layer.post) layer.post.setLatLng([post.lat, post.lng]);
  else if (post && !layer.post) layer.post = postMarker(post).addTo(layer);
  else if (!post && layer.post) {
    layer.removeLayer(layer.post);
    layer.post = null;
  }
}

/** Active and contained incidents: area (radius or polygon), a centre dot by severity, the command post. */
export function IncidentsLayer({ incidents, onIncidentClick, selectedIncidentId }: {
  incidents: ReadonlyMap<string, Incident>;
  onIncidentClick?: (id: string) => void;
  selectedIncidentId?: string | null;
}) {
  const i18n = useI18n();
  const latest = useLatest({ i18n, onIncidentClick });
  const items = useMemo(() => {
    const out = new Map<string, IncidentItem>();
    for (const [id, incident] of incidents) {
      if (incident.status !== "closed") out.set(id, { incident, selected: id === selectedIncidentId });
    }
    return out;
  }, [incidents, selectedIncidentId]);

  useKeyedLayers(items, {
    create({ incident: i, selected }, current, id) {
      const style = incidentStyle(i, selected);
      const kind = shapeKind(i);
      const shape = kind === "circle"
        ? L.circle([i.location.lat, i.location.lng], { ...style, radius: i.radiusM!, bubblingMouseEvents: false })
        : kind === "polygon"
          ? L.polygon(ringLatLngs(i.polygon!), { ...style, bubblingMouseEvents: false })
          : null;
      const center = L.circleMarker([i.location.lat, i.location.lng], {
        radius: 7, color: "#ffffff", weight: 2, fillColor: style.color!, fillOpacity: 1, bubblingMouseEvents: false,
      });
      for (const layer of [shape, center]) {
        if (!layer) continue;
        layer.bindTooltip(() => incidentTip(current().incident, latest.current.i18n), { sticky: true });
        layer.on("click", () => latest.current.onIncidentClick?.(id));
      }
      const shapes = new IncidentShapes(shape, center);
      if (i.commandPost) shapes.post = postMarker(i.commandPost).addTo(shapes);
      return shapes;
    },
    update: updateIncident,
    rebuild: (item, prev) => shapeKind(item.incident) !== shapeKind(prev.incident),
  });
  return null;
}
