import { describe, expect, it } from "vitest";
import type { Assignment, DemandSpike, Staff } from "../../shared/domain.js";
import { LiveStore } from "../../client/live/store.js";
import { ShardedMap } from "../../client/live/sharded-map.js";
import { kpis, loadLevel, releasedStaff, Tally, unitAggregates } from "../../client/model/derive.js";
import { ev, incident, snapshot, unit } from "./fixtures.js";

const AT = "2025-01-10T08:00:00.000+08:00";

function person(id: string, unitId: string, status: Staff["status"] = "available", version = 1): Staff {
  return {
    id, nip: "198503302010011001", name: `Orang ${id}`, homeUnitId: unitId, jabatan: "Staf", golongan: "III/a",
    skills: ["logistik"], status, fatigueHours: 0, volunteer: false, version,
  };
}

function assignment(id: string, staffId: string, fromUnitId: string, state: Assignment["state"], needId = "N1", siteId = "I1"): Assignment {
  return {
    id, staffId, needId, siteKind: "incident", siteId, fromUnitId, released: false, state, history: [],
    createdAt: AT, updatedAt: AT, version: 1,
  };
}

describe("ShardedMap versions", () => {
  it("tells which keys changed since a recent version, and gives up beyond its history", () => {
    let m = ShardedMap.empty<number>();
    m.set("a", 1);
    const v0 = m.freeze();
    const versions = [v0];
    for (let i = 0; i < 10; i++) {
      m = versions.at(-1)!.draft();
      m.set(`k${i}`, i);
      if (i === 3) m.delete("a");
      versions.push(m.freeze());
    }
    const last = versions.at(-1)!;
    expect([...last.changedSince(versions[9]!)!]).toEqual(["k9"]);
    expect([...last.changedSince(versions[6]!)!].sort()).toEqual(["k6", "k7", "k8", "k9"]);
    expect(last.changedSince(last)!.size).toBe(0);
    expect(last.changedSince(v0)).toBeNull(); // 10 versions back: beyond the kept history
    expect(last.changedSince(new Map())).toBeNull();
    expect(last.get("a")).toBeUndefined();
    expect(v0.get("a")).toBe(1); // an old version never changes
    expect(() => (v0 as ShardedMap<number>).set("x", 1)).toThrow();
  });
});

describe("incremental tallies", () => {
  it("stay equal to a full recount through random changes, skipped reads and snapshots", () => {
    let rng = 99;
    const random = () => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const units = ["U1", "U2", "U3"];
    const store = new LiveStore();
    store.applySnapshot({ ...snapshot(0, units.map((u) => unit(u))), staff: Array.from({ length: 30 }, (_, i) => person(`S${i}`, units[i % 3]!)) }, 0);
    const incremental = new Tally<Staff>(2, (s, add) => {
      add(s.homeUnitId, 0, 1);
      if (s.status !== "deployed") add(s.homeUnitId, 1, 1);
    });
    let seq = 0;
    for (let step = 0; step < 400; step++) {
      const id = `S${Math.floor(random() * 40)}`;
      const r = random();
      const e = r < 0.1
        ? ev(++seq, "staff.deleted", { id })
        : ev(++seq, "staff.updated", person(id, units[Math.floor(random() * 3)]!, random() < 0.5 ? "deployed" : "available", step + 2));
      store.offer([e]);
      if (step === 200) store.applySnapshot({ ...snapshot(seq, units.map((u) => unit(u))), staff: [...store.getState()!.staff.values()] }, seq);
      if (random() < 0.3) continue; // a reader does not look at every version
      const state = store.getState()!;
      incremental.sync(state.staff);
      const full = new Tally<Staff>(2, (s, add) => {
        add(s.homeUnitId, 0, 1);
        if (s.status !== "deployed") add(s.homeUnitId, 1, 1);
      }).sync(new Map(state.staff));
      for (const u of units) {
        expect(incremental.get(u, 0), `total ${u} at step ${step}`).toBe(full.get(u, 0));
        expect(incremental.get(u, 1), `home ${u} at step ${step}`).toBe(full.get(u, 1));
      }
    }
  });
});

