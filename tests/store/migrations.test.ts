/**
 * Frozen migrations (server/store/migrations.ts): the schema they build is the registry's, a released
 * migration never changes, and a database written by release 0.1.0 opens, keeps every record and event,
 * and takes new writes.
 */
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COLLECTIONS, ENTITIES, eventDataSchema, StateSnapshot, WireEvent, type EventType } from "../../shared/entities.js";
import { OPEN_STATES } from "../../shared/rules.js";
import { createApp } from "../../server/app.js";
import { MIGRATIONS } from "../../server/store/migrations.js";
import { SqliteStore } from "../../server/store/sqlite.js";
import { request } from "../helpers/http.js";

const FIXTURE = join(import.meta.dirname, "../fixtures/release-0.1.0/siaga.sqlite");
const FIXTURE_PASSWORD = "rahasia-uji-123";
const dir = mkdtempSync(join(tmpdir(), "siaga-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Row = { id: string; version: number; doc: string };
function dump(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    // A database of an older release lacks the tables of collections added since.
    const present = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
    const tables = Object.fromEntries(COLLECTIONS.filter((c) => present.has(c)).map((c) => [c, db.prepare(`SELECT id, version, doc FROM ${c} ORDER BY id`).all() as Row[]]));
    const events = db.prepare("SELECT * FROM events ORDER BY seq").all() as { seq: number; at: string; type: string; actor: string; data: string }[];
    const indexes = db.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string; tbl_name: string; sql: string }[];
    return { tables, events, indexes, userVersion: db.pragma("user_version", { simple: true }) as number };
  } finally {
    db.close();
  }
}

