/**
 * Issue 16, item 8, on a real SQLite file: a full or read-only database answers 503 `store_unavailable`
 * (never 500 `internal`) and changes nothing; health says whether a write goes through and names the
 * last store failure, and answers 503 while the store fails; a damaged file is refused at open.
 * SQLite's own limits make the disk "full" (max_page_count: SQLITE_FULL) and "read-only" (query_only:
 * SQLITE_READONLY) through the same code paths a real disk takes.
 */
import type Database from "better-sqlite3";
import { closeSync, openSync, statSync, writeSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreUnavailable } from "../../server/store/port.js";
import { SqliteStore } from "../../server/store/sqlite.js";
import { makeUnit } from "../helpers/fixtures.js";
import { request, startServer, type Client, type TestServer } from "../helpers/server.js";

const dbOf = (store: SqliteStore) => (store as unknown as { db: Database.Database }).db;

describe("[16.8] a failing store answers 503", () => {
  let server: TestServer;
  let coord: Client;
  beforeAll(async () => {
    server = await startServer({ seed: "accounts" });
    coord = await server.as("koordinator");
  });
  afterAll(() => server.close());

  it("a full database: the write is 503 store_unavailable, nothing is stored, reads go on, health names the failure", async () => {
    const db = dbOf(server.store);
    const before = (await coord.get("/units")).body.length;
    const seq = (await coord.get("/events?limit=1")).body.lastSeq;
    db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true })}`);
    let res;
    for (let i = 0; i < 500; i++) {
      res = await coord.post("/units", { code: `penuh-${i}`, name: `Unit ${"x".repeat(150)}`, kind: "dinas", location: { lat: -10.2, lng: 123.6 }, kelurahan: "53.71.02.1001", floor: 0, workload: 1 });
      if (res.status !== 201) break;
    }
    expect(res!.status).toBe(503);
    expect(res!.body.error.code).toBe("store_unavailable");
    const stored = (await coord.get("/units")).body.length;
    const health = await request(server.url, "GET", "/health");
    expect(health.body.lastStoreError?.code ?? health.body.error?.details?.lastStoreError?.code).toBe("SQLITE_FULL");
    // Every 201 before the failure has its event, and the refused write left neither record nor event.
    expect(stored - before).toBe((await coord.get("/events?limit=1")).body.lastSeq - seq);
    expect((await coord.get("/units")).body.some((u: { code: string }) => u.code === `penuh-${stored - before}`)).toBe(false);
    db.pragma("max_page_count = 1073741823");
    expect((await makeUnit(coord)).id).toBeTruthy();
    const healed = await request(server.url, "GET", "/health");
    expect(healed.status).toBe(200);
    expect(healed.body).toMatchObject({ writable: true, lastStoreError: { code: "SQLITE_FULL" } });
  });

  it("a read-only database: writes and health are 503, reads still answer, and it recovers at once", async () => {
    const db = dbOf(server.store);
    const units = (await coord.get("/units")).body.length;
    db.pragma("query_only = 1");
    try {
      const write = await coord.post("/units", { code: "baca-saja", name: "Unit", kind: "dinas", location: { lat: -10.2, lng: 123.6 }, kelurahan: "53.71.02.1001", floor: 0, workload: 1 });
      expect(write.status).toBe(503);
      expect(write.body.error.code).toBe("store_unavailable");
      const health = await request(server.url, "GET", "/health");
      expect(health.status).toBe(503);
      expect(health.body.error).toMatchObject({ code: "store_unavailable", details: { writable: false, lastStoreError: { code: expect.stringMatching(/^SQLITE_READONLY/) } } });
      expect((await coord.get("/units")).body.length).toBe(units);
    } finally {
      db.pragma("query_only = 0");
    }
    const health = await request(server.url, "GET", "/health");
    expect(health.status).toBe(200);
    expect(health.body.writable).toBe(true);
  });
});

describe("[16.8] PRAGMA quick_check at open", () => {
  const dir = mkdtempSync(join(tmpdir(), "siaga-damaged-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a damaged file is refused with StoreUnavailable saying so, not opened", async () => {
    const file = join(dir, "siaga.sqlite");
    const store = new SqliteStore({ file });
    await store.transact(async (tx) => {
      for (let i = 0; i < 200; i++) await tx.insert("units", { id: `u${i}`, code: `c${i}`, name: "x".repeat(200) } as never);
    });
    await store.close();
    // Garbage over every page but the header page.
    const size = statSync(file).size;
    const fd = openSync(file, "r+");
    for (let at = 4096; at < size; at += 4096) writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, at);
    closeSync(fd);
    let error: unknown;
    try {
      new SqliteStore({ file });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreUnavailable);
    expect((error as Error).message).toMatch(/damaged|malformed|not a database/i);
  });
});
