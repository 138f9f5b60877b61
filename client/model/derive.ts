/**
 * Figures the views show, derived from the live state once per state change (never per marker or per
 * row): per-unit load, flows from donor units to sites, KPIs, and a need index. Memoised on the identity
 * of the collections they read, which the live store keeps until a change touches them.
 */
import type { Assignment, DemandSpike, Incident, LatLng, Need, SiteKind, Staff, Unit } from "../../shared/domain.js";
import {
  countCoverage, emptyCoverage, incidentSiteLocation, incidentTakesPeople, isOpen, loadLevel, releaseInForce, settleCoverage, spikeInForce, spikeSiteLocation, unitLoad, type Coverage, type LoadLevel,
} from "../../shared/rules.js";
import type { LiveState } from "../live/index.js";
import { ShardedMap } from "../live/sharded-map.js";

export { isOpen, loadLevel, LOAD_THRESHOLDS, type LoadLevel } from "../../shared/rules.js";

export interface UnitAgg {
  unit: Unit;
  /** Staff whose home unit this is. */
  staffTotal: number;
  /** Home staff present at work (shared/rules.ts isPresent): available and not held by an open assignment. */
  atHome: number;
  /** Home staff with an open assignment (lent out or about to be). */
  lentOut: number;
  /** Extra workload of the unit's active demand spikes. */
  spikeExtra: number;
  /** shared/rules.ts unitLoad(workload + spikeExtra, atHome): what the planner reports as the unit's load before. */
  load: number;
  level: LoadLevel;
}

export const LOAD_COLORS: Record<LoadLevel, string> = { ok: "#2e7d32", warn: "#f9a825", over: "#c62828" };
export const SEVERITY_COLORS = ["#fbc02d", "#fb8c00", "#f4511e", "#d32f2f", "#880e4f"] as const;
/** Text on a severity colour that keeps WCAG AA contrast: black on the light ones, white on the dark. */
export function severityTextColor(severity: number): string {
  return Math.round(severity) >= 4 ? "#fff" : "#000";
}
export function severityColor(severity: number): string {
  return SEVERITY_COLORS[Math.min(5, Math.max(1, Math.round(severity))) - 1]!;
}

/** Memoises a function of a few arguments on their identity (the last call only). */
function memo<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | null = null;
  let last: R;
  return (...args: A) => {
    if (!lastArgs || args.length !== lastArgs.length || args.some((a, i) => a !== lastArgs![i])) {
      last = fn(...args);
      lastArgs = args;
    }
    return last;
  };
}

/**
 * Running per-key sums over one collection, updated from the keys that changed since the version it last
 * saw (ShardedMap.changedSince) instead of a pass over every item: at province scale a pass over 100,000
 * staff costs ~20 ms, one changed person costs microseconds. Falls back to a full pass when it cannot diff.
 */
export class Tally<T> {
  private source: ReadonlyMap<string, T> | null = null;
  readonly sums = new Map<string, number[]>();
  private readonly plus = (key: string, i: number, d: number) => this.add(key, i, d);
  private readonly minus = (key: string, i: number, d: number) => this.add(key, i, -d);

  constructor(
    private readonly width: number,
    private readonly contribute: (item: T, add: (key: string, field: number, delta: number) => void) => void,
  ) {}

  sync(next: ReadonlyMap<string, T>): this {
    if (next === this.source) return this;
    const prev = this.source;
    const changed = prev && next instanceof ShardedMap ? (next as ShardedMap<T>).changedSince(prev) : null;
    if (!prev || !changed) {
      this.sums.clear();
      for (const item of next.values()) this.contribute(item, this.plus);
    } else {
      for (const id of changed) {
        const before = prev.get(id);
        if (before !== undefined) this.contribute(before, this.minus);
        const after = next.get(id);
        if (after !== undefined) this.contribute(after, this.plus);
      }
    }
    this.source = next;
    return this;
  }

  get(key: string, field: number): number {
    return this.sums.get(key)?.[field] ?? 0;
  }

  private add(key: string, i: number, d: number) {
    let row = this.sums.get(key);
    if (!row) this.sums.set(key, (row = new Array<number>(this.width).fill(0)));
    row[i]! += d;
  }
}

