import L from "leaflet";
import { useEffect, useRef } from "react";
import { useMap } from "react-leaflet";
import type { LatLng } from "../../shared/domain.js";

/** A point to look at (a staff member's post): marked and centred once per position. */
export function FocusLayer({ point, label }: { point: LatLng | null; label: string }) {
  const map = useMap();
  const marker = useRef<L.CircleMarker | null>(null);
  useEffect(function showFocus() {
    if (!point) return;
    const m = L.circleMarker([point.lat, point.lng], { radius: 11, color: "#0d47a1", weight: 4, fillColor: "#ffeb3b", fillOpacity: 1 })
      .bindTooltip(label, { permanent: true, direction: "top", offset: [0, -10], className: "focus-label" })
      .addTo(map);
    marker.current = m;
    map.setView([point.lat, point.lng], Math.max(map.getZoom(), 15));
    return function removeFocus() {
      m.remove();
      marker.current = null;
    };
  }, [map, point?.lat, point?.lng]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(function relabelFocus() {
    marker.current?.setTooltipContent(label);
  }, [label]);
  return null;
}

/** Flies to a point once per `n`, close enough to tell a unit from its neighbours. */
export function ZoomTo({ point, n }: { point: LatLng; n: number }) {
  const map = useMap();
  useEffect(function zoomToPoint() {
    map.flyTo([point.lat, point.lng], Math.max(map.getZoom(), 16), { duration: 0.5 });
  }, [map, n]); // eslint-disable-line react-hooks/exhaustive-deps
  return null;
}
