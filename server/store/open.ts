/** Chooses the store adapter from configuration (DESIGN "Storage"). */
import { join } from "node:path";
import type { Store } from "./port.js";
import { SqliteStore } from "./sqlite.js";

export interface OpenStoreOptions {
  /** Where the embedded SQLite file lives (`DATA_DIR`). */
  dataDir: string;
  /** `MONGODB_URI`: when set, MongoDB (a replica set) instead of SQLite. */
  mongodbUri?: string | undefined;
  now?: (() => Date) | undefined;
}

/** The embedded store's file in a data dir; backups and restores (server/ops/) work on it too. */
export function sqliteFileOf(dataDir: string): string {
  return join(dataDir, "siaga.sqlite");
}

/** MongoStore when `mongodbUri` is set (database from the URI path, default `siaga`), else SQLite at `<dataDir>/siaga.sqlite`. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.mongodbUri) {
    // Loaded only when used: the embedded default needs nothing from the driver.
    const { MongoStore } = await import("./mongodb.js");
    return MongoStore.open({ uri: options.mongodbUri, ...(options.now ? { now: options.now } : {}) });
  }
  return new SqliteStore({ file: sqliteFileOf(options.dataDir), ...(options.now ? { now: options.now } : {}) });
}