const STAFF_TOTAL = 0, STAFF_AVAILABLE = 1;
const staffTally = new Tally<Staff>(2, (s, add) => {
  add(s.homeUnitId, STAFF_TOTAL, 1);
  if (s.status === "available") add(s.homeUnitId, STAFF_AVAILABLE, 1);
});
const LENT = 0, HELD_AVAILABLE = 1;
const lentTally = new Tally<Assignment>(2, (a, add) => {
  if (!isOpen(a)) return;
  add(a.fromUnitId, LENT, 1);
  // Requested and confirmed people are still `available` but held: not present (isPresent). Checked-in
  // ones are `deployed` and already out of the available count.
  if (a.state !== "active") add(a.fromUnitId, HELD_AVAILABLE, 1);
});
/**
 * Per-unit aggregates; staff and assignment sums are kept incrementally between state changes. Spikes
 * are few and count only until their `until`, so they are summed afresh for `asOf` (a minute from
 * `useMinute`, so the memo holds within the minute).
 */
export const unitAggregates = memo(function unitAggregates(
  units: ReadonlyMap<string, Unit>,
  staff: ReadonlyMap<string, Staff>,
  spikes: ReadonlyMap<string, DemandSpike>,
  assignments: ReadonlyMap<string, Assignment>,
  asOf: number,
): Map<string, UnitAgg> {
  staffTally.sync(staff);
  lentTally.sync(assignments);
  const spikeExtras = new Map<string, number>();
  for (const sp of spikes.values()) {
    if (spikeInForce(sp, asOf)) spikeExtras.set(sp.unitId, (spikeExtras.get(sp.unitId) ?? 0) + sp.extraWorkload);
  }
  const out = new Map<string, UnitAgg>();
  for (const unit of units.values()) {
    const atHome = Math.max(0, staffTally.get(unit.id, STAFF_AVAILABLE) - lentTally.get(unit.id, HELD_AVAILABLE));
    const spikeExtra = spikeExtras.get(unit.id) ?? 0;
    const load = unitLoad(unit.workload + spikeExtra, atHome);
    out.set(unit.id, {
      unit, staffTotal: staffTally.get(unit.id, STAFF_TOTAL), atHome, lentOut: lentTally.get(unit.id, LENT), spikeExtra, load, level: loadLevel(load),
    });
  }
  return out;
});

export interface NeedRef {
  need: Need;
  siteKind: SiteKind;
  siteId: string;
  /** Open assignments on this need. */
  open: number;
  /** Requested, confirmed, on site, declined and still unmet (shared/rules.ts `Coverage`). */
  coverage: Coverage;
  active: boolean;
}

/** Every need of incidents and spikes by id, with how many open assignments it has; `asOf` as above. */
export const needIndex = memo(function needIndex(
  incidents: ReadonlyMap<string, Incident>,
  spikes: ReadonlyMap<string, DemandSpike>,
  assignments: ReadonlyMap<string, Assignment>,
  asOf: number,
): Map<string, NeedRef> {
  const out = new Map<string, NeedRef>();
  for (const i of incidents.values()) {
    for (const need of i.needs) out.set(need.id, { need, siteKind: "incident", siteId: i.id, open: 0, coverage: emptyCoverage(), active: incidentTakesPeople(i) });
  }
  for (const s of spikes.values()) {
    for (const need of s.needs) out.set(need.id, { need, siteKind: "spike", siteId: s.id, open: 0, coverage: emptyCoverage(), active: spikeInForce(s, asOf) });
  }
  for (const a of assignments.values()) {
    const ref = out.get(a.needId);
    if (!ref) continue;
    countCoverage(ref.coverage, a);
    if (isOpen(a)) ref.open++;
  }
  for (const ref of out.values()) settleCoverage(ref.coverage, ref.need.count);
  return out;
});

/** Where people sent to a site report (shared/rules.ts). */
export function siteLocation(state: Pick<LiveState, "incidents" | "spikes" | "units">, siteKind: string, siteId: string): LatLng | null {
  if (siteKind === "incident") {
    const i = state.incidents.get(siteId);
    return i ? incidentSiteLocation(i) : null;
  }
  const unit = state.units.get(state.spikes.get(siteId)?.unitId ?? "");
  return unit ? spikeSiteLocation(unit) : null;
}

