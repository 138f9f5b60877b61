/**
 * MongoDB store through the official driver. Needs a replica set (or sharded cluster): the port's
 * transactions are MongoDB multi-document transactions.
 *
 * How it keeps the port's promises:
 * - Serializable writes (no write skew, invariant 2): snapshot isolation alone allows write skew,
 *   so every write transaction first increments one counters document. Any two write transactions
 *   that overlap in time then write the same document, one of them gets a WriteConflict
 *   (TransientTransactionError) and `withTransaction` runs it again on a newer snapshot. Committed
 *   write transactions are therefore totally ordered, and each one's snapshot holds every commit
 *   before it: reads inside a write transaction are exact, like SQLite's BEGIN IMMEDIATE.
 *   Within one process a FIFO lock orders write transactions as well: it saves the pointless
 *   collisions and lets `subscribe` listeners hear this process's commits in seq order, before the
 *   next commit. The counter collision is what holds across processes.
 * - Gap-free event seq (invariant 4): seq comes from the same counters document, incremented inside
 *   the transaction, so an aborted transaction rolls its numbers back.
 * - Durability (invariant 3): commits use write concern majority + journal.
 * - Conflicts never abort the server transaction: MongoDB aborts a transaction on any failed write
 *   (a duplicate key included), whereas the port (and SQLite) let a caller catch a StoreConflict and
 *   go on. Because write transactions are serialized, existence and unique constraints are checked
 *   with reads first; the unique indexes stay underneath as a backstop.
 * - Documents are stored as JSON values (`_id` = id) so both adapters hand back the same thing.
 */
import {
  MongoClient,
  MongoError,
  MongoErrorLabel,
  MongoServerError,
  WriteConcern,
  type ClientSession,
  type Collection as MongoCollection,
  type Db,
  type Document,
  type IndexDescription,
  type MongoClientOptions,
  type Timestamp,
  type TransactionOptions,
} from "mongodb";
import { setTimeout as sleep } from "node:timers/promises";
import type { Event } from "../../shared/domain.js";
import { ENTITIES, type IndexSpec } from "../../shared/entities.js";
import { isOpen as isOpenAssignment } from "../../shared/rules.js";
import { log } from "../log.js";
import { newEpoch } from "./epoch.js";
import { Mutex } from "./mutex.js";
import {
  COLLECTIONS, StoreConflict, StoreUnavailable, type Collection, type Doc, type FindOptions, type LooseFilter, type LooseReadTx, type LooseTx, type ReadTx, type Store,
  type StoreHealth, type Tx,
} from "./port.js";

interface Stored extends Document {
  _id: string;
}
interface StoredEvent {
  _id: number;
  at: string;
  type: string;
  actor: string;
  data: unknown;
}
interface Counter {
  _id: string;
  /** Last event seq handed out. */
  seq: number;
  /** Bumped by every write transaction: the serialisation point. */
  txn: number;
}

const COUNTER_ID = "events";

/** The one document of collection `meta`: the store's epoch (shared/entities.ts). */
interface Meta {
  _id: string;
  epoch: string;
}
const META_ID = "store";

/**
 * Derived field on open assignments, never shown to callers. It stands in for a partial index on
 * `state $in [...]`, which MongoDB only accepts from 6.0 on.
 */
const OPEN = "__open";

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;
function checked(name: string): string {
  if (!FIELD.test(name)) throw new Error(`bad filter field ${name}`);
  return name;
}

/** A unique constraint, checked by a read before each write and backed by a unique index. */
interface Unique {
  field: string;
  /** Whether the constraint covers this document (a partial index). */
  covers(doc: Record<string, unknown>): boolean;
  /** Extra query terms selecting the other documents the constraint covers. */
  scope: Document;
}

const isScalar = (v: unknown): v is string | number | boolean => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
/** Assignment states that count as open (invariant 1), as the registry's partial index says. */
const isOpen = (doc: Record<string, unknown>) => typeof doc.state === "string" && isOpenAssignment(doc as { state: never });

