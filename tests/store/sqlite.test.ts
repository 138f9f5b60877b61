/** The store contract against SqliteStore on a real file (WAL, synchronous FULL), a fresh one per test. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { OPEN_STATES } from "../../shared/domain.js";
import { SqliteStore } from "../../server/store/sqlite.js";
import { storeContract } from "./contract.js";

const dir = mkdtempSync(join(tmpdir(), "siaga-store-"));
let n = 0;
const file = () => join(dir, `store-${n}.sqlite`);

storeContract(
  "sqlite",
  async () => new SqliteStore({ file: file() }),
  async () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file() + suffix, { force: true });
    n++;
  },
  { writesWaitForReads: true },
);

it("the partial unique index behind invariant 1 lists exactly the shared OPEN_STATES", async () => {
  const path = join(dir, "index.sqlite");
  await new SqliteStore({ file: path }).close();
  const db = new Database(path, { readonly: true });
  const { sql } = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'assignments_one_open'").get() as { sql: string };
  db.close();
  const listed = /IN \(([^)]*)\)/.exec(sql)![1]!.split(",").map((x) => x.trim().replace(/'/g, ""));
  expect(listed.sort()).toEqual([...OPEN_STATES].sort());
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
