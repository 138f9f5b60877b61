/**
 * The fan-out's schedule, turn by turn: what each group is sent and when. The namespace is a recorder
 * (Socket.IO's room broadcast is tested for real in live.test.ts and tests/e2e/redis.test.ts); here the
 * point is the order of turns, which a real server only shows through timing.
 */
import { describe, expect, it, vi } from "vitest";
import { log } from "../../server/log.js";
import type { Namespace } from "socket.io";
import type { Event } from "../../shared/domain.js";
import { BATCH_GROUPS, Fanout } from "../../server/realtime/push.js";

interface Emit { to: string[]; except: string[]; name: string; seqs: number[] }

function recorder(failOn?: (e: Emit) => boolean) {
  const emits: Emit[] = [];
  const target = (to: string[], except: string[] = []) => ({
    except: (rooms: string | string[]) => target(to, [...except, ...[rooms].flat()]),
    emit: (name: string, payload: Event | Event[]) => {
      const e = { to, except, name, seqs: [payload].flat().map((x) => x.seq) };
      if (failOn?.(e)) throw new Error("adapter down");
      emits.push(e);
      return true;
    },
  });
  // The in-memory adapter's rooms: room → socket ids (only read by a local-only fan-out).
  const rooms = new Map<string, Set<string>>();
  const live = { to: (rooms: string | string[]) => target([rooms].flat()), adapter: { rooms } } as unknown as Namespace;
  return { live, emits, rooms };
}

const unitEvent = (seq: number): Event => ({ seq, at: "2025-01-10T08:00:00.000+08:00", type: "unit.updated", actor: "koordinator", data: { id: "U1", version: seq } });
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const batchGroup = (e: Emit) => /^batch:(\d+):live$/.exec(e.to[0]!)?.[1];

describe("Fanout", () => {
  it("writes one group per event-loop turn; an event added mid-round reaches the rest of the round, then the others", async () => {
    const { live, emits } = recorder();
    const fanout = new Fanout(live);
    fanout.add([unitEvent(1), unitEvent(2)]);
    expect(emits).toEqual([]); // nothing inside the caller's write lock
    await turn();
    expect(emits).toEqual([{ to: ["live"], except: [], name: "event", seqs: [1] }, { to: ["live"], except: [], name: "event", seqs: [2] }]);
    await turn();
    expect(emits.at(-1)).toEqual({ to: ["batch:0:live"], except: [], name: "events", seqs: [1, 2] });
    await turn();
    fanout.add([unitEvent(3)]); // committed while the round is at group 1 of 8
    while (fanout.behind > 0) await turn();
    const batches = emits.filter((e) => e.name === "events").map((e) => [Number(batchGroup(e)), e.seqs]);
    expect(batches).toEqual([
      [0, [1, 2]], [1, [1, 2]],
      [2, [1, 2, 3]], [3, [1, 2, 3]], [4, [1, 2, 3]], [5, [1, 2, 3]], [6, [1, 2, 3]], [7, [1, 2, 3]],
      [0, [3]], [1, [3]],
    ]);
    expect(emits.filter((e) => e.name === "event").map((e) => e.seqs[0])).toEqual([1, 2, 3]);
    expect(BATCH_GROUPS).toBe(8); // the lists above spell out 8 groups
  });

  it("an event with a phone ends the array: whole to the rooms that may see it, cut for the rest", async () => {
    const { live, emits } = recorder();
    const fanout = new Fanout(live);
    const staff: Event = { ...unitEvent(2), type: "staff.updated", data: { id: "S1", homeUnitId: "U1", phone: "+62 812", version: 2 } };
    fanout.add([unitEvent(1), staff, unitEvent(3)]);
    while (fanout.behind > 0) await turn();
    const group0 = emits.filter((e) => e.to.some((r) => r.startsWith("batch:0:")));
    expect(group0).toEqual([
      { to: ["batch:0:live"], except: [], name: "events", seqs: [1] },
      { to: ["batch:0:private:coordinator", "batch:0:private:unit_head:U1", "batch:0:private:staff:S1"], except: [], name: "events", seqs: [2] },
      { to: ["batch:0:live"], except: ["batch:0:private:coordinator", "batch:0:private:unit_head:U1", "batch:0:private:staff:S1"], name: "events", seqs: [2] },
      { to: ["batch:0:live"], except: [], name: "events", seqs: [3] },
    ]);
  });

  it("a failed push is logged and skipped, not retried forever and not fatal: the next events go out", async () => {
    let failures = 0;
    const { live, emits } = recorder((e) => {
      if (e.to[0] !== "batch:3:live" || !e.seqs.includes(1)) return false;
      failures++;
      return true;
    });
    const fanout = new Fanout(live);
    const errors: unknown[] = [];
    const spy = vi.spyOn(log, "error").mockImplementation((...args: unknown[]) => { errors.push(args); });
    try {
      fanout.add([unitEvent(1)]);
      while (fanout.behind > 0) await turn();
      fanout.add([unitEvent(2)]);
      while (fanout.behind > 0) await turn();
    } finally {
      spy.mockRestore();
    }
    expect(failures).toBe(1);
    expect(errors).toHaveLength(1);
    expect(emits.filter((e) => e.to[0] === "batch:3:live").map((e) => e.seqs)).toEqual([[2]]);
    expect(emits.filter((e) => e.to[0] === "batch:4:live").map((e) => e.seqs)).toEqual([[1], [2]]);
  });

  it("local only (no Redis): a group with no socket of its own is not written at all, and is again once a socket joins", async () => {
    const { live, emits, rooms } = recorder();
    const fanout = new Fanout(live, { localOnly: true });
    rooms.set("batch:5:live", new Set(["s1"]));
    fanout.add([unitEvent(1), unitEvent(2)]); // a first start's seed, with one batch socket of group 5 here
    await turn(); // the empty groups before it cost no turn: group 5 is written in the first
    expect(emits).toEqual([{ to: ["batch:5:live"], except: [], name: "events", seqs: [1, 2] }]);
    await fanout.drain();
    expect(emits).toHaveLength(1);
    rooms.set("live", new Set(["s2"])); // an `event` socket resumes (it joins before it reads the log)
    fanout.add([unitEvent(3)]);
    await fanout.drain();
    expect(emits.slice(1).map((e) => [e.to[0], e.seqs])).toEqual([["live", [3]], ["batch:5:live", [3]]]);
  });

  it("drain() resolves once every group has been sent everything added so far, including what is added meanwhile", async () => {
    const { live, emits } = recorder();
    const fanout = new Fanout(live);
    await fanout.drain(); // nothing pending: at once
    fanout.add([unitEvent(1)]);
    const drained = fanout.drain();
    await turn();
    fanout.add([unitEvent(2)]); // committed while the round is under way
    await drained;
    expect(fanout.behind).toBe(0);
    for (const group of ["live", ...Array.from({ length: BATCH_GROUPS }, (_, g) => `batch:${g}:live`)]) {
      expect(emits.filter((e) => e.to[0] === group).flatMap((e) => e.seqs)).toEqual([1, 2]);
    }
    // After close() nothing more is sent, and drain() does not wait for it.
    fanout.close();
    fanout.add([unitEvent(3)]);
    await fanout.drain();
    await turn();
    expect(emits.some((e) => e.seqs.includes(3))).toBe(false);
  });
});