// The registry's indexes (shared/entities.ts), as SQLite's migrations also create them. Unique ones
// are partial so that documents lacking the field do not collide (SQLite treats NULLs as distinct;
// MongoDB indexes a missing field as null).
const onlyStrings = (field: string) => ({ [field]: { $type: "string" } });
function mongoIndex(spec: IndexSpec): IndexDescription {
  const key: Record<string, 1> = Object.fromEntries(spec.fields.map((f) => [f, 1]));
  if (!spec.unique) return { name: spec.name, key };
  const partial = Object.assign({}, ...spec.fields.map(onlyStrings));
  // Invariant 1's index: OPEN stands in for the partial filter on state, and being in the key it
  // also makes this index differ from assignments_staff (before 5.0 one key pattern is one index).
  if (spec.openOnly) return { name: spec.name, key: { ...key, [OPEN]: 1 }, unique: true, partialFilterExpression: { [OPEN]: true, ...partial } };
  return { name: spec.name, key, unique: true, partialFilterExpression: partial };
}
const indexesOf = (c: Collection): readonly IndexSpec[] => ENTITIES[c].indexes;
const INDEXES = Object.fromEntries(COLLECTIONS.map((c) => [c, indexesOf(c).map(mongoIndex)])) as Record<Collection, IndexDescription[]>;
const UNIQUE = Object.fromEntries(COLLECTIONS.map((c) => [c, indexesOf(c).filter((i) => i.unique).map((i): Unique => {
  const field = i.fields[0]!;
  return i.openOnly
    ? { field, covers: (d) => isScalar(d[field]) && isOpen(d), scope: { [OPEN]: true } }
    : { field, covers: (d) => isScalar(d[field]), scope: {} };
})])) as Record<Collection, Unique[]>;

const DURABLE = new WriteConcern("majority", undefined, true);
const TRANSACTION: TransactionOptions = { readConcern: { level: "snapshot" }, writeConcern: DURABLE, readPreference: "primary" };

/** A deep copy as JSON would carry it: what SQLite stores, so both adapters return the same values. */
function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}

/** Equality on a top-level scalar. MongoDB would also match an array holding the value; SQLite does not. */
function scalarMatch(cond: Document): Document {
  return { ...cond, $not: { $type: "array" } };
}

function toQuery(filter: LooseFilter | undefined): Document {
  const query: Document = {};
  for (const [name, cond] of Object.entries(filter ?? {})) {
    checked(name);
    if (typeof cond === "object") {
      if (cond === null || !Array.isArray(cond.$in)) throw new Error(`bad filter on ${name}`);
      query[name === "id" ? "_id" : name] = name === "id" ? { $in: cond.$in } : scalarMatch({ $in: cond.$in });
    } else {
      query[name === "id" ? "_id" : name] = name === "id" ? cond : scalarMatch({ $eq: cond });
    }
  }
  return query;
}

function toStored(collection: Collection, doc: Record<string, unknown>): Stored {
  const { id, _id: _ignored, [OPEN]: _derived, ...fields } = doc;
  const stored: Stored = { _id: String(id), ...fields };
  if (collection === "assignments" && isOpen(fields)) stored[OPEN] = true;
  return stored;
}

function fromStored<T>(stored: Stored): T {
  const { _id, [OPEN]: _derived, ...fields } = stored;
  return { id: _id, ...fields } as unknown as T;
}

function toEvent(stored: StoredEvent): Event {
  return { seq: stored._id, at: stored.at, type: stored.type, actor: stored.actor, data: stored.data };
}

function isTransient(error: unknown): boolean {
  return error instanceof MongoError && error.hasErrorLabel(MongoErrorLabel.TransientTransactionError);
}

/**
 * One attempt of one transaction. Operations run one at a time (the driver does not support
 * parallel operations in a transaction, and callers may use Promise.all). Once a server operation
 * has failed the server transaction is gone, so later operations fail the same way and the attempt
 * ends with that error even if the caller swallowed it — a transient one makes withTransaction retry.
 */
class Attempt {
  private readonly lock = new Mutex();
  private ended = false;
  failure: unknown;

  constructor(readonly session: ClientSession) {}

  run<T>(op: () => Promise<T>, onDuplicate?: (error: MongoServerError) => StoreConflict): Promise<T> {
    return this.lock.run(async () => {
      if (this.ended) throw new Error("store transaction already ended: await every tx call inside the callback");
      if (this.failure !== undefined) throw this.failure;
      try {
        return await op();
      } catch (error) {
        if (!(error instanceof MongoError)) throw error;
        this.failure = error instanceof MongoServerError && error.code === 11000 && onDuplicate ? onDuplicate(error) : error;
        throw this.failure;
      }
    });
  }

  /** Called when the caller's function has returned: commit only what the server still holds. */
  end(): void {
    this.ended = true;
    if (this.failure !== undefined) throw this.failure;
  }

  /** Called when the caller's function threw: a transient failure beneath it means "run again". */
  endWith(error: unknown): unknown {
    this.ended = true;
    return isTransient(this.failure) ? this.failure : error;
  }
}

