/**
 * The ordering core of the live client: a snapshot plus the events applied on top of it, in strict seq
 * order. No socket and no DOM here, so the gap/duplicate/reorder logic is tested on its own.
 */
import type { Event } from "../../shared/domain.js";
import {
  collectionOfEvent, EVENT_TYPES, eventDataSchema, SNAPSHOT_COLLECTIONS, type EventType, type SnapshotCollection, type StateSnapshot, type Wire,
} from "../../shared/entities.js";
import { ShardedMap } from "./sharded-map.js";

/** One read-only map per snapshot collection of the registry (shared/entities.ts), by id. */
export type Collections = { [C in SnapshotCollection]: ReadonlyMap<string, Wire[C]> };
export type CollectionName = SnapshotCollection;
const COLLECTIONS = SNAPSHOT_COLLECTIONS;
const KNOWN_TYPES = new Set<string>(EVENT_TYPES);

/**
 * One immutable view of the state. A collection keeps its identity until a change touches it, so
 * derived data can be memoised per collection (the units layer does not recompute when only a
 * release changed). Collections are sharded maps: a change copies one shard, not 100,000 staff.
 */
export interface LiveState extends Collections {
  seq: number;
  /** The server store's epoch this state belongs to (null from a server that names none). */
  epoch: string | null;
  /** The latest applied events, newest last (for a ticker); empty right after a snapshot. */
  recent: readonly Event[];
}

export type OfferResult = {
  /** Events applied now (in seq order). */
  applied: number;
  /** Events dropped because their seq was already applied. */
  duplicates: number;
  /** True when events beyond a missing seq wait in the buffer: the caller must fetch the missing ones. */
  gap: boolean;
};

export interface StoreOptions {
  /** How many applied events `recent` keeps. */
  recentLimit?: number;
  /** Past this many buffered out-of-order events the buffer is dropped and a snapshot is needed. */
  maxBuffered?: number;
  /** Called for an event whose data does not match the shared schema (it is skipped, seq advances). */
  onInvalid?: (event: Event, message: string) => void;
}

type MutableMaps = { [K in CollectionName]: ShardedMap<unknown> };

/** The ordered state of the live feed: apply a snapshot, then offer events in any order. */
export class LiveStore {
  private maps: MutableMaps = emptyMaps();
  /** Maps handed out in a view: they are copied before the next write (copy-on-write). */
  private exposed = new Set<CollectionName>();
  private view: LiveState | null = null;
  private lastSeq: number | null = null;
  private lastEpoch: string | null = null;
  private readonly pending = new Map<number, Event>();
  private recent: Event[] = [];
  private recentExposed = false;
  private readonly recentLimit: number;
  private readonly maxBuffered: number;
  private readonly onInvalid: StoreOptions["onInvalid"];
  /** Set when the buffer overflowed: only a fresh snapshot can repair the state. */
  needsSnapshot = false;

  constructor(options: StoreOptions = {}) {
    this.recentLimit = options.recentLimit ?? 50;
    this.maxBuffered = options.maxBuffered ?? 20_000;
    this.onInvalid = options.onInvalid;
  }

  /** The seq of the last applied event or snapshot; null before the first snapshot. */
  get seq(): number | null {
    return this.lastSeq;
  }

  /** The epoch of the state (shared/entities.ts): its seqs mean something only within it. */
  get epoch(): string | null {
    return this.lastEpoch;
  }

  /** True when events wait in the buffer behind a missing seq. */
  get hasGap(): boolean {
    return this.pending.size > 0;
  }

  get bufferedCount(): number {
    return this.pending.size;
  }

  /** Replaces the whole state; buffered events newer than the snapshot are applied after it. */
  applySnapshot(snapshot: Omit<StateSnapshot, "seq" | "epoch">, seq: number, epoch: string | null = null): OfferResult {
    const maps = emptyMaps();
    for (const name of COLLECTIONS) {
      const list = (snapshot as Partial<Record<CollectionName, readonly { id: string }[]>>)[name] ?? [];
      const map = maps[name];
      for (const item of list) map.set(item.id, item);
    }
    this.maps = maps;
    this.exposed.clear();
    this.lastSeq = seq;
    this.lastEpoch = epoch;
    this.needsSnapshot = false;
    this.recent = [];
    this.recentExposed = false;
    this.view = null;
    for (const s of this.pending.keys()) if (s <= seq) this.pending.delete(s);
    return this.drain(0);
  }

