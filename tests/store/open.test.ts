/** Choosing the adapter from configuration; parts of the MongoDB adapter that need no server. */
import { transact } from "./loose.js";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { afterAll, describe, expect, test, vi } from "vitest";
import { databaseNameFromUri, MongoStore } from "../../server/store/mongodb.js";
import { openStore } from "../../server/store/open.js";

const dir = mkdtempSync(join(tmpdir(), "siaga-open-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("openStore", () => {
  test("without mongodbUri it opens SQLite at <dataDir>/siaga.sqlite, creating the folder", async () => {
    const dataDir = join(dir, "nested", "data");
    const store = await openStore({ dataDir, now: () => new Date("2022-02-23T00:00:00.000Z") });
    try {
      expect(store.kind).toBe("sqlite");
      expect(existsSync(join(dataDir, "siaga.sqlite"))).toBe(true);
      const { events } = await transact(store, (tx) => tx.append({ type: "t", actor: "t", data: null }));
      expect(events[0]?.at).toBe("2022-02-23T00:00:00.000Z");
    } finally {
      await store.close();
    }
  });

  test("an unreachable MongoDB fails openStore with the driver's error instead of hanging", async () => {
    // Not a stopwatch (a busy machine is slow at anything): the driver must run with the URI's
    // 300 ms server selection timeout, and openStore must end with the driver's selection error.
    const connect = vi.spyOn(MongoClient.prototype, "connect");
    try {
      const error = await openStore({ dataDir: dir, mongodbUri: "mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=300" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe("MongoServerSelectionError");
      expect(connect).toHaveBeenCalledTimes(1);
      expect((connect.mock.contexts[0] as MongoClient).options.serverSelectionTimeoutMS).toBe(300);
    } finally {
      connect.mockRestore();
    }
  });
});

describe("MongoDB connection strings", () => {
  test("the database name comes from the URI path, else none", () => {
    expect(databaseNameFromUri("mongodb://localhost:27017/?replicaSet=rs0")).toBeUndefined();
    expect(databaseNameFromUri("mongodb://localhost:27017")).toBeUndefined();
    expect(databaseNameFromUri("mongodb://localhost:27017/siaga_prod?replicaSet=rs0")).toBe("siaga_prod");
    expect(databaseNameFromUri("mongodb://user:p%40ss@h1:27017,h2:27018,h3/kupang?authSource=admin")).toBe("kupang");
    expect(databaseNameFromUri("mongodb+srv://user:pw@cluster0.example.net/siaga?retryWrites=true")).toBe("siaga");
    expect(databaseNameFromUri("mongodb://%2Ftmp%2Fmongodb-27017.sock/db1")).toBe("db1");
  });

  test("MongoStore.open rejects a bad URI", async () => {
    await expect(MongoStore.open({ uri: "postgres://nope" })).rejects.toThrow();
  });
});
