import { useEffect } from "react";
import { useMap } from "react-leaflet";

/** Tells Leaflet when its container changes size (a panel widened, a window resized). */
export function AutoResize() {
  const map = useMap();
  useEffect(function watchContainerSize() {
    const observer = new ResizeObserver(() => map.invalidateSize({ pan: false }));
    observer.observe(map.getContainer());
    return function stopWatching() {
      observer.disconnect();
    };
  }, [map]);
  return null;
}
