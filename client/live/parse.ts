/**
 * Validates a snapshot with the shared schemas item by item, in time slices: at province scale
 * (100,000 staff) one `StateSnapshot.parse` blocks the page for most of a second, long enough for a
 * screen to freeze. An invalid item is dropped and reported instead of failing the whole snapshot.
 */
import type { z } from "zod";
import { ENTITIES, SNAPSHOT_COLLECTIONS, type SnapshotCollection, type StateSnapshot } from "../../shared/entities.js";

const SLICE_MS = 12;

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Parses `raw` (a snapshot body) into a StateSnapshot without its epoch (the ack names it); `onInvalid` hears of each dropped item. */
export async function parseSnapshotSliced(
  raw: unknown,
  seq: number,
  onInvalid: (collection: string, index: number, message: string) => void,
  now: () => number = () => performance.now(),
): Promise<Omit<StateSnapshot, "epoch">> {
  const body = (raw ?? {}) as Record<string, unknown>;
  const out = { seq } as Omit<StateSnapshot, "epoch">;
  let sliceStart = now();
  for (const name of SNAPSHOT_COLLECTIONS) {
    const schema = ENTITIES[name].wire as z.ZodType;
    const list = Array.isArray(body[name]) ? (body[name] as unknown[]) : [];
    const parsed: unknown[] = [];
    for (let i = 0; i < list.length; i++) {
      const r = schema.safeParse(list[i]);
      if (r.success) parsed.push(r.data);
      else onInvalid(name, i, r.error.message);
      if ((i & 255) === 255 && now() - sliceStart > SLICE_MS) {
        await yieldToPage();
        sliceStart = now();
      }
    }
    (out as unknown as Record<SnapshotCollection, unknown[]>)[name] = parsed;
  }
  return out;
}
