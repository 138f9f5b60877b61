/** The store contract against SqliteStore on a real file (WAL, synchronous FULL), a fresh one per test. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
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

afterAll(() => rmSync(dir, { recursive: true, force: true }));
