/**
 * The keyed counterpart of react-leaflet's element hook: one Leaflet layer per key of a map of items,
 * built once and kept in a ref, brought up to date field by field when its item changes, and removed when
 * its key goes. A live map with a thousand units then restyles a handful of markers per change instead
 * of rebuilding a thousand.
 */
import L from "leaflet";
import { useEffect, useRef } from "react";
import { useMap } from "react-leaflet";

export interface KeyedLayerSpec<T extends object, O extends L.Layer> {
  /**
   * Builds a key's layer, once. `current` reads the key's item as it is at the time of the call: what a
   * tooltip or a click handler bound here must use, not `item`.
   */
  create(item: T, current: () => T, key: string): O;
  /** Brings the layer from `prev` to `item`, touching only what changed. */
  update?(layer: O, item: T, prev: T): void;
  /** True when the layer cannot be brought to `item` (its kind changed) and is built anew. */
  rebuild?(item: T, prev: T): boolean;
  /** Whether the layer is on the map (default: always). A hidden layer is kept, and still updated. */
  shown?(item: T): boolean;
}

interface Entry<T, O> {
  layer: O;
  item: T;
}

/**
 * Keeps one layer per key of `items` in a layer group on the map. Items are compared by identity: an
 * unchanged item costs nothing, a changed one goes through `spec.update`. Keys are visited in the order
 * of `items`, so new layers are added (and drawn) in that order.
 */
export function useKeyedLayers<T extends object, O extends L.Layer>(items: ReadonlyMap<string, T>, spec: KeyedLayerSpec<T, O>): void {
  const map = useMap();
  const layers = useRef<{ group: L.LayerGroup; entries: Map<string, Entry<T, O>> } | null>(null);

  useEffect(function addKeyedGroup() {
    const group = L.layerGroup().addTo(map);
    layers.current = { group, entries: new Map() };
    return function removeKeyedGroup() {
      group.remove();
      layers.current = null;
    };
  }, [map]);

  useEffect(function syncKeyedLayers() {
    const own = layers.current;
    if (!own) return;
    const { group, entries } = own;
    const place = (layer: O, item: T) => {
      const shown = spec.shown?.(item) ?? true;
      if (shown && !group.hasLayer(layer)) group.addLayer(layer);
      else if (!shown && group.hasLayer(layer)) group.removeLayer(layer);
    };
    for (const [key, entry] of entries) {
      const item = items.get(key);
      if (item === undefined || spec.rebuild?.(item, entry.item)) {
        group.removeLayer(entry.layer);
        entries.delete(key);
      }
    }
    for (const [key, item] of items) {
      const entry = entries.get(key);
      if (entry) {
        if (entry.item === item) continue;
        const prev = entry.item;
        entry.item = item;
        spec.update?.(entry.layer, item, prev);
        place(entry.layer, item);
        continue;
      }
      const created = { item } as Entry<T, O>;
      created.layer = spec.create(item, () => created.item, key);
      entries.set(key, created);
      place(created.layer, item);
    }
    // `spec` is this render's: layers read later props through `current` and useLatest, not through it.
    // `map` is here because a new map means a new, empty group (addKeyedGroup) to fill again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, items]);
}

/** A ref to this render's value, for handlers bound once (a tooltip, a click) that must see the latest props. */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
