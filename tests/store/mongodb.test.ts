/**
 * The store contract against MongoStore on a real replica set (MONGODB_URI), a fresh database per
 * test, dropped afterwards; plus what only MongoDB needs showing (several clients, the backstop
 * indexes). Without MONGODB_URI every test here is reported as skipped.
 */
import { read, transact } from "./loose.js";
import { randomBytes } from "node:crypto";
import { MongoClient, MongoServerError } from "mongodb";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { MongoStore } from "../../server/store/mongodb.js";
import { openStore } from "../../server/store/open.js";
import { StoreConflict, type Doc, type Store } from "../../server/store/port.js";
import { storeContract } from "./contract.js";

const uri = process.env.MONGODB_URI;
if (!uri) {
  console.warn("MongoDB contract tests skipped: set MONGODB_URI to a replica set, e.g. mongodb://localhost:27017/?replicaSet=rs0");
}

const run = `siaga_test_${randomBytes(4).toString("hex")}`;
let n = 0;
const dbName = () => `${run}_${n}`;
const used = new Set<string>();

describe.skipIf(!uri)("MongoStore (MONGODB_URI)", () => {
  let admin: MongoClient;
  beforeAll(async () => {
    admin = await new MongoClient(uri!).connect();
  });
  afterAll(async () => {
    // Whatever a failed test left behind.
    for (const name of used) await admin.db(name).dropDatabase();
    await admin.close();
  });

  const open = (name = dbName()) => {
    used.add(name);
    return MongoStore.open({ uri: uri!, dbName: name });
  };

  storeContract("mongodb", () => open(), async () => {
    const name = dbName();
    await admin.db(name).dropDatabase();
    used.delete(name);
    n++;
  }, { writesWaitForReads: false });

  describe("MongoDB specifics", () => {
    const stores: Store[] = [];
    let name = "";
    beforeAll(() => {
      name = `${run}_specifics`;
    });
    afterAll(async () => {
      for (const s of stores) await s.close();
      await admin.db(name).dropDatabase();
    });
    const client = async () => {
      const s = await open(name);
      stores.push(s);
      return s;
    };

    interface Counter extends Doc {
      n: number;
    }
    interface Loose extends Doc {
      [field: string]: unknown;
    }

    test("[S8] two clients (two processes' worth) on one database: 50 concurrent read-modify-writes lose no update", async () => {
      const [a, b] = [await client(), await client()];
      await transact(a, (tx) => tx.insert<Counter>("incidents", { id: "s8", n: 0 }));
      const before = await a.lastSeq();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => transact(i % 2 ? a : b, async (tx) => {
          const c = (await tx.get<Counter>("incidents", "s8"))!;
          const next = await tx.replace<Counter>("incidents", { ...c, n: c.n + 1 });
          await tx.append({ type: "s8", actor: "t", data: { n: next.n } });
          return next.n;
        })),
      );
      const won = outcomes.filter((o) => o.status === "fulfilled").length;
      for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(StoreConflict);
      const final = await read(b, (tx) => tx.get<Counter>("incidents", "s8"));
      expect(final?.n).toBe(won);
      const events = await a.eventsSince(before, 1000);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: won }, (_, i) => before + i + 1));
      expect(events.map((e) => (e.data as { n: number }).n)).toEqual(Array.from({ length: won }, (_, i) => i + 1));
    }, 120_000);

    test("[S9] two clients: write skew is impossible across processes (exactly 5 of 50 take a slot)", async () => {
      const [a, b] = [await client(), await client()];
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => transact(i % 2 ? a : b, async (tx) => {
          if ((await tx.count("releases", { unitId: "s9" })) >= 5) return false;
          await tx.insert<Loose>("releases", { id: `s9-${i}`, unitId: "s9" });
          return true;
        })),
      );
      for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(StoreConflict);
      expect(outcomes.filter((o) => o.status === "fulfilled" && o.value.result)).toHaveLength(5);
      expect(await read(a, (tx) => tx.count("releases", { unitId: "s9" }))).toBe(5);
    }, 120_000);

    test("[S11] the unique indexes exist beneath the checks, and the open flag stays invisible", async () => {
      const store = await client();
      const db = admin.db(name);
      const names = async (c: string) => (await db.collection(c).indexes()).map((i) => i.name);
      expect(await names("staff")).toEqual(expect.arrayContaining(["staff_unit", "staff_nip"]));
      expect(await names("units")).toEqual(expect.arrayContaining(["units_code"]));
      expect(await names("users")).toEqual(expect.arrayContaining(["users_username"]));
      expect(await names("sessions")).toEqual(expect.arrayContaining(["sessions_user"]));
      expect(await names("releases")).toEqual(expect.arrayContaining(["releases_staff", "releases_unit"]));
      expect(await names("spikes")).toEqual(expect.arrayContaining(["spikes_unit"]));
      expect(await names("assignments")).toEqual(
        expect.arrayContaining(["assignments_staff", "assignments_need", "assignments_unit", "assignments_state", "assignments_one_open"]),
      );

      const { result: open } = await transact(store, (tx) => tx.insert<Loose>("assignments", { id: "idx-a1", staffId: "idx-s1", state: "active" }));
      expect(open).toStrictEqual({ id: "idx-a1", staffId: "idx-s1", state: "active", version: 1 });
      // Written around the store, a second open assignment is refused by the database itself.
      const raw = db.collection<{ _id: string; [field: string]: unknown }>("assignments");
      const error = await raw.insertOne({ _id: "idx-a2", staffId: "idx-s1", state: "requested", version: 1, __open: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MongoServerError);
      expect((error as MongoServerError).code).toBe(11000);
      // Closing it clears the derived flag.
      await transact(store, (tx) => tx.replace("assignments", { ...open, state: "completed" }));
      expect((await raw.findOne({ _id: "idx-a1" }))?.__open).toBeUndefined();
      expect(await read(store, (tx) => tx.get("assignments", "idx-a1"))).toStrictEqual({ id: "idx-a1", staffId: "idx-s1", state: "completed", version: 2 });
    }, 60_000);

    test("[S13] each client hears its own commits only", async () => {
      const [a, b] = [await client(), await client()];
      const heardA: string[] = [];
      const heardB: string[] = [];
      a.subscribe((events) => heardA.push(...events.map((e) => e.type)));
      b.subscribe((events) => heardB.push(...events.map((e) => e.type)));
      await transact(a, (tx) => tx.append({ type: "from-a", actor: "t", data: null }));
      await transact(b, (tx) => tx.append({ type: "from-b", actor: "t", data: null }));
      expect(heardA).toEqual(["from-a"]);
      expect(heardB).toEqual(["from-b"]);
    });

    test("openStore picks MongoDB when mongodbUri is set, with the database from the URI", async () => {
      const fromUri = `${run}_from_uri`;
      used.add(fromUri);
      const withPath = uri!.replace(/^(mongodb(?:\+srv)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${fromUri}`);
      const store = await openStore({ dataDir: "/nonexistent", mongodbUri: withPath });
      stores.push(store);
      expect(store.kind).toBe("mongodb");
      const made = await admin.db(fromUri).listCollections({}, { nameOnly: true }).toArray();
      expect(made.map((c) => c.name)).toEqual(expect.arrayContaining(["counters", "events", "assignments"]));
    });
  });
});
