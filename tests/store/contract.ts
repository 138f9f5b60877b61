/**
 * The store port's contract: one suite, registered against each adapter (tests/store/*.test.ts).
 * Rule ids ([S1] …) name what the port promises; services above rely on exactly these, so an
 * adapter that passes them can replace another.
 *
 * `makeStore()` opens a store on the current test's data: called again in the same test (after a
 * close) it must reopen the same data. `cleanup()` runs after each test, once every store the test
 * opened is closed, and must leave the next `makeStore()` with empty data.
 */
import { afterEach, describe, expect, test } from "vitest";
import type { Event } from "../../shared/domain.js";
import { StoreConflict, type Collection, type Doc, type Store } from "../../server/store/port.js";
import { read, transact } from "./loose.js";

interface Thing extends Doc {
  name: string;
  n?: number;
  flag?: boolean;
  tags?: string[];
  nested?: { a: number };
}

/** Slow stores (a real replica set) get room for the concurrency tests. */
const RACE_TIMEOUT = 60_000;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

async function conflict(promise: Promise<unknown>, reason: StoreConflict["reason"]): Promise<StoreConflict> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(StoreConflict);
  expect((error as StoreConflict).reason).toBe(reason);
  return error as StoreConflict;
}

/** What an adapter may choose, and says it chose, so a test can wait for exactly what will happen. */
export interface StoreTraits {
  /**
   * A write transaction started during a read() waits until that read has ended (SQLite: one lock),
   * rather than committing beside it (MongoDB: the read is a snapshot and blocks no write).
   */
  writesWaitForReads: boolean;
}

