/**
 * The map's cluster grid, which units and flows share: positions projected to the screen pixels of a
 * zoom, clustered by clusterPoints in cells of CELL_PX, centroids turned back into lat/lng.
 */
import type L from "leaflet";
import { useCallback, useSyncExternalStore } from "react";
import { useMap } from "react-leaflet";
import type { LatLng } from "../../shared/domain.js";
import { clusterPoints, type GridPoint } from "./cluster.js";

/** The side of a cell, in screen pixels. */
const CELL_PX = 44;
/** At and above this zoom every unit is drawn on its own. */
export const NO_CLUSTER_ZOOM = 15;

export interface MapCluster<T> {
  /** The cell (and group), the same for the same place at the same zoom. */
  key: string;
  members: T[];
  /** The members' centroid on screen; a lone member's own position. */
  center: LatLng;
}

/**
 * `items` clustered on the grid at `zoom`, in the order of their first members. Items whose `group`
 * differs never share a cluster.
 */
export function clusterOnMap<T>(
  map: L.Map,
  zoom: number,
  items: Iterable<T>,
  at: (item: T) => LatLng,
  group?: (item: T) => string,
): MapCluster<T>[] {
  const points: (GridPoint & { item: T })[] = [];
  for (const item of items) {
    const { lat, lng } = at(item);
    const { x, y } = map.project([lat, lng], zoom);
    points.push({ x, y, group: group?.(item), item });
  }
  return clusterPoints(points, CELL_PX).map((c) => {
    const members = c.members.map((p) => p.item);
    const center = c.count === 1 ? at(members[0]!) : map.unproject([c.x, c.y], zoom);
    return { key: c.key, members, center: { lat: center.lat, lng: center.lng } };
  });
}

/**
 * The map's zoom, re-rendering when a zoom ends. A store subscription, so React renders it before the
 * browser paints the new zoom: no frame shows the last zoom's clusters.
 */
export function useZoom(): number {
  const map = useMap();
  const subscribe = useCallback((onZoom: () => void) => {
    map.on("zoomend", onZoom);
    return function unsubscribe() {
      map.off("zoomend", onZoom);
    };
  }, [map]);
  return useSyncExternalStore(subscribe, () => map.getZoom());
}