  /** Back to no state at all, as before the first snapshot (the server's store was restored or reset). */
  reset(): void {
    this.maps = emptyMaps();
    this.exposed.clear();
    this.lastSeq = null;
    this.lastEpoch = null;
    this.pending.clear();
    this.needsSnapshot = false;
    this.recent = [];
    this.recentExposed = false;
    this.view = null;
  }

  /** Drops the buffered events; those that are real come again with the next resume. */
  dropBuffered(): void {
    this.pending.clear();
  }

  /**
   * Offers events from a push or a resume ack, in any order. Applies every event whose seq is next,
   * drops those already applied, and buffers the rest until the missing seqs arrive.
   */
  offer(events: readonly Event[]): OfferResult {
    let duplicates = 0;
    for (const event of events) {
      if (this.lastSeq !== null && event.seq <= this.lastSeq) duplicates++;
      else if (this.pending.has(event.seq)) duplicates++;
      else this.pending.set(event.seq, event);
    }
    if (this.pending.size > this.maxBuffered) {
      // Something is badly behind: holding more would only grow memory; a snapshot repairs it.
      this.pending.clear();
      this.needsSnapshot = true;
    }
    return this.drain(duplicates);
  }

  /** The current immutable view; null before the first snapshot. */
  getState(): LiveState | null {
    if (this.lastSeq === null) return null;
    if (!this.view) {
      for (const name of COLLECTIONS) {
        this.maps[name].freeze();
        this.exposed.add(name);
      }
      this.recentExposed = true;
      this.view = { seq: this.lastSeq, epoch: this.lastEpoch, recent: this.recent, ...(this.maps as unknown as Collections) };
    }
    return this.view;
  }

  private drain(duplicates: number): OfferResult {
    let applied = 0;
    if (this.lastSeq !== null) {
      for (let next = this.pending.get(this.lastSeq + 1); next; next = this.pending.get(this.lastSeq + 1)) {
        this.pending.delete(next.seq);
        this.apply(next);
        applied++;
      }
    }
    return { applied, duplicates, gap: this.pending.size > 0 || this.needsSnapshot };
  }

  private apply(event: Event): void {
    this.lastSeq = event.seq;
    this.view = null;
    if (this.recentExposed) {
      this.recent = this.recent.slice();
      this.recentExposed = false;
    }
    this.recent.push(event);
    if (this.recent.length > this.recentLimit) this.recent.splice(0, this.recent.length - this.recentLimit);

    const collection = collectionOfEvent(event.type);
    // A fact about nothing a client holds (e.g. an account): it still takes its seq.
    if (!collection || !(COLLECTIONS as readonly string[]).includes(collection)) return;
    if (!KNOWN_TYPES.has(event.type)) {
      this.onInvalid?.(event, `unknown event type ${event.type}`);
      return;
    }
    const name = collection as CollectionName;
    if (event.type.endsWith(".deleted")) {
      // A deletion carries only the id (the server's `unit.deleted` / `staff.deleted`).
      const id = (event.data as { id?: unknown } | null)?.id;
      if (typeof id === "string") this.writable(name).delete(id);
      else this.onInvalid?.(event, "a deletion without an id");
      return;
    }
    const parsed = eventDataSchema(event.type as EventType).safeParse(event.data);
    if (!parsed.success) {
      this.onInvalid?.(event, parsed.error.message);
      return;
    }
    const map = this.writable(name);
    const data = parsed.data as { id: string; phone?: string };
    // Broadcasts never carry a phone; keep the one the snapshot gave this role, replace everything else
    // (a field removed by the change must disappear, so no general merge).
    if (name === "staff") {
      const prev = map.get(data.id) as { phone?: string } | undefined;
      if (prev?.phone !== undefined && data.phone === undefined) {
        map.set(data.id, { ...data, phone: prev.phone });
        return;
      }
    }
    map.set(data.id, data);
  }

  private writable(name: CollectionName): ShardedMap<unknown> {
    if (this.exposed.has(name)) {
      this.maps[name] = this.maps[name].draft();
      this.exposed.delete(name);
    }
    return this.maps[name];
  }
}

function emptyMaps(): MutableMaps {
  return Object.fromEntries(COLLECTIONS.map((c) => [c, ShardedMap.empty()])) as MutableMaps;
}