describe("unit load and KPIs", () => {
  it("load = (workload + active spikes) / max(1, staff at home not deployed), with the 0.8 / 1.1 thresholds", () => {
    expect([loadLevel(0.79), loadLevel(0.8), loadLevel(1.1), loadLevel(1.11)]).toEqual(["ok", "warn", "warn", "over"]);
    const store = new LiveStore();
    const spikes: DemandSpike[] = [
      { id: "SP1", unitId: "U1", reason: "Pasien banjir", extraWorkload: 2, needs: [], from: AT, status: "active", version: 1 },
      { id: "SP2", unitId: "U1", reason: "Lama", extraWorkload: 50, needs: [], from: AT, status: "ended", version: 2 },
      // Still "active", but its `until` has passed: the server no longer counts it, nor does the dashboard.
      { id: "SP3", unitId: "U1", reason: "Lewat", extraWorkload: 40, needs: [], from: AT, until: "2025-01-10T07:59:00.000+08:00", status: "active", version: 1 },
      { id: "SP4", unitId: "U2", reason: "Nanti", extraWorkload: 1, needs: [], from: AT, until: "2025-01-10T09:00:00.000+08:00", status: "active", version: 1 },
    ];
    store.applySnapshot({
      ...snapshot(0, [unit("U1", 4), unit("U2", 3)]),
      staff: [person("A", "U1"), person("B", "U1"), person("C", "U1", "deployed"), person("D", "U2", "deployed")],
      spikes,
      assignments: [assignment("X1", "C", "U1", "active"), assignment("X2", "D", "U2", "completed")],
    }, 0);
    const st = store.getState()!;
    const aggs = unitAggregates(st.units, st.staff, st.spikes, st.assignments, Date.parse(AT));
    expect(aggs.get("U1")).toMatchObject({ staffTotal: 3, atHome: 2, spikeExtra: 2, lentOut: 1, load: 3, level: "over" });
    expect(aggs.get("U2")).toMatchObject({ atHome: 0, spikeExtra: 1, load: 4, lentOut: 0 }); // max(1, 0) keeps it finite
    // An hour later SP4 has ended too.
    expect(unitAggregates(st.units, st.staff, st.spikes, st.assignments, Date.parse(AT) + 3600_000).get("U2")).toMatchObject({ spikeExtra: 0, load: 3 });
  });

  it("unmet need counts each active need's count minus its confirmed and on-site people, never below zero; a request is not an arrival; a spike's only until its until", () => {
    const store = new LiveStore();
    store.applySnapshot({
      ...snapshot(0),
      incidents: [
        incident("I1", "Banjir", 1, { needs: [{ id: "N1", skill: "medis", count: 3, priority: 5 }, { id: "N2", skill: "sosial", count: 1, priority: 3 }] }),
        incident("I2", "Selesai", 1, { status: "closed", needs: [{ id: "N3", skill: "medis", count: 9, priority: 5 }] }),
      ],
      spikes: [
        { id: "SP1", unitId: "U1", reason: "Lewat", extraWorkload: 1, from: AT, until: "2025-01-10T07:00:00.000+08:00", status: "active", version: 1,
          needs: [{ id: "N9", skill: "medis", count: 4, priority: 5 }] },
      ],
      assignments: [
        assignment("A1", "S1", "U1", "requested", "N1"), assignment("A2", "S2", "U1", "declined", "N1"),
        assignment("A3", "S3", "U1", "active", "N2"), assignment("A4", "S4", "U1", "confirmed", "N2"),
      ],
    }, 0);
    const k = kpis(store.getState()!, Date.parse(AT));
    // N1: 3 needed, one only requested, one declined: 3 unmet. N2: one on site, one confirmed: 0. Not N9: its spike ended at 07:00.
    expect(k).toMatchObject({ activeIncidents: 1, deployed: 3, unmetNeed: 3, coverage: { requested: 1, confirmed: 1, onSite: 1, declined: 1, unmet: 3 } });
    expect(kpis(store.getState()!, Date.parse("2025-01-10T06:00:00.000+08:00")).unmetNeed).toBe(7);
  });

  it("a release marks its person only until its until, as the server counts it", () => {
    const release = (id: string, staffId: string, until: string, status: "active" | "ended" = "active") =>
      ({ id, unitId: "U1", staffId, until, status, createdAt: AT, version: 1 });
    const releases = new Map([
      ["R1", release("R1", "A", "2025-01-10T12:00:00.000+08:00")],
      ["R2", release("R2", "B", "2025-01-10T07:00:00.000+08:00")], // already past at AT
      ["R3", release("R3", "C", "2025-01-10T12:00:00.000+08:00", "ended")],
    ]);
    expect([...releasedStaff(releases, Date.parse(AT)).keys()]).toEqual(["A"]);
    expect([...releasedStaff(releases, Date.parse("2025-01-10T13:00:00.000+08:00")).keys()]).toEqual([]);
  });
});
