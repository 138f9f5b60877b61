import L from "leaflet";
import { useEffect } from "react";
import { useMap } from "react-leaflet";

const TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

/** Slippy-map tile of a position at a zoom. */
function tileOf(lat: number, lng: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lng + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}

/**
 * Adds the OSM tile layer only once one tile has actually loaded (an Image probe), so without internet
 * the map shows the bundled boundaries and no grey broken tiles. Probes again every minute.
 */
export function TileProbe({ onTiles }: { onTiles: (on: boolean) => void }) {
  const map = useMap();
  useEffect(function probeTiles() {
    let cancelled = false;
    let layer: L.TileLayer | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const probe = () => {
      const c = map.getCenter();
      const z = 13;
      const { x, y } = tileOf(c.lat, c.lng, z);
      const img = new Image();
      img.onload = () => {
        if (cancelled) return;
        layer = L.tileLayer(TILE_URL, {
          maxZoom: 19,
          attribution: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>',
        });
        layer.addTo(map).bringToBack();
        onTiles(true);
      };
      img.onerror = () => {
        if (!cancelled) timer = setTimeout(probe, 60_000);
      };
      img.src = TILE_URL.replace("{z}", String(z)).replace("{x}", String(x)).replace("{y}", String(y));
    };
    probe();
    return function stopTiles() {
      cancelled = true;
      clearTimeout(timer);
      layer?.remove();
    };
  }, [map, onTiles]);
  return null;
}