describe("frozen SQLite migrations", () => {
  it("release 0.1.0's migration is frozen: its text never changes", () => {
    expect(createHash("sha256").update(MIGRATIONS[0]!).digest("hex").slice(0, 16)).toBe("4a1c34f8dd3abad0");
  });

  it("migration 1, written out literally, builds exactly the schema release 0.1.0 computed", () => {
    const file = join(dir, "m1.sqlite");
    const db = new Database(file);
    db.exec(MIGRATIONS[0]!);
    const schema = (d: Database.Database) => d.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").all();
    const old = new Database(FIXTURE, { readonly: true });
    try {
      expect(schema(db)).toEqual(schema(old));
    } finally {
      db.close();
      old.close();
    }
  });

  it("a new database has exactly the registry's indexes, invariant 1's partial one over the shared OPEN_STATES", async () => {
    const file = join(dir, "fresh.sqlite");
    await new SqliteStore({ file }).close();
    const { indexes, userVersion } = dump(file);
    expect(userVersion).toBe(MIGRATIONS.length);
    const declared = COLLECTIONS.flatMap((c) => ENTITIES[c].indexes.map((i) => ({ ...i, table: c }))) as
      { name: string; table: string; fields: readonly string[]; unique?: boolean; openOnly?: boolean }[];
    expect(indexes.map((i) => i.name).sort()).toEqual(declared.map((i) => i.name).sort());
    for (const spec of declared) {
      const index = indexes.find((i) => i.name === spec.name)!;
      expect(index.tbl_name, spec.name).toBe(spec.table);
      expect(index.sql.startsWith(spec.unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX"), spec.name).toBe(true);
      expect(index.sql, spec.name).toContain(`(${spec.fields.map((f) => `json_extract(doc, '$.${f}')`).join(", ")})`);
      const where = /WHERE .* IN \(([^)]*)\)/.exec(index.sql);
      if (spec.openOnly) expect(where![1]!.split(",").map((x) => x.trim().replace(/'/g, "")).sort()).toEqual([...OPEN_STATES].sort());
      else expect(where, spec.name).toBeNull();
    }
  });

  it("migration 3 gives a database one random epoch, which reopening keeps", async () => {
    const a = join(dir, "epoch-a.sqlite");
    const b = join(dir, "epoch-b.sqlite");
    const first = new SqliteStore({ file: a });
    const epoch = first.epoch;
    await first.close();
    const other = new SqliteStore({ file: b });
    expect(other.epoch).not.toBe(epoch);
    await other.close();
    const again = new SqliteStore({ file: a });
    expect(again.epoch).toBe(epoch);
    await again.close();
    const db = new Database(a, { readonly: true });
    try {
      expect(db.prepare("SELECT id, epoch FROM meta").all()).toEqual([{ id: 1, epoch }]);
    } finally {
      db.close();
    }
  });

  it("a database written by release 0.1.0 opens, migrates, keeps every record (id and version) and every event, and takes new writes", async () => {
    const file = join(dir, "siaga.sqlite");
    copyFileSync(FIXTURE, file);
    const before = dump(file);
    expect(before.userVersion).toBe(1);
    expect(before.tables.assignments!.length).toBeGreaterThan(0);
    expect(before.tables.plans!.length).toBeGreaterThan(0);
    expect(new Set(before.tables.assignments!.map((r) => JSON.parse(r.doc).state))).toEqual(new Set(["requested", "confirmed", "active", "completed", "declined", "cancelled", "recalled"]));

    // Every event the old release wrote is one of the registry's types, with data its schema accepts.
    for (const raw of before.events) {
      const event = WireEvent.parse({ ...raw, data: JSON.parse(raw.data) });
      expect(eventDataSchema(event.type as EventType).safeParse(event.data).success, `${event.seq} ${event.type}`).toBe(true);
    }

    const store = new SqliteStore({ file });
    // No sweep: the old requests are long past the escalation time, and this test is about what migrating keeps.
    const app = await createApp({ store, sweepEveryMs: 0 });
    await new Promise<void>((resolve) => app.http.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(app.http.address() as { port: number }).port}`;
    try {
      const after = dump(file);
      expect(after.userVersion).toBe(MIGRATIONS.length);
      for (const c of COLLECTIONS) expect(after.tables[c], c).toEqual(before.tables[c] ?? []);
      expect(after.events).toEqual(before.events);

      // Passwords hashed by the old release still sign in.
      const login = await request(url, "POST", "/auth/login", { username: "koordinator", password: FIXTURE_PASSWORD });
      expect(login.status).toBe(200);
      const token = login.body.token as string;
      const state = await request(url, "GET", "/state", undefined, token);
      expect(state.status).toBe(200);
      const snapshot = StateSnapshot.parse(state.body);
      expect(snapshot.seq).toBe(before.events.at(-1)!.seq);
      // Release 0.1.0 had no epoch: migration 3 gave it one.
      expect(store.epoch).toMatch(/^[0-9a-f]{32}$/);
      expect(snapshot.epoch).toBe(store.epoch);
      expect(snapshot.assignments.map((a) => [a.id, a.version]).sort()).toEqual(before.tables.assignments!.map((r) => [r.id, r.version]).sort());
      expect(snapshot.plans.map((p) => p.id)).toEqual(before.tables.plans!.map((r) => r.id));

      // New writes: an incident, a plan (newest first in the snapshot, through the new index), an approval.
      const incident = await request(url, "POST", "/incidents", {
        type: "banjir", title: "Banjir baru", severity: 3, location: { lat: -10.19, lng: 123.63 }, needs: [{ skill: "logistik", count: 2, priority: 3 }],
      }, token);
      expect(incident.status).toBe(201);
      const plan = await request(url, "POST", "/plans", {}, token);
      expect(plan.status).toBe(201);
      const approved = await request(url, "POST", `/plans/${plan.body.id}/approve`, {}, token);
      expect(approved.status).toBe(200);
      expect(approved.body.approved.length).toBeGreaterThan(0);
      const later = StateSnapshot.parse((await request(url, "GET", "/state", undefined, token)).body);
      expect(later.plans[0]!.id).toBe(plan.body.id);
      expect(later.seq).toBeGreaterThan(snapshot.seq + approved.body.approved.length);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
