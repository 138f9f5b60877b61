/**
 * An immutable-by-convention map split into shards, so a copy-on-write touches one shard instead of the
 * whole collection: with 100,000 staff, applying one event after a view was handed out copies about
 * 1,600 entries, not 100,000. Iteration order is by shard, not by insertion (nothing relies on it).
 */
const SHARDS = 64;
/** How many earlier versions `changedSince` can reach back; older links are cut so memory stays bounded. */
const HISTORY = 8;

function shardOf(key: string): number {
  // FNV-1a, folded to the shard count.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % SHARDS;
}

export class ShardedMap<V> implements ReadonlyMap<string, V> {
  private readonly shards: Map<string, V>[];
  private count: number;
  /** Shards this instance owns and may write; null once it has been handed out (frozen). */
  private owned: Set<number> | null;
  /** The version this one was drafted from, and the keys written since: lets readers update incrementally. */
  private parent: ShardedMap<V> | null;
  private readonly changes = new Set<string>();

  private constructor(shards: Map<string, V>[], count: number, owned: Set<number> | null, parent: ShardedMap<V> | null) {
    this.shards = shards;
    this.count = count;
    this.owned = owned;
    this.parent = parent;
  }

  static empty<V>(): ShardedMap<V> {
    return new ShardedMap<V>(Array.from({ length: SHARDS }, () => new Map()), 0, new Set(Array.from({ length: SHARDS }, (_, i) => i)), null);
  }

  /** A writable copy that shares every shard until it writes to it. */
  draft(): ShardedMap<V> {
    let ancestor: ShardedMap<V> | null = this;
    for (let i = 1; i < HISTORY && ancestor; i++) ancestor = ancestor.parent;
    if (ancestor) ancestor.parent = null;
    return new ShardedMap(this.shards.slice(), this.count, new Set(), this);
  }

  /**
   * The keys set or deleted since `older` (an earlier version of this map), or null when `older` is not a
   * recent ancestor: then the caller recomputes from scratch.
   */
  changedSince(older: ReadonlyMap<string, V>): Set<string> | null {
    const keys = new Set<string>();
    let m: ShardedMap<V> | null = this;
    for (let depth = 0; m && depth <= HISTORY; depth++) {
      if (m === older) return keys;
      for (const k of m.changes) keys.add(k);
      m = m.parent;
    }
    return null;
  }

  /** No more writes: this instance is now shared with readers. */
  freeze(): this {
    this.owned = null;
    return this;
  }

  set(key: string, value: V): void {
    const shard = this.writable(key);
    if (this.parent) this.changes.add(key); // a root (snapshot) has nothing to diff against
    if (!shard.has(key)) this.count++;
    shard.set(key, value);
  }

  delete(key: string): boolean {
    const shard = this.writable(key);
    if (this.parent) this.changes.add(key); // a root (snapshot) has nothing to diff against
    const had = shard.delete(key);
    if (had) this.count--;
    return had;
  }

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    return this.shards[shardOf(key)]!.get(key);
  }

  has(key: string): boolean {
    return this.shards[shardOf(key)]!.has(key);
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const shard of this.shards) shard.forEach((v, k) => fn.call(thisArg, v, k, this));
  }

  *entries(): MapIterator<[string, V]> {
    for (const shard of this.shards) yield* shard.entries();
  }

  *keys(): MapIterator<string> {
    for (const shard of this.shards) yield* shard.keys();
  }

  *values(): MapIterator<V> {
    for (const shard of this.shards) yield* shard.values();
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  private writable(key: string): Map<string, V> {
    if (!this.owned) throw new Error("ShardedMap: write to a frozen map (take a draft first)");
    const i = shardOf(key);
    if (!this.owned.has(i)) {
      this.shards[i] = new Map(this.shards[i]);
      this.owned.add(i);
    }
    return this.shards[i]!;
  }
}
