/**
 * The storage port: a small transactional document store with an append-only event log.
 * Two adapters implement it (SQLite embedded, MongoDB) and one contract suite tests both
 * (tests/store/contract.ts). Domain rules live above it, in the services, written once.
 */
import type { Event } from "../../shared/domain.js";

export const COLLECTIONS = ["units", "staff", "incidents", "spikes", "releases", "assignments", "plans", "users", "sessions"] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** Every stored document has an id and an optimistic version, bumped by each replace. */
export interface Doc {
  id: string;
  version: number;
}

type Scalar = string | number | boolean;
/** Equality on top-level fields, or membership with `$in`. Deliberately tiny so both adapters agree. */
export type Filter = Record<string, Scalar | { $in: Scalar[] }>;

export interface NewEvent {
  type: string;
  actor: string;
  data: unknown;
}

/** What a transaction may read and write; all of it commits together or not at all. */
export interface Tx {
  get<T extends Doc>(collection: Collection, id: string): Promise<T | undefined>;
  find<T extends Doc>(collection: Collection, filter?: Filter): Promise<T[]>;
  count(collection: Collection, filter?: Filter): Promise<number>;
  /** Fails with StoreConflict when the id exists. The document is stored with version 1. */
  insert<T extends Doc>(collection: Collection, doc: Omit<T, "version">): Promise<T>;
  /**
   * Conditional update: succeeds only when the stored version still equals `doc.version`;
   * stores and returns the document with version + 1. Fails with StoreConflict otherwise.
   */
  replace<T extends Doc>(collection: Collection, doc: T): Promise<T>;
  /** Conditional delete on the version, like replace. */
  remove(collection: Collection, id: string, version: number): Promise<void>;
  /** Appends one event to the log; its seq is the next gap-free number, assigned at commit order. */
  append(event: NewEvent): Promise<Event>;
}

/** Reads that see one committed state. */
export type ReadTx = Pick<Tx, "get" | "find" | "count"> & { lastSeq(): Promise<number> };

export interface Store {
  readonly kind: "sqlite" | "mongodb";
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
  close(): Promise<void>;
}

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