export interface Flow {
  key: string;
  fromUnitId: string;
  siteKind: SiteKind;
  siteId: string;
  from: LatLng;
  to: LatLng;
  count: number;
}

/** Open assignments grouped by donor unit and site: one line each on the map. */
export const flows = memo(function flows(
  units: ReadonlyMap<string, Unit>,
  incidents: ReadonlyMap<string, Incident>,
  spikes: ReadonlyMap<string, DemandSpike>,
  assignments: ReadonlyMap<string, Assignment>,
): Map<string, Flow> {
  const out = new Map<string, Flow>();
  const state = { units, incidents, spikes };
  for (const a of assignments.values()) {
    if (!isOpen(a)) continue;
    const key = `${a.fromUnitId}|${a.siteKind}|${a.siteId}`;
    const existing = out.get(key);
    if (existing) {
      existing.count++;
      continue;
    }
    const from = units.get(a.fromUnitId)?.location;
    const to = siteLocation(state, a.siteKind, a.siteId);
    if (!from || !to) continue;
    out.set(key, { key, fromUnitId: a.fromUnitId, siteKind: a.siteKind, siteId: a.siteId, from, to, count: 1 });
  }
  return out;
});

export interface Kpis {
  activeIncidents: number;
  deployed: number;
  /** Over the needs of active incidents and in-force spikes: max(0, count − confirmed − on site), summed. */
  unmetNeed: number;
  /** The same needs' requests, confirmations, people on site and declines (shared/rules.ts `Coverage`). */
  coverage: Coverage;
  maxLoad: number;
  maxLoadUnitId: string | null;
}

/**
 * The command-center numbers: active incidents, people on open assignments (at most one each, so one
 * per person), unmet need, max unit load. Once per state and minute.
 */
export const kpis = memo(function kpis(state: LiveState, asOf: number): Kpis {
  let activeIncidents = 0;
  for (const i of state.incidents.values()) if (i.status === "active") activeIncidents++;
  const deployed = openAssignmentByStaff(state.assignments).size;
  const coverage = emptyCoverage();
  const needs = needIndex(state.incidents, state.spikes, state.assignments, asOf);
  for (const ref of needs.values()) {
    if (!ref.active) continue;
    coverage.requested += ref.coverage.requested;
    coverage.confirmed += ref.coverage.confirmed;
    coverage.onSite += ref.coverage.onSite;
    coverage.declined += ref.coverage.declined;
    coverage.unmet += ref.coverage.unmet;
  }
  const unmetNeed = coverage.unmet;
  let maxLoad = 0;
  let maxLoadUnitId: string | null = null;
  for (const agg of unitAggregates(state.units, state.staff, state.spikes, state.assignments, asOf).values()) {
    if (agg.load > maxLoad) {
      maxLoad = agg.load;
      maxLoadUnitId = agg.unit.id;
    }
  }
  return { activeIncidents, deployed, unmetNeed, coverage, maxLoad, maxLoadUnitId };
});

/** Open assignment of a person, if any (invariant 1: at most one). */
export const openAssignmentByStaff = memo(function openAssignmentByStaff(assignments: ReadonlyMap<string, Assignment>): Map<string, Assignment> {
  const out = new Map<string, Assignment>();
  for (const a of assignments.values()) if (isOpen(a)) out.set(a.staffId, a);
  return out;
});

/** Staff ids with a release in force at `asOf` (a minute from useMinute), and its end. */
export const releasedStaff = memo(function releasedStaff(releases: LiveState["releases"], asOf: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of releases.values()) if (releaseInForce(r, asOf)) out.set(r.staffId, r.until);
  return out;
});

/** A site's name: the incident title, or the unit a spike is at. */
export function siteTitle(state: Pick<LiveState, "incidents" | "spikes" | "units">, siteKind: string, siteId: string): string {
  if (siteKind === "incident") return state.incidents.get(siteId)?.title ?? siteId;
  const sp = state.spikes.get(siteId);
  return sp ? state.units.get(sp.unitId)?.name ?? sp.unitId : siteId;
}

/** Units sorted by name, once per units change (for pickers). */
export const unitsByName = memo(function unitsByName(units: ReadonlyMap<string, Unit>): Unit[] {
  return [...units.values()].sort((a, b) => a.name.localeCompare(b.name));
});
