import { describe, expect, it } from "vitest";
import { LiveStore } from "../../client/live/store.js";
import { ev, incident, snapshot, unit, workloadEvent } from "./fixtures.js";

describe("LiveStore ordering", () => {
  it("applies contiguous events after the snapshot", () => {
    const store = new LiveStore();
    store.applySnapshot(snapshot(10), 10);
    const r = store.offer([workloadEvent(11), workloadEvent(12)]);
    expect(r).toEqual({ applied: 2, duplicates: 0, gap: false });
    expect(store.seq).toBe(12);
    expect(store.getState()?.units.get("U1")?.workload).toBe(12);
  });

  it("drops duplicates (seq <= last) without touching the state", () => {
    const store = new LiveStore();
    store.applySnapshot(snapshot(10), 10);
    store.offer([workloadEvent(11)]);
    const before = store.getState();
    const r = store.offer([workloadEvent(9), workloadEvent(10), workloadEvent(11)]);
    expect(r).toEqual({ applied: 0, duplicates: 3, gap: false });
    expect(store.getState()).toBe(before);
  });

  it("buffers on a gap, reports it, and applies in order once the missing event arrives", () => {
    const store = new LiveStore();
    store.applySnapshot(snapshot(10), 10);
    let r = store.offer([workloadEvent(13), workloadEvent(12)]);
    expect(r.applied).toBe(0);
    expect(r.gap).toBe(true);
    expect(store.seq).toBe(10);
    expect(store.bufferedCount).toBe(2);
    r = store.offer([workloadEvent(11)]);
    expect(r).toEqual({ applied: 3, duplicates: 0, gap: false });
    expect(store.seq).toBe(13);
    expect(store.getState()?.units.get("U1")?.workload).toBe(13);
  });

  it("ends identical whatever the arrival order, with duplicates mixed in", () => {
    const events = Array.from({ length: 60 }, (_, i) => workloadEvent(i + 1));
    const reference = new LiveStore();
    reference.applySnapshot(snapshot(0), 0);
    reference.offer(events);
    let rng = 42;
    const random = () => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 25; trial++) {
      const shuffled = [...events, ...events.filter(() => random() < 0.3)].sort(() => random() - 0.5);
      const store = new LiveStore();
      store.applySnapshot(snapshot(0), 0);
      const order: number[] = [];
      for (const e of shuffled) store.offer([e]);
      for (const e of store.getState()!.recent) order.push(e.seq);
      expect(store.seq).toBe(60);
      expect(store.hasGap).toBe(false);
      expect(store.getState()?.units.get("U1")).toEqual(reference.getState()?.units.get("U1"));
      // `recent` shows every applied event once and in seq order
      expect(order).toEqual(reference.getState()!.recent.map((e) => e.seq));
    }
  });

  it("buffers events that arrive before the first snapshot and keeps only the newer ones", () => {
    const store = new LiveStore();
    expect(store.getState()).toBeNull();
    const early = store.offer([workloadEvent(6), workloadEvent(5)]);
    expect(early.applied).toBe(0);
    const r = store.applySnapshot(snapshot(5, [unit("U1", 5)]), 5);
    expect(r.applied).toBe(1);
    expect(store.seq).toBe(6);
    expect(store.getState()?.units.get("U1")?.workload).toBe(6);
  });

  it("a fresh snapshot replaces the state and clears the gap it covers", () => {
    const store = new LiveStore();
    store.applySnapshot(snapshot(1), 1);
    store.offer([workloadEvent(3)]);
    expect(store.hasGap).toBe(true);
    store.applySnapshot(snapshot(4, [unit("U1", 99), unit("U2")]), 4);
    expect(store.hasGap).toBe(false);
    expect(store.seq).toBe(4);
    expect(store.getState()?.units.get("U1")?.workload).toBe(99);
    expect(store.getState()?.units.size).toBe(2);
  });

  it("upserts the whole entity: a field removed by the change disappears", () => {
    const store = new LiveStore();
    store.applySnapshot({ ...snapshot(0), incidents: [incident("I1", "Banjir", 1, { radiusM: 500 })] }, 0);
    store.offer([ev(1, "incident.updated", incident("I1", "Banjir Sikumana", 2))]);
    const i1 = store.getState()?.incidents.get("I1");
    expect(i1?.title).toBe("Banjir Sikumana");
    expect(i1?.radiusM).toBeUndefined();
  });

  it("removes an entity on a deletion event, which carries only the id", () => {
    const store = new LiveStore();
    store.applySnapshot(snapshot(0, [unit("U1"), unit("U2")]), 0);
    store.offer([ev(1, "unit.deleted", { id: "U2" })]);
    expect([...store.getState()!.units.keys()]).toEqual(["U1"]);
    expect(store.seq).toBe(1);
  });

  it("keeps a snapshot's phone when a broadcast (which never has one) updates the person", () => {
    const person = {
      id: "S1", nip: "198503302010011001", name: "Maria Ndun", homeUnitId: "U1", jabatan: "Perawat",
      golongan: "III/a", skills: ["keperawatan" as const], status: "available" as const, fatigueHours: 0,
      volunteer: true, phone: "+62 812 3456 7890", version: 1,
    };
    const store = new LiveStore();
    store.applySnapshot({ ...snapshot(0), staff: [person] }, 0);
    const { phone: _omit, ...publicPerson } = person;
    store.offer([ev(1, "staff.updated", { ...publicPerson, status: "deployed", version: 2 })]);
    const s1 = store.getState()?.staff.get("S1");
    expect(s1?.status).toBe("deployed");
    expect(s1?.phone).toBe("+62 812 3456 7890");
  });

  it("skips an event whose data breaks the schema but still takes its seq", () => {
    const invalid: string[] = [];
    const store = new LiveStore({ onInvalid: (e) => invalid.push(e.type) });
    store.applySnapshot(snapshot(0), 0);
    const r = store.offer([ev(1, "unit.updated", { id: "U1", workload: -3 }), workloadEvent(2), ev(3, "session.opened", {})]);
    expect(r.applied).toBe(3);
    expect(invalid).toEqual(["unit.updated"]);
    expect(store.getState()?.units.get("U1")?.workload).toBe(2);
  });

  it("hands out immutable views: a view kept by a reader never changes, untouched collections keep identity", () => {
    const store = new LiveStore();
    store.applySnapshot(snapshot(0), 0);
    const first = store.getState()!;
    store.offer([workloadEvent(1)]);
    const second = store.getState()!;
    expect(first.units.get("U1")?.workload).toBe(0);
    expect(second.units.get("U1")?.workload).toBe(1);
    expect(second.units).not.toBe(first.units);
    expect(second.incidents).toBe(first.incidents);
    expect(first.recent).toHaveLength(0);
    expect(second.recent.map((e) => e.seq)).toEqual([1]);
  });

  it("asks for a snapshot when the buffer overflows", () => {
    const store = new LiveStore({ maxBuffered: 5 });
    store.applySnapshot(snapshot(0), 0);
    const r = store.offer(Array.from({ length: 10 }, (_, i) => workloadEvent(i + 2)));
    expect(r.gap).toBe(true);
    expect(store.needsSnapshot).toBe(true);
    store.applySnapshot(snapshot(11), 11);
    expect(store.needsSnapshot).toBe(false);
  });
});