export function storeContract(name: string, makeStore: () => Promise<Store>, cleanup: () => Promise<void>, traits: StoreTraits): void {
  describe(`store contract: ${name}`, () => {
    const opened: Store[] = [];
    const closed = new Set<Store>();

    async function open(): Promise<Store> {
      const store = await makeStore();
      opened.push(store);
      return store;
    }
    async function close(store: Store) {
      if (closed.has(store)) return;
      closed.add(store);
      await store.close();
    }
    afterEach(async () => {
      for (const store of opened.splice(0)) await close(store);
      closed.clear();
      await cleanup();
    });

    async function insert<T extends Doc>(store: Store, collection: Collection, doc: Omit<T, "version">): Promise<T> {
      return (await transact(store, (tx) => tx.insert<T>(collection, doc))).result;
    }
    async function get<T extends Doc>(store: Store, collection: Collection, id: string): Promise<T | undefined> {
      return read(store, (tx) => tx.get<T>(collection, id));
    }
    async function all<T extends Doc>(store: Store, collection: Collection): Promise<T[]> {
      const docs = await read(store, (tx) => tx.find<T>(collection));
      return docs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
    const ids = (docs: Doc[]) => docs.map((d) => d.id).sort();

    describe("[S1] documents", () => {
      test("[S1] insert then get returns the doc with version 1", async () => {
        const store = await open();
        const doc = { id: "t1", name: "Posko Sikumana", n: 3, flag: true, tags: ["a", "b"], nested: { a: 1 } };
        const inserted = await insert<Thing>(store, "incidents", doc);
        expect(inserted).toStrictEqual({ ...doc, version: 1 });
        expect(await get<Thing>(store, "incidents", "t1")).toStrictEqual({ ...doc, version: 1 });
        expect(await transact(store, (tx) => tx.get("incidents", "t1")).then((r) => r.result)).toStrictEqual({ ...doc, version: 1 });
      });

      test("[S1] get of an unknown id returns undefined", async () => {
        const store = await open();
        expect(await get(store, "incidents", "nope")).toBeUndefined();
        expect(await read(store, (tx) => tx.find("incidents"))).toEqual([]);
        expect(await read(store, (tx) => tx.count("incidents"))).toBe(0);
      });

      test("[S1] collections are separate: one id may live in two collections", async () => {
        const store = await open();
        await insert<Thing>(store, "incidents", { id: "same", name: "incident" });
        await insert<Thing>(store, "plans", { id: "same", name: "plan" });
        expect((await get<Thing>(store, "incidents", "same"))?.name).toBe("incident");
        expect((await get<Thing>(store, "plans", "same"))?.name).toBe("plan");
      });

      test("[S1] returned documents are copies: changing one changes nothing stored", async () => {
        const store = await open();
        const inserted = await insert<Thing>(store, "incidents", { id: "t1", name: "a", nested: { a: 1 } });
        inserted.name = "changed";
        inserted.nested!.a = 99;
        const read = (await get<Thing>(store, "incidents", "t1"))!;
        read.nested!.a = 42;
        expect(await get<Thing>(store, "incidents", "t1")).toStrictEqual({ id: "t1", name: "a", nested: { a: 1 }, version: 1 });
      });

      test("[S1] a transaction reads its own writes before it commits", async () => {
        const store = await open();
        await insert<Thing>(store, "incidents", { id: "old", name: "x" });
        const { result } = await transact(store, async (tx) => {
          await tx.insert<Thing>("incidents", { id: "new", name: "x" });
          const old = (await tx.get<Thing>("incidents", "old"))!;
          await tx.replace<Thing>("incidents", { ...old, name: "y" });
          return {
            got: await tx.get<Thing>("incidents", "new"),
            found: ids(await tx.find<Thing>("incidents", { name: "x" })),
            count: await tx.count("incidents", { name: "y" }),
          };
        });
        expect(result.got).toStrictEqual({ id: "new", name: "x", version: 1 });
        expect(result.found).toEqual(["new"]);
        expect(result.count).toBe(1);
      });

      test("[S1] transact returns the function's result and the events it appended", async () => {
        const store = await open();
        const { result, events } = await transact(store, async (tx) => {
          await tx.append({ type: "x.happened", actor: "tester", data: { k: 1 } });
          return 42;
        });
        expect(result).toBe(42);
        expect(events.map((e) => [e.seq, e.type])).toEqual([[1, "x.happened"]]);
        expect(await transact(store, async () => "nothing")).toEqual({ result: "nothing", events: [] });
      });
    });

    describe("[S2] insert", () => {
      test("[S2] insert of an existing id fails with StoreConflict exists and changes nothing", async () => {
        const store = await open();
        await insert<Thing>(store, "incidents", { id: "t1", name: "first" });
        const error = await conflict(insert<Thing>(store, "incidents", { id: "t1", name: "second" }), "exists");
        expect(error.collection).toBe("incidents");
        expect(error.id).toBe("t1");
        expect(await get<Thing>(store, "incidents", "t1")).toStrictEqual({ id: "t1", name: "first", version: 1 });
      });

      test("[S2] inserting one id twice in one transaction fails with exists", async () => {
        const store = await open();
        await conflict(transact(store, async (tx) => {
          await tx.insert<Thing>("incidents", { id: "t1", name: "a" });
          await tx.insert<Thing>("incidents", { id: "t1", name: "b" });
        }), "exists");
        expect(await get(store, "incidents", "t1")).toBeUndefined();
      });
    });

    describe("[S3] replace", () => {
      test("[S3] replace stores the doc and returns it with version + 1", async () => {
        const store = await open();
        const v1 = await insert<Thing>(store, "incidents", { id: "t1", name: "a" });
        const v2 = (await transact(store, (tx) => tx.replace<Thing>("incidents", { ...v1, name: "b" }))).result;
        expect(v2).toStrictEqual({ id: "t1", name: "b", version: 2 });
        const v3 = (await transact(store, (tx) => tx.replace<Thing>("incidents", { ...v2, n: 7 }))).result;
        expect(v3.version).toBe(3);
        expect(await get<Thing>(store, "incidents", "t1")).toStrictEqual({ id: "t1", name: "b", n: 7, version: 3 });
      });

      test("[S3] replace with a stale version fails with StoreConflict version (and the current version) and changes nothing", async () => {
        const store = await open();
        const v1 = await insert<Thing>(store, "incidents", { id: "t1", name: "a" });
        await transact(store, (tx) => tx.replace<Thing>("incidents", { ...v1, name: "b" }));
        const error = await conflict(transact(store, (tx) => tx.replace<Thing>("incidents", { ...v1, name: "stale" })), "version");
        expect(error.currentVersion).toBe(2);
        expect(await get<Thing>(store, "incidents", "t1")).toStrictEqual({ id: "t1", name: "b", version: 2 });
      });

      test("[S3] replace of a missing doc fails with StoreConflict missing and creates nothing", async () => {
        const store = await open();
        await conflict(transact(store, (tx) => tx.replace<Thing>("incidents", { id: "ghost", name: "a", version: 1 })), "missing");
        expect(await get(store, "incidents", "ghost")).toBeUndefined();
      });

      test("[S3] of 50 concurrent replaces from the same version exactly one wins", async () => {
        const store = await open();
        const v1 = await insert<Thing>(store, "incidents", { id: "t1", name: "start", n: 0 });
        const outcomes = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) => transact(store, (tx) => tx.replace<Thing>("incidents", { ...v1, n: i + 1 }))),
        );
        const won = outcomes.filter((o) => o.status === "fulfilled");
        const lost = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : []));
        expect(won).toHaveLength(1);
        for (const reason of lost) expect(reason).toMatchObject({ name: "StoreConflict", reason: "version", currentVersion: 2 });
        expect((await get<Thing>(store, "incidents", "t1"))?.version).toBe(2);
      }, RACE_TIMEOUT);
    });

    describe("[S4] remove", () => {
      test("[S4] remove is conditional on the version", async () => {
        const store = await open();
        const v1 = await insert<Thing>(store, "incidents", { id: "t1", name: "a" });
        const v2 = (await transact(store, (tx) => tx.replace<Thing>("incidents", { ...v1, name: "b" }))).result;
        const stale = await conflict(transact(store, (tx) => tx.remove("incidents", "t1", 1)), "version");
        expect(stale.currentVersion).toBe(2);
        expect(await get<Thing>(store, "incidents", "t1")).toStrictEqual(v2);

        await transact(store, (tx) => tx.remove("incidents", "t1", 2));
        expect(await get(store, "incidents", "t1")).toBeUndefined();
        await conflict(transact(store, (tx) => tx.remove("incidents", "t1", 2)), "missing");
      });

      test("[S4] a removed id can be inserted again, starting at version 1", async () => {
        const store = await open();
        await insert<Thing>(store, "incidents", { id: "t1", name: "a" });
        await transact(store, (tx) => tx.remove("incidents", "t1", 1));
        expect(await insert<Thing>(store, "incidents", { id: "t1", name: "again" })).toStrictEqual({ id: "t1", name: "again", version: 1 });
      });
    });

    describe("[S5] find and count", () => {
      async function seedThings(store: Store) {
        await transact(store, async (tx) => {
          await tx.insert<Thing>("incidents", { id: "a", name: "banjir", n: 1, flag: true });
          await tx.insert<Thing>("incidents", { id: "b", name: "banjir", n: 2, flag: false });
          await tx.insert<Thing>("incidents", { id: "c", name: "longsor", n: 2, flag: true });
          await tx.insert<Thing>("incidents", { id: "d", name: "kebakaran", n: 3 });
          await tx.insert<Thing>("incidents", { id: "e", name: "wabah", tags: ["banjir", "longsor"] });
        });
      }

      test("[S5] equality on strings, numbers and booleans; find and count agree", async () => {
        const store = await open();
        await seedThings(store);
        const check = async (filter: Record<string, string | number | boolean>, expected: string[]) => {
          const [found, count] = await read(store, async (tx) => [await tx.find<Thing>("incidents", filter), await tx.count("incidents", filter)] as const);
          expect(ids(found)).toEqual(expected);
          expect(count).toBe(expected.length);
        };
        await check({ name: "banjir" }, ["a", "b"]);
        await check({ n: 2 }, ["b", "c"]);
        await check({ flag: true }, ["a", "c"]);
        await check({ flag: false }, ["b"]);
        await check({ n: 2, flag: true }, ["c"]);
        await check({ name: "banjir", n: 3 }, []);
        await check({ missing: "x" }, []);
        await check({ id: "d" }, ["d"]);
        await check({ n: "2" }, []);
      });

      test("[S5] find can list newest first by a field, at most `limit`; limit 0 lists nothing", async () => {
        const store = await open();
        for (const [id, at] of [["p1", "2026-12-01T08:00:00.000Z"], ["p2", "2026-12-01T10:00:00.000Z"], ["p3", "2026-12-01T09:00:00.000Z"]] as const) {
          await insert<Thing>(store, "plans", { id, name: at });
        }
        const newest = (limit?: number) => read(store, async (tx) => (await tx.find<Thing>("plans", {}, { newestBy: "name", ...(limit === undefined ? {} : { limit }) })).map((d) => d.id));
        expect(await newest()).toEqual(["p2", "p3", "p1"]);
        expect(await newest(2)).toEqual(["p2", "p3"]);
        expect(await newest(0)).toEqual([]);
      });

      test("[S5] $in matches any listed value; an empty $in matches nothing", async () => {
        const store = await open();
        await seedThings(store);
        const query = (filter: Record<string, { $in: (string | number | boolean)[] } | string>) =>
          read(store, async (tx) => ({ found: ids(await tx.find<Thing>("incidents", filter)), count: await tx.count("incidents", filter) }));
        expect(await query({ name: { $in: ["longsor", "kebakaran"] } })).toEqual({ found: ["c", "d"], count: 2 });
        expect(await query({ n: { $in: [1, 3] } })).toEqual({ found: ["a", "d"], count: 2 });
        expect(await query({ flag: { $in: [false] } })).toEqual({ found: ["b"], count: 1 });
        expect(await query({ id: { $in: ["a", "e", "zzz"] } })).toEqual({ found: ["a", "e"], count: 2 });
        expect(await query({ name: { $in: [] } })).toEqual({ found: [], count: 0 });
        expect(await query({ name: "banjir", n: { $in: [2, 3] } })).toEqual({ found: ["b"], count: 1 });
      });

      test("[S5] no filter returns every document of the collection, and only of it", async () => {
        const store = await open();
        await seedThings(store);
        await insert<Thing>(store, "plans", { id: "p", name: "banjir" });
        expect(ids(await all(store, "incidents"))).toEqual(["a", "b", "c", "d", "e"]);
        expect(await read(store, (tx) => tx.count("incidents"))).toBe(5);
        expect(await read(store, (tx) => tx.count("incidents", {}))).toBe(5);
      });

      test("[S5] filters are on top-level scalars: equality does not reach inside arrays", async () => {
        const store = await open();
        await seedThings(store);
        expect(ids(await read(store, (tx) => tx.find<Thing>("incidents", { tags: "banjir" })))).toEqual([]);
        expect(await read(store, (tx) => tx.count("incidents", { tags: { $in: ["longsor"] } }))).toBe(0);
      });

      test("[S5] field names are plain identifiers: paths and operators are refused", async () => {
        const store = await open();
        await seedThings(store);
        for (const field of ["nested.a", "$where", "a b", "x')"]) {
          expect(await rejection(read(store, (tx) => tx.find("incidents", { [field]: 1 })))).toBeInstanceOf(Error);
        }
      });

      test("[S5] filters follow replaces and removes", async () => {
        const store = await open();
        await seedThings(store);
        const b = (await get<Thing>(store, "incidents", "b"))!;
        await transact(store, async (tx) => {
          await tx.replace<Thing>("incidents", { ...b, name: "longsor" });
          await tx.remove("incidents", "c", 1);
        });
        expect(ids(await read(store, (tx) => tx.find<Thing>("incidents", { name: "longsor" })))).toEqual(["b"]);
        expect(await read(store, (tx) => tx.count("incidents", { name: "banjir" }))).toBe(1);
      });
    });

    describe("[S6] atomicity", () => {
      test("[S6] a failing transaction writes nothing and appends no event", async () => {
        const store = await open();
        const keep = await insert<Thing>(store, "incidents", { id: "keep", name: "a" });
        const gone = await insert<Thing>(store, "incidents", { id: "gone", name: "b" });
        await transact(store, (tx) => tx.append({ type: "before", actor: "t", data: null }));
        const boom = new Error("boom");
        const error = await rejection(transact(store, async (tx) => {
          await tx.insert<Thing>("incidents", { id: "new", name: "c" });
          await tx.replace<Thing>("incidents", { ...keep, name: "changed" });
          await tx.remove("incidents", "gone", gone.version);
          await tx.append({ type: "during", actor: "t", data: { x: 1 } });
          await tx.append({ type: "during", actor: "t", data: { x: 2 } });
          throw boom;
        }));
        expect(error).toBe(boom);
        expect(ids(await all(store, "incidents"))).toEqual(["gone", "keep"]);
        expect(await get(store, "incidents", "keep")).toStrictEqual(keep);
        expect(await store.lastSeq()).toBe(1);
        expect((await store.eventsSince(0, 100)).map((e) => e.type)).toEqual(["before"]);
        // Gap-free: the rolled-back events did not use up their numbers.
        const { events } = await transact(store, (tx) => tx.append({ type: "after", actor: "t", data: null }));
        expect(events[0]?.seq).toBe(2);
      });

      test("[S6] a transaction that fails on a conflict writes nothing of what came before it", async () => {
        const store = await open();
        const v1 = await insert<Thing>(store, "incidents", { id: "t1", name: "a" });
        await transact(store, (tx) => tx.replace<Thing>("incidents", { ...v1, name: "b" }));
        await conflict(transact(store, async (tx) => {
          await tx.insert<Thing>("incidents", { id: "t2", name: "c" });
          await tx.append({ type: "t2.created", actor: "t", data: null });
          await tx.replace<Thing>("incidents", { ...v1, name: "stale" });
        }), "version");
        expect(await get(store, "incidents", "t2")).toBeUndefined();
        expect(await store.lastSeq()).toBe(0);
      });

      test("[S6] a StoreConflict caught inside a transaction leaves it usable: the rest commits", async () => {
        const store = await open();
        const v1 = await insert<Thing>(store, "incidents", { id: "t1", name: "a" });
        await insert<Thing>(store, "users", { id: "u1", username: "koordinator", name: "x" } as Omit<Thing, "version">);
        await transact(store, (tx) => tx.replace<Thing>("incidents", { ...v1, name: "b" }));
        const { result, events } = await transact(store, async (tx) => {
          const reasons: string[] = [];
          const attempt = async (write: Promise<unknown>) => {
            try {
              await write;
            } catch (error) {
              if (!(error instanceof StoreConflict)) throw error;
              reasons.push(error.reason);
            }
          };
          await attempt(tx.insert<Thing>("incidents", { id: "t1", name: "dup" }));
          await attempt(tx.replace<Thing>("incidents", { ...v1, name: "stale" }));
          await attempt(tx.remove("incidents", "ghost", 1));
          await attempt(tx.insert<Thing>("users", { id: "u2", username: "koordinator", name: "y" } as Omit<Thing, "version">));
          await tx.insert<Thing>("incidents", { id: "t3", name: "after" });
          await tx.append({ type: "t3.created", actor: "t", data: null });
          return reasons;
        });
        expect(result).toEqual(["exists", "version", "missing", "unique"]);
        expect(events.map((e) => e.seq)).toEqual([1]);
        expect(await get<Thing>(store, "incidents", "t3")).toStrictEqual({ id: "t3", name: "after", version: 1 });
        expect((await get<Thing>(store, "incidents", "t1"))?.name).toBe("b");
        expect(await get(store, "users", "u2")).toBeUndefined();
      });

      test("[S6] operations issued in parallel inside one transaction all apply", async () => {
        const store = await open();
        const { result } = await transact(store, async (tx) => {
          await Promise.all(Array.from({ length: 10 }, (_, i) => tx.insert<Thing>("incidents", { id: `p${i}`, name: "x" })));
          const got = await Promise.all([tx.count("incidents"), tx.get<Thing>("incidents", "p3"), tx.find<Thing>("incidents", { name: "x" })]);
          return [got[0], got[1]?.id, got[2].length];
        });
        expect(result).toEqual([10, "p3", 10]);
        expect(await read(store, (tx) => tx.count("incidents"))).toBe(10);
      });
    });

    describe("[S7] event log", () => {
      test("[S7] events get gap-free increasing seq across transactions, in commit order", async () => {
        const store = await open();
        const batches: Event[][] = [];
        for (const n of [1, 0, 3, 2]) {
          const { events } = await transact(store, async (tx) => {
            for (let i = 0; i < n; i++) await tx.append({ type: `batch${batches.length}`, actor: "t", data: { i } });
          });
          batches.push(events);
        }
        expect(batches.map((b) => b.map((e) => e.seq))).toEqual([[1], [], [2, 3, 4], [5, 6]]);
        expect(await store.eventsSince(0, 100)).toStrictEqual(batches.flat());
        expect(await store.lastSeq()).toBe(6);
      });

      test("[S7] eventsSince(seq, limit) pages correctly", async () => {
        const store = await open();
        for (let i = 1; i <= 10; i++) await transact(store, (tx) => tx.append({ type: "tick", actor: "t", data: { i } }));
        const pages: number[][] = [];
        let since = 0;
        for (;;) {
          const page = await store.eventsSince(since, 3);
          pages.push(page.map((e) => e.seq));
          if (page.length === 0) break;
          since = page[page.length - 1]!.seq;
        }
        expect(pages).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10], []]);
        expect((await store.eventsSince(7, 100)).map((e) => e.seq)).toEqual([8, 9, 10]);
        expect(await store.eventsSince(10, 100)).toEqual([]);
        expect(await store.eventsSince(99, 100)).toEqual([]);
        expect(await store.eventsSince(0, 0)).toEqual([]);
        expect((await store.eventsSince(0, 1000)).map((e) => (e.data as { i: number }).i)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      });

      test("[S7] an event keeps type, actor and data (as JSON) with an ISO time; transact returns what the log keeps", async () => {
        const store = await open();
        const when = new Date("2021-04-05T03:00:00.000Z");
        const { events } = await transact(store, async (tx) => {
          await tx.append({ type: "incident.created", actor: "koordinator", data: { title: "Seroja", at: when, people: 4248, tags: ["banjir"], gone: undefined, no: null } });
          await tx.append({ type: "empty", actor: "system", data: undefined });
        });
        expect(events[0]).toMatchObject({ seq: 1, type: "incident.created", actor: "koordinator" });
        expect(events[0]!.data).toStrictEqual({ title: "Seroja", at: when.toISOString(), people: 4248, tags: ["banjir"], no: null });
        expect(events[1]!.data).toBeNull();
        for (const e of events) expect(new Date(e.at).toISOString()).toBe(e.at);
        expect(await store.eventsSince(0, 10)).toStrictEqual(events);
      });

      test("[S7] lastSeq is 0 on an empty store", async () => {
        const store = await open();
        expect(await store.lastSeq()).toBe(0);
        expect(await read(store, (tx) => tx.lastSeq())).toBe(0);
        expect(await store.eventsSince(0, 10)).toEqual([]);
      });
    });

    describe("[S8] no lost update", () => {
      test("[S8] 50 concurrent transactions that each read a counter doc and replace it all end serialised — none lost", async () => {
        const store = await open();
        await insert<Thing>(store, "incidents", { id: "counter", name: "counter", n: 0 });
        const outcomes = await Promise.allSettled(
          Array.from({ length: 50 }, () => transact(store, async (tx) => {
            const counter = (await tx.get<Thing>("incidents", "counter"))!;
            const next = await tx.replace<Thing>("incidents", { ...counter, n: counter.n! + 1 });
            await tx.append({ type: "counter.bumped", actor: "t", data: { n: next.n } });
            return next.n!;
          })),
        );
        const won = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value.result] : []));
        for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(StoreConflict);
        const counter = (await get<Thing>(store, "incidents", "counter"))!;
        // Every committed increment is in the final value: final = number of winners, each saw a distinct value.
        expect(counter.n).toBe(won.length);
        expect(counter.version).toBe(won.length + 1);
        expect([...won].sort((a, b) => a - b)).toEqual(Array.from({ length: won.length }, (_, i) => i + 1));
        expect(won.length).toBeGreaterThan(0);
        // Commit order and seq order agree: the k-th event carries value k.
        const events = await store.eventsSince(0, 1000);
        expect(events.map((e) => e.seq)).toEqual(Array.from({ length: won.length }, (_, i) => i + 1));
        expect(events.map((e) => (e.data as { n: number }).n)).toEqual(Array.from({ length: won.length }, (_, i) => i + 1));
      }, RACE_TIMEOUT);
    });

    describe("[S9] no write skew", () => {
      test("[S9] write skew is impossible: 50 concurrent transactions each count docs matching a filter and insert one only if count < 5 → exactly 5 inserted", async () => {
        const store = await open();
        await insert<Thing>(store, "releases", { id: "other", name: "slot", n: 2 });
        const outcomes = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) => transact(store, async (tx) => {
            const taken = await tx.count("releases", { name: "slot", n: 1 });
            if (taken >= 5) return false;
            await tx.insert<Thing>("releases", { id: `r${i}`, name: "slot", n: 1 });
            await tx.append({ type: "slot.taken", actor: "t", data: { i } });
            return true;
          })),
        );
        for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(StoreConflict);
        const taken = outcomes.filter((o) => o.status === "fulfilled" && o.value.result).length;
        expect(taken).toBe(5);
        expect(await read(store, (tx) => tx.count("releases", { name: "slot", n: 1 }))).toBe(5);
        expect((await store.eventsSince(0, 100)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      }, RACE_TIMEOUT);

      test("[S9] a floor held across two documents: concurrent takers from one unit never go below it", async () => {
        // The shape of invariant 2: each request reads several docs and writes a different one.
        const store = await open();
        await transact(store, async (tx) => {
          for (let i = 0; i < 8; i++) await tx.insert<Thing>("staff", { id: `s${i}`, name: "u1", flag: true });
        });
        const floor = 3;
        await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => transact(store, async (tx) => {
            const available = await tx.count("staff", { name: "u1", flag: true });
            if (available - 1 < floor) return;
            const person = (await tx.get<Thing>("staff", `s${i}`))!;
            await tx.replace<Thing>("staff", { ...person, flag: false });
          })),
        );
        expect(await read(store, (tx) => tx.count("staff", { name: "u1", flag: true }))).toBe(floor);
      }, RACE_TIMEOUT);
    });

    describe("[S10] consistent reads", () => {
      test("[S10] read() sees one committed state and lastSeq while a write commits beside it", async () => {
        const store = await open();
        await transact(store, async (tx) => {
          await tx.insert<Thing>("incidents", { id: "a", name: "before", n: 0 });
          await tx.insert<Thing>("incidents", { id: "b", name: "before", n: 0 });
          await tx.append({ type: "seeded", actor: "t", data: null });
        });
        let write: Promise<unknown> | undefined;
        let writeBegan = false;
        const seen = await read(store, async (tx) => {
          const a = await tx.get<Thing>("incidents", "a");
          // Changes a and b together. An adapter may let it commit now (MongoDB) or hold it until
          // this read ends (SQLite): either way this read must not see half of it, nor its seq.
          write = transact(store, async (w) => {
            writeBegan = true;
            const [wa, wb] = [(await w.get<Thing>("incidents", "a"))!, (await w.get<Thing>("incidents", "b"))!];
            await w.replace<Thing>("incidents", { ...wa, name: "after", n: 1 });
            await w.replace<Thing>("incidents", { ...wb, name: "after", n: 1 });
            await w.append({ type: "moved", actor: "t", data: null });
          });
          // No pause that a slow write could outlast: here the write has committed, or this read holds it.
          if (!traits.writesWaitForReads) await write;
          const b = await tx.get<Thing>("incidents", "b");
          const count = await tx.count("incidents", { name: "after" });
          const seq = await tx.lastSeq();
          if (traits.writesWaitForReads) expect(writeBegan, "the write waits for the read").toBe(false);
          return { a: a?.n, b: b?.n, count, seq };
        });
        await write;
        expect(seen).toEqual({ a: 0, b: 0, count: 0, seq: 1 });
        expect(await read(store, async (tx) => ({
          a: (await tx.get<Thing>("incidents", "a"))?.n,
          b: (await tx.get<Thing>("incidents", "b"))?.n,
          seq: await tx.lastSeq(),
        }))).toEqual({ a: 1, b: 1, seq: 2 });
        expect(await store.lastSeq()).toBe(2);
      }, RACE_TIMEOUT);

      test("[S10] a read after an acknowledged write sees it (read your writes)", async () => {
        const store = await open();
        for (let i = 1; i <= 20; i++) {
          await transact(store, async (tx) => {
            await tx.insert<Thing>("incidents", { id: `t${i}`, name: "x" });
            await tx.append({ type: "t", actor: "t", data: { i } });
          });
          expect(await read(store, (tx) => tx.count("incidents"))).toBe(i);
          expect(await store.lastSeq()).toBe(i);
          expect((await store.eventsSince(i - 1, 10)).map((e) => e.seq)).toEqual([i]);
        }
      }, RACE_TIMEOUT);

      test("[S10] read() returns the function's result and rethrows its error", async () => {
        const store = await open();
        expect(await read(store, async () => "ok")).toBe("ok");
        const boom = new Error("boom");
        expect(await rejection(read(store, async () => {
          throw boom;
        }))).toBe(boom);
      });
    });

    describe("[S11] unique constraints", () => {
      test("[S11] two users with the same username fail with StoreConflict unique", async () => {
        const store = await open();
        await insert<Thing>(store, "users", { id: "u1", username: "kepala.dinsos", name: "a" } as Omit<Thing, "version">);
        const error = await conflict(insert<Thing>(store, "users", { id: "u2", username: "kepala.dinsos", name: "b" } as Omit<Thing, "version">), "unique");
        expect(error).toMatchObject({ collection: "users", id: "u2" });
        expect(await get(store, "users", "u2")).toBeUndefined();
      });

      test("[S11] two staff with the same nip, or two units with the same code, fail with unique", async () => {
        const store = await open();
        const nip = "198503152010011001";
        await insert<Thing>(store, "staff", { id: "s1", nip, name: "a" } as Omit<Thing, "version">);
        await conflict(insert<Thing>(store, "staff", { id: "s2", nip, name: "b" } as Omit<Thing, "version">), "unique");
        await insert<Thing>(store, "units", { id: "x1", code: "PKM-SIKUMANA", name: "a" } as Omit<Thing, "version">);
        await conflict(insert<Thing>(store, "units", { id: "x2", code: "PKM-SIKUMANA", name: "b" } as Omit<Thing, "version">), "unique");
        expect(await read(store, (tx) => Promise.all([tx.count("staff"), tx.count("units")]))).toEqual([1, 1]);
      });

      test("[S11] a replace that would duplicate a unique field fails with unique and changes nothing", async () => {
        const store = await open();
        await insert<Thing>(store, "users", { id: "u1", username: "a", name: "a" } as Omit<Thing, "version">);
        const u2 = await insert<Thing>(store, "users", { id: "u2", username: "b", name: "b" } as Omit<Thing, "version">);
        await conflict(transact(store, (tx) => tx.replace<Thing>("users", { ...u2, username: "a" } as Thing)), "unique");
        expect(await get(store, "users", "u2")).toStrictEqual(u2);
        // Keeping one's own value is no clash.
        expect((await transact(store, (tx) => tx.replace<Thing>("users", { ...u2, name: "renamed" }))).result.version).toBe(2);
      });

      test("[S11] documents without the unique field do not collide", async () => {
        const store = await open();
        await insert<Thing>(store, "staff", { id: "s1", name: "no nip" });
        await insert<Thing>(store, "staff", { id: "s2", name: "no nip either" });
        await insert<Thing>(store, "assignments", { id: "a1", name: "open", state: "requested" } as Omit<Thing, "version">);
        await insert<Thing>(store, "assignments", { id: "a2", name: "open", state: "active" } as Omit<Thing, "version">);
        expect(await read(store, (tx) => Promise.all([tx.count("staff"), tx.count("assignments")]))).toEqual([2, 2]);
      });

      test("[S11] two open assignments (requested/confirmed/active) for one staffId fail with unique; closed ones do not count", async () => {
        const store = await open();
        const asg = (id: string, state: string) => ({ id, staffId: "s1", needId: "n1", state, name: id }) as Omit<Thing, "version">;
        for (const state of ["completed", "declined", "recalled", "cancelled", "proposed", "completed"]) {
          await insert<Thing>(store, "assignments", asg(`closed-${state}-${Math.random()}`, state));
        }
        const open1 = await insert<Thing>(store, "assignments", asg("open1", "requested"));
        for (const state of ["requested", "confirmed", "active"]) {
          await conflict(insert<Thing>(store, "assignments", asg(`second-${state}`, state)), "unique");
        }
        // Another person may hold an open one at the same time.
        await insert<Thing>(store, "assignments", { ...asg("other", "active"), staffId: "s2" } as Omit<Thing, "version">);

        // Moving through the open states is fine; opening a second one by replace is not.
        const confirmed = (await transact(store, (tx) => tx.replace<Thing>("assignments", { ...open1, state: "confirmed" } as Thing))).result;
        const proposed = await insert<Thing>(store, "assignments", asg("proposed", "proposed"));
        await conflict(transact(store, (tx) => tx.replace<Thing>("assignments", { ...proposed, state: "requested" } as Thing)), "unique");

        // Closing the first frees the person, within one transaction.
        await transact(store, async (tx) => {
          await tx.replace<Thing>("assignments", { ...confirmed, state: "completed" } as Thing);
          await tx.replace<Thing>("assignments", { ...proposed, state: "requested" } as Thing);
        });
        const stillOpen = await read(store, (tx) => tx.find<Thing>("assignments", { staffId: "s1", state: { $in: ["requested", "confirmed", "active"] } }));
        expect(ids(stillOpen)).toEqual(["proposed"]);
      });

      test("[S11] 50 concurrent requests for one person leave exactly one open assignment", async () => {
        const store = await open();
        const outcomes = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) => insert<Thing>(store, "assignments", { id: `a${i}`, staffId: "s1", state: "requested", name: "x" } as Omit<Thing, "version">)),
        );
        expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
        for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toMatchObject({ name: "StoreConflict", reason: "unique" });
        expect(await read(store, (tx) => tx.count("assignments", { staffId: "s1" }))).toBe(1);
      }, RACE_TIMEOUT);
    });

    describe("[S12] durability", () => {
      test("[S12] data survives close and reopen", async () => {
        const first = await open();
        const v1 = await insert<Thing>(first, "incidents", { id: "t1", name: "a", nested: { a: 1 } });
        await transact(first, async (tx) => {
          await tx.replace<Thing>("incidents", { ...v1, name: "b" });
          await tx.insert<Thing>("users", { id: "u1", username: "layar", name: "screen" } as Omit<Thing, "version">);
          await tx.append({ type: "one", actor: "t", data: { k: 1 } });
          await tx.append({ type: "two", actor: "t", data: { k: 2 } });
        });
        const events = await first.eventsSince(0, 10);
        await close(first);

        const second = await open();
        expect(await get<Thing>(second, "incidents", "t1")).toStrictEqual({ id: "t1", name: "b", nested: { a: 1 }, version: 2 });
        expect(await second.eventsSince(0, 10)).toStrictEqual(events);
        expect(await second.lastSeq()).toBe(2);
        // The log continues where it stopped; versions and constraints still hold.
        const { events: more } = await transact(second, (tx) => tx.append({ type: "three", actor: "t", data: null }));
        expect(more.map((e) => e.seq)).toEqual([3]);
        await conflict(transact(second, (tx) => tx.replace<Thing>("incidents", { ...v1, name: "stale" })), "version");
        await conflict(insert<Thing>(second, "users", { id: "u2", username: "layar", name: "again" } as Omit<Thing, "version">), "unique");
        await close(second);

        // Opening an existing store again is idempotent (schema set-up runs once).
        const third = await open();
        expect(await third.lastSeq()).toBe(3);
        expect(ids(await all(third, "users"))).toEqual(["u1"]);
      }, RACE_TIMEOUT);

      test("[S12] the epoch is kept in the store: an id, the same after close and reopen", async () => {
        const first = await open();
        const epoch = first.epoch;
        expect(epoch).toMatch(/^[0-9a-f]{32}$/);
        await transact(first, (tx) => tx.append({ type: "one", actor: "t", data: null }));
        await close(first);
        const second = await open();
        expect(second.epoch).toBe(epoch);
      }, RACE_TIMEOUT);
    });

    describe("[S13] subscribe", () => {
      test("[S13] subscribe hears each committed transaction's events, in seq order, and nothing of failed ones", async () => {
        const store = await open();
        const heard: number[][] = [];
        const unsubscribe = store.subscribe((events) => heard.push(events.map((e) => e.seq)));
        const results = await Promise.allSettled([
          transact(store, (tx) => tx.append({ type: "a", actor: "t", data: null })),
          transact(store, async (tx) => {
            await tx.append({ type: "b", actor: "t", data: null });
            await tx.append({ type: "c", actor: "t", data: null });
          }),
          transact(store, async (tx) => {
            await tx.append({ type: "fails", actor: "t", data: null });
            throw new Error("no");
          }),
          transact(store, async () => "no events"),
          ...Array.from({ length: 10 }, () => transact(store, (tx) => tx.append({ type: "many", actor: "t", data: null }))),
        ]);
        expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
        expect(heard.flat()).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
        expect(heard.every((batch) => batch.length > 0)).toBe(true);
        unsubscribe();
        await transact(store, (tx) => tx.append({ type: "unheard", actor: "t", data: null }));
        expect(heard.flat()).toHaveLength(13);
      }, RACE_TIMEOUT);

      test("[S13] a listener hears a commit before the next commit of this store", async () => {
        const store = await open();
        const order: string[] = [];
        store.subscribe((events) => order.push(`heard ${events[0]!.seq}`));
        await Promise.all(Array.from({ length: 5 }, () => transact(store, async (tx) => {
          const e = await tx.append({ type: "x", actor: "t", data: null });
          order.push(`wrote ${e.seq}`);
        })));
        expect(order).toEqual([1, 2, 3, 4, 5].flatMap((n) => [`wrote ${n}`, `heard ${n}`]));
      }, RACE_TIMEOUT);
    });
  });
}
