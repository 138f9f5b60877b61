/**
 * Embedded store: one SQLite file (WAL, synchronous FULL) through better-sqlite3.
 * Documents are JSON in one table per collection; filters go through json_extract, with
 * expression indexes on the fields the services query.
 */
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Event } from "../../shared/domain.js";
import { log } from "../log.js";
import { newEpoch } from "./epoch.js";
import { Mutex } from "./mutex.js";
import { MIGRATIONS } from "./migrations.js";
import { StoreConflict, StoreUnavailable, type Collection, type Doc, type FindOptions, type LooseFilter, type LooseReadTx, type LooseTx, type ReadTx, type Store, type StoreHealth, type Tx } from "./port.js";

const field = (name: string) => (name === "id" ? "id" : `json_extract(doc, '$.${name}')`);

function checkedField(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`bad filter field ${name}`);
  return name;
}

function bindable(value: unknown): unknown {
  return typeof value === "boolean" ? (value ? 1 : 0) : value;
}

function where(filter: LooseFilter | undefined): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [name, cond] of Object.entries(filter ?? {})) {
    checkedField(name);
    if (typeof cond === "object") {
      if (cond.$in.length === 0) { parts.push("0"); continue; }
      parts.push(`${field(name)} IN (${cond.$in.map(() => "?").join(",")})`);
      params.push(...cond.$in.map(bindable));
    } else {
      parts.push(`${field(name)} = ?`);
      params.push(bindable(cond));
    }
  }
  return { sql: parts.length ? ` WHERE ${parts.join(" AND ")}` : "", params };
}

function rowToEvent(row: { seq: number; at: string; type: string; actor: string; data: string }): Event {
  return { seq: row.seq, at: row.at, type: row.type, actor: row.actor, data: JSON.parse(row.data) };
}

export interface SqliteOptions {
  file: string;
  now?: () => Date;
}

