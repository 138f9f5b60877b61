/** Small valid entities and events for the client tests. */
import type { Event, Incident, Unit } from "../../shared/domain.js";
import type { StateSnapshot } from "../../shared/entities.js";

const AT = "2025-01-10T08:00:00.000+08:00";

export function unit(id: string, workload = 10, version = 1): Unit {
  return {
    id, code: id.toLowerCase(), name: `Unit ${id}`, kind: "puskesmas", location: { lat: -10.2, lng: 123.62 },
    approximate: false, kelurahan: "53.71.02.1001", floor: 2, workload, version,
  };
}

export function incident(id: string, title: string, version = 1, extra: Partial<Incident> = {}): Incident {
  return {
    id, type: "banjir", title, severity: 3, status: "active", location: { lat: -10.21, lng: 123.6 },
    kelurahan: [], needs: [], createdAt: AT, version, ...extra,
  };
}

export function ev(seq: number, type: string, data: unknown): Event {
  return { seq, at: AT, type, actor: "koordinator", data };
}

/** Event n sets unit U1's workload to n: applying them out of order leaves the wrong workload. */
export function workloadEvent(seq: number): Event {
  return ev(seq, "unit.updated", unit("U1", seq, seq + 1));
}

export function snapshot(seq: number, units: Unit[] = [unit("U1", 0)], epoch = "epoch-1"): StateSnapshot {
  return { seq, epoch, units, staff: [], incidents: [], assignments: [], spikes: [], releases: [], plans: [], positions: [], mutasiCycles: [], wishes: [], mutasiPlans: [], objections: [] };
}