export interface MongoStoreOptions {
  uri: string;
  /** Default: the database named in the URI path, else "siaga". */
  dbName?: string;
  now?: () => Date;
  /** Extra driver options (e.g. serverSelectionTimeoutMS in tests). */
  clientOptions?: MongoClientOptions;
}

/** The database named in a MongoDB connection string's path, if any. */
export function databaseNameFromUri(uri: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/(?:[^@/]*@)?[^/?]*(?:\/([^?#]*))?/.exec(uri);
  const name = match?.[1] ? decodeURIComponent(match[1]) : "";
  return name === "" ? undefined : name;
}

export class MongoStore implements Store {
  readonly kind = "mongodb" as const;
  private storeEpoch = "";
  private readonly counters: MongoCollection<Counter>;
  private readonly events: MongoCollection<StoredEvent>;
  // Operation time of this process's latest commit: reads start after it (read your own writes,
  // even through a majority snapshot that has not caught up yet).
  private lastCommit: Timestamp | undefined;
  private readonly writes = new Mutex();
  private readonly listeners = new Set<(events: Event[]) => void>();

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly now: () => Date,
  ) {
    this.counters = db.collection<Counter>("counters");
    this.events = db.collection<StoredEvent>("events");
  }

  get epoch(): string {
    return this.storeEpoch;
  }

  /** Connects, checks for a replica set, and creates collections, indexes, the counter and the epoch if missing. */
  static async open(options: MongoStoreOptions): Promise<MongoStore> {
    const client = new MongoClient(options.uri, {
      readConcern: { level: "majority" },
      writeConcern: DURABLE,
      ignoreUndefined: true,
      ...options.clientOptions,
    });
    await client.connect();
    try {
      const db = client.db(options.dbName ?? databaseNameFromUri(options.uri) ?? "siaga");
      const store = new MongoStore(client, db, options.now ?? (() => new Date()));
      await store.checkReplicaSet();
      await store.ensureSchema();
      return store;
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  private async checkReplicaSet() {
    const admin = this.db.admin();
    // `hello` from 4.4.2 on (and late 4.2s); `isMaster` before.
    const hello = await admin.command({ hello: 1 }).catch(() => admin.command({ isMaster: 1 }));
    if (!hello.setName && hello.msg !== "isdbgrid") {
      throw new Error("MongoStore needs a replica set or sharded cluster for transactions (a standalone mongod will not do); e.g. start mongod with --replSet rs0 and run rs.initiate()");
    }
  }

  private async ensureSchema() {
    const existing = new Set((await this.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
    // Created up front: MongoDB before 4.4 cannot create a collection inside a transaction.
    for (const name of [...COLLECTIONS, "events", "counters", "meta"]) {
      if (existing.has(name)) continue;
      try {
        await this.db.createCollection(name);
      } catch (error) {
        // Another process created it first.
        if (!(error instanceof MongoServerError && error.code === 48)) throw error;
      }
    }
    for (const collection of COLLECTIONS) {
      const indexes = INDEXES[collection];
      if (indexes.length) await this.db.collection(collection).createIndexes(indexes);
    }
    // The counter never runs behind the log (e.g. after restoring only the events).
    const last = await this.events.find({}, { sort: { _id: -1 }, limit: 1, projection: { _id: 1 } }).toArray();
    await this.counters.updateOne(
      { _id: COUNTER_ID },
      { $max: { seq: last[0]?._id ?? 0 }, $setOnInsert: { txn: 0 } },
      { upsert: true },
    );
    // A database without one (new, or restored without its `meta` collection) gets a new epoch;
    // concurrent starts agree on whichever insert won.
    const meta = this.db.collection<Meta>("meta");
    try {
      await meta.updateOne({ _id: META_ID }, { $setOnInsert: { epoch: newEpoch() } }, { upsert: true });
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    }
    const found = await meta.findOne({ _id: META_ID });
    if (!found?.epoch) throw new Error("MongoStore: the meta document has no epoch");
    this.storeEpoch = found.epoch;
  }

  private docs(collection: Collection): MongoCollection<Stored> {
    return this.db.collection<Stored>(collection);
  }

  private startSession(): ClientSession {
    const session = this.client.startSession({ causalConsistency: true });
    if (this.lastCommit) session.advanceOperationTime(this.lastCommit);
    return session;
  }

  private remember(session: ClientSession) {
    const time = session.operationTime;
    if (time && (!this.lastCommit || time.greaterThan(this.lastCommit))) this.lastCommit = time;
  }

  private readTx(attempt: Attempt, seq: number): LooseReadTx {
    const { session } = attempt;
    return {
      get: <T extends Doc>(collection: Collection, id: string) =>
        attempt.run(async () => {
          const stored = await this.docs(collection).findOne({ _id: id }, { session });
          return stored ? fromStored<T>(stored) : undefined;
        }),
      find: <T extends Doc>(collection: Collection, filter?: LooseFilter, options?: FindOptions) =>
        attempt.run(async () => {
          const query = toQuery(filter);
          // Insertion order is _id order only for the adapters' own ids; newestBy sorts on the field.
          const sort: Document = options?.newestBy ? { [checked(options.newestBy)]: -1, _id: -1 } : { _id: 1 };
          const limit = options?.limit === undefined ? undefined : Math.max(0, Math.floor(options.limit));
          // limit(0) means "no limit" to MongoDB; to the port it means none.
          if (limit === 0) return [];
          const stored = await this.docs(collection).find(query, { session, sort, ...(limit ? { limit } : {}) }).toArray();
          return stored.map((s) => fromStored<T>(s));
        }),
      count: (collection: Collection, filter?: LooseFilter) =>
        attempt.run(async () => {
          const query = toQuery(filter);
          return this.docs(collection).countDocuments(query, { session });
        }),
      lastSeq: async () => seq,
    };
  }

  private writeTx(attempt: Attempt, appended: Event[]): LooseTx {
    const { session } = attempt;
    const read = this.readTx(attempt, 0);
    const conflictFor = async (collection: Collection, id: string) => {
      const current = await this.docs(collection).findOne({ _id: id }, { session, projection: { version: 1 } });
      return current ? new StoreConflict(collection, id, "version", current.version as number) : new StoreConflict(collection, id, "missing");
    };
    const checkUnique = async (collection: Collection, doc: Record<string, unknown> & Doc) => {
      for (const rule of UNIQUE[collection]) {
        if (!rule.covers(doc)) continue;
        const query = { ...rule.scope, [rule.field]: scalarMatch({ $eq: doc[rule.field] }), _id: { $ne: doc.id } };
        const clash = await this.docs(collection).findOne(query, { session, projection: { _id: 1 } });
        if (clash) throw new StoreConflict(collection, doc.id, "unique");
      }
    };
    const duplicate = (collection: Collection, id: string) => (error: MongoServerError) =>
      new StoreConflict(collection, id, error.keyPattern && "_id" in error.keyPattern ? "exists" : "unique");

    return {
      get: read.get,
      find: read.find,
      count: read.count,
      insert: <T extends Doc>(collection: Collection, doc: Omit<T, "version">) =>
        attempt.run(async () => {
          const stored = asJson({ ...doc, version: 1 }) as unknown as T & Record<string, unknown>;
          const coll = this.docs(collection);
          if (await coll.findOne({ _id: stored.id }, { session, projection: { _id: 1 } })) {
            throw new StoreConflict(collection, stored.id, "exists");
          }
          await checkUnique(collection, stored);
          await coll.insertOne(toStored(collection, stored), { session });
          return stored as T;
        }, duplicate(collection, doc.id)),
      replace: <T extends Doc>(collection: Collection, doc: T) =>
        attempt.run(async () => {
          const next = asJson({ ...doc, version: doc.version + 1 }) as T & Record<string, unknown>;
          const coll = this.docs(collection);
          if (UNIQUE[collection].length) {
            // A stale version is reported before a unique clash, as SQLite does.
            const current = await coll.findOne({ _id: doc.id }, { session, projection: { version: 1 } });
            if (current?.version !== doc.version) throw await conflictFor(collection, doc.id);
            await checkUnique(collection, next);
          }
          const { _id, ...replacement } = toStored(collection, next);
          const result = await coll.replaceOne({ _id, version: doc.version }, replacement, { session });
          if (result.matchedCount !== 1) throw await conflictFor(collection, doc.id);
          return next as T;
        }, duplicate(collection, doc.id)),
      remove: (collection: Collection, id: string, version: number) =>
        attempt.run(async () => {
          const result = await this.docs(collection).deleteOne({ _id: id, version }, { session });
          if (result.deletedCount !== 1) throw await conflictFor(collection, id);
        }),
      append: (event: { type: string; actor: string; data: unknown }) =>
        attempt.run(async () => {
          const counter = await this.counters.findOneAndUpdate(
            { _id: COUNTER_ID },
            { $inc: { seq: 1 } },
            { session, returnDocument: "after" },
          );
          if (!counter) throw new Error("MongoStore: the counters document is missing");
          const stored: Event = { seq: counter.seq, at: this.now().toISOString(), type: event.type, actor: event.actor, data: asJson(event.data) };
          await this.events.insertOne({ _id: stored.seq, at: stored.at, type: stored.type, actor: stored.actor, data: stored.data }, { session });
          appended.push(stored);
          return stored;
        }),
    };
  }

  private lastError: StoreHealth["lastError"];

  /** A network, selection or write-concern failure of MongoDB is StoreUnavailable (503) and is remembered for health. */
  private failed(error: unknown): unknown {
    const name = (error as { name?: unknown } | null)?.name;
    if (typeof name !== "string" || !/^Mongo(Network|ServerSelection|NotConnected|WriteConcern|Topology)/.test(name)) return error;
    this.lastError = { at: new Date().toISOString(), code: name, message: (error as Error).message };
    return new StoreUnavailable(name, `The database cannot be reached: ${(error as Error).message}`);
  }

  async health(): Promise<StoreHealth> {
    let writable = true;
    try {
      await this.db.command({ ping: 1 });
    } catch (error) {
      this.failed(error);
      writable = false;
    }
    return { writable, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  async transact<T>(fn: (tx: Tx) => Promise<T>): Promise<{ result: T; events: Event[] }> {
    return this.writes.run(async () => {
      const outcome = await this.transactOnce(fn).catch((error: unknown) => { throw this.failed(error); });
      // Still holding the lock: listeners hear this process's commits in seq order.
      if (outcome.events.length) this.publish(outcome.events);
      return outcome;
    });
  }

  private publish(events: Event[]) {
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch (error) {
        // The transaction has committed; a listener's failure must not read as the write's.
        log.error({ err: error }, "store listener failed");
      }
    }
  }

  subscribe(listener: (events: Event[]) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private async transactOnce<T>(fn: (tx: Tx) => Promise<T>): Promise<{ result: T; events: Event[] }> {
    const session = this.startSession();
    let attempts = 0;
    try {
      const outcome = await session.withTransaction(async () => {
        // withTransaction retries at once; under contention a little jitter lets the holder finish.
        if (attempts++ > 0) await sleep(Math.random() * Math.min(100, 2 ** attempts));
        const attempt = new Attempt(session);
        const events: Event[] = [];
        // The serialisation point: overlapping write transactions collide here (see file comment).
        const counter = await attempt.run(() =>
          this.counters.findOneAndUpdate({ _id: COUNTER_ID }, { $inc: { txn: 1 } }, { session, projection: { _id: 1 } }),
        );
        if (!counter) throw new Error("MongoStore: the counters document is missing");
        let result: T;
        try {
          result = await fn(this.writeTx(attempt, events) as unknown as Tx);
        } catch (error) {
          throw attempt.endWith(error);
        }
        attempt.end();
        return { result, events };
      }, TRANSACTION);
      this.remember(session);
      return outcome;
    } finally {
      await session.endSession();
    }
  }

  async read<T>(fn: (tx: ReadTx) => Promise<T>): Promise<T> {
    const session = this.startSession();
    try {
      // A read-only transaction: every read comes from one snapshot, and no write is ever blocked.
      return await session.withTransaction(async () => {
        const attempt = new Attempt(session);
        const counter = await attempt.run(() => this.counters.findOne({ _id: COUNTER_ID }, { session }));
        let result: T;
        try {
          result = await fn(this.readTx(attempt, counter?.seq ?? 0) as unknown as ReadTx);
        } catch (error) {
          throw attempt.endWith(error);
        }
        attempt.end();
        return result;
      }, TRANSACTION);
    } finally {
      await session.endSession();
    }
  }

  async eventsSince(seq: number, limit: number): Promise<Event[]> {
    // limit(0) means "no limit" to MongoDB; to the port it means none.
    if (!(limit > 0)) return [];
    const session = this.startSession();
    try {
      const stored = await this.events.find({ _id: { $gt: seq } }, { session, sort: { _id: 1 }, limit }).toArray();
      return stored.map(toEvent);
    } finally {
      await session.endSession();
    }
  }

  async lastSeq(): Promise<number> {
    const session = this.startSession();
    try {
      return (await this.counters.findOne({ _id: COUNTER_ID }, { session }))?.seq ?? 0;
    } finally {
      await session.endSession();
    }
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.writes.run(() => this.client.close());
  }
}
