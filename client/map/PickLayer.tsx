import L from "leaflet";
import { useEffect, useRef } from "react";
import { useMap } from "react-leaflet";
import type { LatLng } from "../../shared/domain.js";
import { useLatest } from "./useKeyedLayers.js";

/** Map clicks (to pick a location) and the picked point. */
export function PickLayer({ onPick, picked }: { onPick?: (p: LatLng) => void; picked?: LatLng | null }) {
  const map = useMap();
  const marker = useRef<L.CircleMarker | null>(null);
  const latestOnPick = useLatest(onPick);

  useEffect(function listenForPicks() {
    if (!onPick) return;
    const container = map.getContainer();
    container.classList.add("map-picking");
    const onClick = (e: L.LeafletMouseEvent) => latestOnPick.current?.({ lat: round6(e.latlng.lat), lng: round6(e.latlng.lng) });
    map.on("click", onClick);
    return function stopListening() {
      map.off("click", onClick);
      container.classList.remove("map-picking");
    };
  }, [map, !onPick]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(function showPicked() {
    if (!picked) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    if (marker.current) marker.current.setLatLng([picked.lat, picked.lng]);
    else {
      marker.current = L.circleMarker([picked.lat, picked.lng], {
        radius: 10, color: "#0d47a1", weight: 4, fillColor: "#42a5f5", fillOpacity: 0.6, interactive: false,
      }).addTo(map);
    }
  }, [map, picked]);

  useEffect(function removePickedOnUnmount() {
    return function removePicked() {
      marker.current?.remove();
      marker.current = null;
    };
  }, []);
  return null;
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