export class SqliteStore implements Store {
  readonly kind = "sqlite" as const;
  readonly epoch: string;
  private readonly db: Database.Database;
  // One connection serves all requests: a transaction's awaits must not interleave with another's.
  private readonly mutex = new Mutex();
  private readonly now: () => Date;
  private readonly listeners = new Set<(events: Event[]) => void>();
  /**
   * Prepared once per SQL text: preparing costs more than most of these queries. Capped, since `$in`
   * filters make one text per list length; past the cap a statement is prepared each time.
   */
  private readonly statements = new Map<string, Database.Statement>();
  private readonly sql = (text: string): Database.Statement => {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      if (this.statements.size < 500) this.statements.set(text, statement);
    }
    return statement;
  };

  constructor(options: SqliteOptions) {
    if (options.file !== ":memory:") mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.now = options.now ?? (() => new Date());
    try {
      // Inside the try: on a damaged file even these read the schema, and must say "damaged", not crash.
      this.db.pragma("journal_mode = WAL");
      // FULL: a commit is on disk before it is acknowledged (invariant 3, kill -9).
      this.db.pragma("synchronous = FULL");
      // Several processes may share the file (multi-process realtime); wait for the writer lock.
      this.db.pragma("busy_timeout = 10000");
      checkIntegrity(this.db);
      this.epoch = this.migrate();
    } catch (error) {
      this.db.close();
      throw storageFailure(error) ?? error;
    }
  }

  /** Whether the last write (or probe) went through, and the last failure of the storage itself. */
  private writable = true;
  private lastError: StoreHealth["lastError"];
  private probedAt = 0;

  /** A failure of the storage becomes StoreUnavailable and is remembered for health; anything else passes. */
  private failed(error: unknown): unknown {
    const failure = storageFailure(error);
    if (!failure) return error;
    this.writable = false;
    this.lastError = { at: new Date().toISOString(), code: failure.code, message: failure.message };
    log.error({ code: failure.code, err: (error as Error).message }, "store failure");
    return failure;
  }

  async health(): Promise<StoreHealth> {
    // A write that changes nothing still writes a WAL frame, so it finds a full or read-only disk: at most
    // every 5 s while the store is well, at every call while it fails (so recovery shows at once).
    if (!this.writable || Date.now() - this.probedAt > PROBE_EVERY_MS) {
      this.probedAt = Date.now();
      await this.mutex.run(async () => {
        try {
          this.db.exec("BEGIN IMMEDIATE; UPDATE meta SET epoch = epoch WHERE id = 1; COMMIT");
          this.writable = true;
        } catch (error) {
          if (this.db.inTransaction) try { this.db.exec("ROLLBACK"); } catch { /* the failure is recorded below */ }
          this.failed(error);
          this.writable = false;
        }
      });
    }
    return { writable: this.writable, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  /** Brings the schema up to date and returns the epoch, giving the data one if it has none. */
  private migrate(): string {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const done = this.db.pragma("user_version", { simple: true }) as number;
      for (let i = done; i < MIGRATIONS.length; i++) this.db.exec(MIGRATIONS[i]!);
      this.db.pragma(`user_version = ${MIGRATIONS.length}`);
      // Migration 3 writes the row; a file whose row was removed counts as reset and gets a new one.
      this.db.prepare("INSERT OR IGNORE INTO meta (id, epoch) VALUES (1, ?)").run(newEpoch());
      const epoch = readEpoch(this.db);
      this.db.exec("COMMIT");
      return epoch;
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }

  private readTx(): LooseReadTx {
    const sql = this.sql;
    return {
      async get<T extends Doc>(collection: Collection, id: string) {
        const row = sql(`SELECT doc FROM ${collection} WHERE id = ?`).get(id) as { doc: string } | undefined;
        return row ? (JSON.parse(row.doc) as T) : undefined;
      },
      async find<T extends Doc>(collection: Collection, filter?: LooseFilter, options?: FindOptions) {
        const w = where(filter);
        const order = options?.newestBy ? `${field(checkedField(options.newestBy))} DESC, rowid DESC` : "rowid";
        const limit = options?.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(options.limit))}` : "";
        const rows = sql(`SELECT doc FROM ${collection}${w.sql} ORDER BY ${order}${limit}`).all(...w.params) as { doc: string }[];
        return rows.map((r) => JSON.parse(r.doc) as T);
      },
      async count(collection: Collection, filter?: LooseFilter) {
        const w = where(filter);
        return (sql(`SELECT count(*) AS n FROM ${collection}${w.sql}`).get(...w.params) as { n: number }).n;
      },
      async lastSeq() {
        return (sql("SELECT coalesce(max(seq), 0) AS s FROM events").get() as { s: number }).s;
      },
    };
  }

  private writeTx(appended: Event[]): LooseTx {
    const sql = this.sql;
    const read = this.readTx();
    const now = this.now;
    return {
      get: read.get,
      find: read.find,
      count: read.count,
      async insert<T extends Doc>(collection: Collection, doc: Omit<T, "version">) {
        const stored = { ...doc, version: 1 } as T;
        try {
          sql(`INSERT INTO ${collection} (id, version, doc) VALUES (?, 1, ?)`).run(stored.id, JSON.stringify(stored));
        } catch (error) {
          throw translateConstraint(error, collection, stored.id);
        }
        return stored;
      },
      async replace<T extends Doc>(collection: Collection, doc: T) {
        const next = { ...doc, version: doc.version + 1 };
        let changes: number;
        try {
          changes = sql(`UPDATE ${collection} SET version = ?, doc = ? WHERE id = ? AND version = ?`)
            .run(next.version, JSON.stringify(next), doc.id, doc.version).changes;
        } catch (error) {
          throw translateConstraint(error, collection, doc.id);
        }
        if (changes !== 1) throw conflictFor(sql, collection, doc.id);
        return next;
      },
      async remove(collection: Collection, id: string, version: number) {
        const changes = sql(`DELETE FROM ${collection} WHERE id = ? AND version = ?`).run(id, version).changes;
        if (changes !== 1) throw conflictFor(sql, collection, id);
      },
      async append(event: { type: string; actor: string; data: unknown }) {
        const seq = (sql("SELECT coalesce(max(seq), 0) + 1 AS s FROM events").get() as { s: number }).s;
        // The event handed back (and broadcast) is the one the log keeps: data as JSON, not the caller's object.
        const data = JSON.stringify(event.data ?? null);
        const stored: Event = { seq, at: now().toISOString(), type: event.type, actor: event.actor, data: JSON.parse(data) };
        sql("INSERT INTO events (seq, at, type, actor, data) VALUES (?, ?, ?, ?, ?)")
          .run(seq, stored.at, stored.type, stored.actor, data);
        appended.push(stored);
        return stored;
      },
    };
  }

  async transact<T>(fn: (tx: Tx) => Promise<T>) {
    return this.mutex.run(async () => {
      const events: Event[] = [];
      // IMMEDIATE takes the write lock up front, so reads inside see what the writes will be checked against.
      try {
        this.db.exec("BEGIN IMMEDIATE");
        const result = await fn(this.writeTx(events) as unknown as Tx);
        this.db.exec("COMMIT");
        this.writable = true;
        // Still inside the mutex: listeners hear commits in seq order.
        if (events.length) this.notify(events);
        return { result, events };
      } catch (error) {
        // After a full disk even ROLLBACK may fail; SQLite has rolled back by itself then.
        if (this.db.inTransaction) try { this.db.exec("ROLLBACK"); } catch { /* see above */ }
        throw this.failed(error);
      }
    });
  }

  async read<T>(fn: (tx: ReadTx) => Promise<T>) {
    return this.mutex.run(async () => {
      try {
        this.db.exec("BEGIN DEFERRED");
        try {
          return await fn(this.readTx() as unknown as ReadTx);
        } finally {
          if (this.db.inTransaction) this.db.exec("COMMIT");
        }
      } catch (error) {
        throw this.failed(error);
      }
    });
  }

  async eventsSince(seq: number, limit: number) {
    return this.mutex.run(async () => {
      try {
        const rows = this.sql("SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?").all(seq, limit);
        return (rows as Parameters<typeof rowToEvent>[0][]).map(rowToEvent);
      } catch (error) {
        throw this.failed(error);
      }
    });
  }

  async lastSeq() {
    return this.mutex.run(async () => {
      try {
        return await this.readTx().lastSeq();
      } catch (error) {
        throw this.failed(error);
      }
    });
  }

  /** A listener's failure is logged, never turned into a failed write: the transaction has committed. */
  private notify(events: Event[]) {
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch (error) {
        log.error({ err: error }, "commit listener failed");
      }
    }
  }

  subscribe(listener: (events: Event[]) => void) {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  async close() {
    await this.mutex.run(async () => this.db.close());
  }
}

const PROBE_EVERY_MS = 5_000;

/** SQLite's result codes that mean the storage failed, not the statement: full, read-only, I/O, damaged, locked out. */
const STORAGE_CODES = /^SQLITE_(FULL|READONLY|IOERR|CORRUPT|NOTADB|CANTOPEN|BUSY|LOCKED|PROTOCOL|NOMEM|PERM)/;

function storageFailure(error: unknown): StoreUnavailable | undefined {
  if (error instanceof StoreUnavailable) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !STORAGE_CODES.test(code)) return undefined;
  return new StoreUnavailable(code, `The database cannot be used: ${(error as Error).message} (${code})`);
}

/** PRAGMA quick_check at open: a damaged file is refused before anything is served from it. */
function checkIntegrity(db: Database.Database): void {
  const rows = db.pragma("quick_check") as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== "ok");
  if (problems.length > 0) {
    throw new StoreUnavailable("SQLITE_CORRUPT", `${db.name} is damaged (PRAGMA quick_check: ${problems.slice(0, 3).join("; ")}); restore a backup (npm run restore)`);
  }
}

/** The epoch of an SQLite store's file (migration 3's `meta` row). */
export function readEpoch(db: Database.Database): string {
  const row = db.prepare("SELECT epoch FROM meta WHERE id = 1").get() as { epoch: string } | undefined;
  if (!row) throw new Error(`${db.name} has no epoch`);
  return row.epoch;
}

/** Gives an SQLite store's file a new epoch (after a restore): clients holding the old one reload. */
export function renewEpoch(db: Database.Database): string {
  const epoch = newEpoch();
  if (db.prepare("UPDATE meta SET epoch = ? WHERE id = 1").run(epoch).changes !== 1) throw new Error(`${db.name} has no epoch to renew`);
  return epoch;
}

function conflictFor(sql: (text: string) => Database.Statement, collection: Collection, id: string): StoreConflict {
  const row = sql(`SELECT version FROM ${collection} WHERE id = ?`).get(id) as { version: number } | undefined;
  return row ? new StoreConflict(collection, id, "version", row.version) : new StoreConflict(collection, id, "missing");
}

function translateConstraint(error: unknown, collection: Collection, id: string): unknown {
  const code = (error as { code?: string }).code;
  if (code === "SQLITE_CONSTRAINT_PRIMARYKEY") return new StoreConflict(collection, id, "exists");
  if (code === "SQLITE_CONSTRAINT_UNIQUE") return new StoreConflict(collection, id, "unique");
  return error;
}
