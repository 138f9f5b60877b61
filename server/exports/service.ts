/**
 * Exports for the Camat, the Wali Kota and the auditors: the assignments (CSV, XLSX), the person-days
 * each unit gave (the equity view: which units carried most of the season), and the event log.
 */
import type { Assignment, PublicUser } from "../../shared/domain.js";
import type { EventsExportQuery, ExportQuery } from "../../shared/exports.js";
import { authorize } from "../auth/authorize.js";
import type { Ctx } from "../context.js";
import { witaDayStart, witaStamp } from "../documents/dates.js";
import { eventFor } from "../privacy.js";
import type { Cell } from "./cells.js";

const DAY = 86_400_000;
/** A day given as `2026-12-01` starts and ends in WITA. */
const start = (v: string) => (v.length === 10 ? witaDayStart(v) : Date.parse(v));
const end = (v: string) => (v.length === 10 ? start(v) + DAY : Date.parse(v));

const at = (a: Assignment, state: Assignment["state"]) => a.history.find((h) => h.state === state)?.at;
const ENDS: Assignment["state"][] = ["completed", "recalled", "cancelled", "declined"];
const endedAt = (a: Assignment) => a.history.findLast((h) => ENDS.includes(h.state))?.at;

/**
 * The time a person was away from their unit: from the lending unit's confirmation to the end (completed,
 * recalled, cancelled) or now, clipped to the window. A request never confirmed took nobody away.
 */
function awayMs(a: Assignment, now: number, from?: number, to?: number): number {
  const s = at(a, "confirmed");
  if (!s) return 0;
  const e = endedAt(a);
  const lo = Math.max(Date.parse(s), from ?? -Infinity);
  const hi = Math.min(e ? Date.parse(e) : now, to ?? Infinity);
  return Math.max(0, hi - lo);
}

function selected(a: Assignment, q: ExportQuery, now: number): boolean {
  if (q.incident && a.siteId !== q.incident) return false;
  if (q.unit && a.fromUnitId !== q.unit) return false;
  const created = Date.parse(a.createdAt);
  const e = endedAt(a);
  if (q.to && created >= end(q.to)) return false;
  if (q.from && (e ? Date.parse(e) : now) < start(q.from)) return false;
  return true;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export const ASSIGNMENT_HEADER = [
  "id", "status", "nama", "nip", "golongan", "jabatan", "kode_unit_asal", "unit_asal", "jenis_lokasi", "lokasi", "keahlian",
  "dilepas", "rencana", "dibuat_wita", "dikonfirmasi_wita", "mulai_wita", "selesai_wita", "hari_orang", "nomor_surat_tugas",
];

/** One row per assignment matching the filters. */
export async function assignmentRows(ctx: Ctx, user: PublicUser, q: ExportQuery): Promise<Cell[][]> {
  authorize(user, "export.read");
  const now = ctx.clock.now().getTime();
  const { assignments, staff, units, incidents, spikes, letters } = await ctx.store.read(async (tx) => ({
    assignments: await tx.find("assignments"), staff: await tx.find("staff"), units: await tx.find("units"),
    incidents: await tx.find("incidents"), spikes: await tx.find("spikes"), letters: await tx.find("letters"),
  }));
  const staffById = new Map(staff.map((s) => [s.id, s]));
  const unitById = new Map(units.map((u) => [u.id, u]));
  const site = new Map<string, { title: string; skill: Map<string, string> }>([
    ...incidents.map((i) => [i.id, { title: i.title, skill: new Map(i.needs.map((n) => [n.id, n.skill])) }] as const),
    ...spikes.map((s) => [s.id, { title: `${unitById.get(s.unitId)?.name ?? s.unitId}: ${s.reason}`, skill: new Map(s.needs.map((n) => [n.id, n.skill])) }] as const),
  ]);
  const letterOf = new Map(letters.map((l) => [l.assignmentId, l.number]));
  const stamp = (v: string | undefined) => (v ? witaStamp(v) : "");
  return assignments.filter((a) => selected(a, q, now)).sort((x, y) => x.createdAt.localeCompare(y.createdAt)).map((a) => {
    const s = staffById.get(a.staffId);
    const u = unitById.get(a.fromUnitId);
    return [
      a.id, a.state, s?.name, s?.nip, s?.golongan, s?.jabatan, u?.code, u?.name, a.siteKind, site.get(a.siteId)?.title, site.get(a.siteId)?.skill.get(a.needId),
      a.released ? "ya" : "tidak", a.planId, stamp(a.createdAt), stamp(at(a, "confirmed")), stamp(at(a, "active")), stamp(endedAt(a)),
      round2(awayMs(a, now) / DAY), letterOf.get(a.id),
    ];
  });
}

export const PERSON_DAYS_HEADER = ["kode_unit", "unit", "jenis", "pegawai_dikirim", "penugasan", "hari_orang", "persen_hari_orang", "pegawai_unit", "hari_orang_per_pegawai"];

/** Person-days each unit gave in the window, most first. */
export async function personDayRows(ctx: Ctx, user: PublicUser, q: ExportQuery): Promise<Cell[][]> {
  authorize(user, "export.read");
  const now = ctx.clock.now().getTime();
  const { assignments, staff, units } = await ctx.store.read(async (tx) => ({ assignments: await tx.find("assignments"), staff: await tx.find("staff"), units: await tx.find("units") }));
  const from = q.from ? start(q.from) : undefined, to = q.to ? end(q.to) : undefined;
  const per = new Map<string, { people: Set<string>; count: number; ms: number }>();
  for (const a of assignments) {
    if (!selected(a, q, now)) continue;
    const ms = awayMs(a, now, from, to);
    if (ms === 0) continue;
    const p = per.get(a.fromUnitId) ?? { people: new Set(), count: 0, ms: 0 };
    p.people.add(a.staffId);
    p.count++;
    p.ms += ms;
    per.set(a.fromUnitId, p);
  }
  const total = [...per.values()].reduce((n, p) => n + p.ms, 0);
  const headcount = new Map<string, number>();
  for (const s of staff) headcount.set(s.homeUnitId, (headcount.get(s.homeUnitId) ?? 0) + 1);
  return units.filter((u) => (q.unit ? u.id === q.unit : true))
    .map((u) => ({ u, p: per.get(u.id) ?? { people: new Set<string>(), count: 0, ms: 0 } }))
    .sort((x, y) => y.p.ms - x.p.ms || x.u.code.localeCompare(y.u.code))
    .map(({ u, p }) => {
      const n = headcount.get(u.id) ?? 0;
      return [u.code, u.name, u.kind, p.people.size, p.count, round2(p.ms / DAY), total ? round2((100 * p.ms) / total) : 0, n, n ? round2(p.ms / DAY / n) : 0];
    });
}

export const EVENTS_HEADER = ["seq", "waktu_wita", "jenis", "oleh", "data"];

/** The audit log as the user may see it (private fields cut unless the policy shows them). */
export async function eventRows(ctx: Ctx, user: PublicUser, q: EventsExportQuery): Promise<Cell[][]> {
  authorize(user, "export.read");
  const rows: Cell[][] = [];
  let since = q.since;
  // In pages, so a long log is never one huge read.
  while (rows.length < q.limit) {
    const page = await ctx.store.eventsSince(since, Math.min(5000, q.limit - rows.length));
    if (page.length === 0) break;
    for (const e of page.map((ev) => eventFor(user, ev))) rows.push([e.seq, witaStamp(e.at), e.type, e.actor, JSON.stringify(e.data)]);
    since = page[page.length - 1]!.seq;
  }
  return rows;
}
