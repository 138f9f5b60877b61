/**
 * The storage port: a small transactional document store with an append-only event log.
 * Two adapters implement it (SQLite embedded, MongoDB) and one contract suite tests both
 * (tests/store/contract.ts). Domain rules live above it, in the services, written once.
 * Collections and their record types come from the entity registry (shared/entities.ts), so a read
 * returns the collection's record type and a filter names only fields that record has.
 */
import type { Event } from "../../shared/domain.js";
import { COLLECTIONS, type Collection, type Docs, type EventDataOf, type EventType } from "../../shared/entities.js";

export { COLLECTIONS, type Collection, type Docs };

/** Every stored document has an id and an optimistic version, bumped by each replace. */
export interface Doc {
  id: string;
  version: number;
}

type Scalar = string | number | boolean;
type ScalarKeys<D> = { [K in keyof D]-?: NonNullable<D[K]> extends Scalar ? K : never }[keyof D];
/**
 * Equality on top-level scalar fields of the record, or membership with `$in`. Deliberately tiny so both
 * adapters agree; a misspelt field does not compile.
 */
export type Filter<D> = { [K in ScalarKeys<D>]?: NonNullable<D[K]> | { $in: NonNullable<D[K]>[] } };

export interface FindOptions<D = Record<string, unknown>> {
  /** Newest first by this top-level field (ISO timestamps sort as text). */
  newestBy?: keyof D & string;
  limit?: number;
}

/** A new event: its data is what its type carries (shared/entities.ts). */
export type NewEvent<T extends EventType = EventType> = { type: T; actor: string; data: EventDataOf<T> };

/** A document to insert: the store sets the version. */
export type NewDoc<C extends Collection> = Omit<Docs[C], "version">;

/** What a transaction may read and write; all of it commits together or not at all. */
export interface Tx {
  get<C extends Collection>(collection: C, id: string): Promise<Docs[C] | undefined>;
  /** In insertion order, or newest first by a field with `newestBy`; at most `limit`. */
  find<C extends Collection>(collection: C, filter?: Filter<Docs[C]>, options?: FindOptions<Docs[C]>): Promise<Docs[C][]>;
  count<C extends Collection>(collection: C, filter?: Filter<Docs[C]>): Promise<number>;
  /** Fails with StoreConflict when the id exists. The document is stored with version 1. */
  insert<C extends Collection>(collection: C, doc: NewDoc<C>): Promise<Docs[C]>;
  /**
   * Conditional update: succeeds only when the stored version still equals `doc.version`;
   * stores and returns the document with version + 1. Fails with StoreConflict otherwise.
   */
  replace<C extends Collection>(collection: C, doc: Docs[C]): Promise<Docs[C]>;
  /** Conditional delete on the version, like replace. */
  remove(collection: Collection, id: string, version: number): Promise<void>;
  /** Appends one event to the log; its seq is the next gap-free number, assigned at commit order. */
  append<T extends EventType>(event: NewEvent<T>): Promise<Event>;
}

/** Reads that see one committed state. */
export type ReadTx = Pick<Tx, "get" | "find" | "count"> & { lastSeq(): Promise<number> };

export interface Store {
  readonly kind: "sqlite" | "mongodb";
  /**
   * The epoch of the data (shared/entities.ts), kept in the store and read once at open: the same
   * across restarts, new when the data is restored or reset. Every process must be restarted after a
   * restore (docs/operations.md), so reading it once is enough.
   */
  readonly epoch: string;
  /** Runs `fn` as one serializable transaction; retried by the adapter on transient conflicts. */
  transact<T>(fn: (tx: Tx) => Promise<T>): Promise<{ result: T; events: Event[] }>;
  /** Runs `fn` on one consistent committed snapshot. */
  read<T>(fn: (tx: ReadTx) => Promise<T>): Promise<T>;
  eventsSince(seq: number, limit: number): Promise<Event[]>;
  lastSeq(): Promise<number>;
  /**
   * Hears the events of each committed transaction of this process, in seq order: the adapter calls
   * listeners synchronously after the commit and before another transaction of this process can commit.
   */
  subscribe(listener: (events: Event[]) => void): () => void;
  /** Whether a write goes through now (probed at most every few seconds) and the last failure of the storage itself. */
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

export interface StoreHealth {
  writable: boolean;
  lastError?: { at: string; code: string; message: string };
}

/**
 * The storage itself failed (a full, read-only or failing disk, a damaged file, a database out of
 * reach): not the request's fault and not a bug, a 503 `store_unavailable` (issue 16, item 8).
 */
export class StoreUnavailable extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "StoreUnavailable";
  }
}

/**
 * The port without the registry's types, as the adapters implement it and the contract suite drives it:
 * any document in any collection. Services use `Tx`.
 */
export interface LooseTx {
  get<T extends Doc>(collection: Collection, id: string): Promise<T | undefined>;
  find<T extends Doc>(collection: Collection, filter?: LooseFilter, options?: FindOptions): Promise<T[]>;
  count(collection: Collection, filter?: LooseFilter): Promise<number>;
  insert<T extends Doc>(collection: Collection, doc: Omit<T, "version">): Promise<T>;
  replace<T extends Doc>(collection: Collection, doc: T): Promise<T>;
  remove(collection: Collection, id: string, version: number): Promise<void>;
  append(event: { type: string; actor: string; data: unknown }): Promise<Event>;
}
export type LooseFilter = Record<string, Scalar | { $in: Scalar[] }>;
export type LooseReadTx = Pick<LooseTx, "get" | "find" | "count"> & { lastSeq(): Promise<number> };

/** The loose view of a transaction (the same object), for the contract suite. */
export const loose = <T extends Tx | ReadTx>(tx: T): T extends Tx ? LooseTx : LooseReadTx => tx as never;

/** A conditional write lost: the document changed, vanished, or already exists. */
export class StoreConflict extends Error {
  constructor(
    readonly collection: Collection,
    readonly id: string,
    readonly reason: "version" | "exists" | "missing" | "unique",
    readonly currentVersion?: number,
  ) {
    super(`${collection}/${id}: ${reason}`);
    this.name = "StoreConflict";
  }
}
