/**
 * The mutasi rulebook: who may be moved this cycle (eligibility, rule by rule, each with its legal basis)
 * and a person's points sheet. Pure and shared: the server feeds the optimiser with it, the dashboard shows
 * a person the same checks and points.
 */
import type { Staff } from "./domain.js";
import { SETTING_BASIS, type CycleSettings, type Eligibility, type MutasiCycle, type PointsSheet, type Position, type Wish } from "./mutasi-cycle.js";

type EligibilityStaff = Pick<Staff, "id" | "nip" | "jabatan" | "positionId" | "tmtJabatan" | "sanctionUntil" | "studyLeave" | "unpaidLeave">;

/** Whole months from `from` to `to` (yyyy-mm-dd), a month counted once its day is reached. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/** Birth date from the NIP (digits 1–8). */
export function birthDateOf(nip: string): string {
  return `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
}

/** When the person came into the current position: tmtJabatan, else the TMT of appointment in the NIP. */
export function positionSince(staff: Pick<Staff, "nip" | "tmtJabatan">): string {
  return staff.tmtJabatan ?? `${staff.nip.slice(8, 12)}-${staff.nip.slice(12, 14)}-01`;
}

/** Batas usia pensiun by the kind of position (and the functional level named in the jabatan). */
export function retirementAge(kind: Position["kind"] | undefined, jabatan: string): number {
  if (kind === "jpt") return 60;
  if (/ahli utama/i.test(jabatan)) return 65;
  if (/ahli madya/i.test(jabatan)) return 60;
  return 58;
}

/**
 * Each rule of movability, evaluated at the cycle's TMT (the day a move would take effect). `due` marks
 * someone over the maximum time in position: shown to the coordinators; the model still weighs their choice.
 */
export function eligibilityOf(staff: EligibilityStaff, position: Pick<Position, "kind"> | undefined, settings: CycleSettings): Eligibility {
  const at = settings.tmt;
  const months = monthsBetween(positionSince(staff), at);
  const age = monthsBetween(birthDateOf(staff.nip), at);
  const bup = retirementAge(position?.kind, staff.jabatan);
  const checks: Eligibility["checks"] = [
    { rule: "position", ok: position !== undefined, basis: "Peraturan BKN 5/2019: mutasi dari dan ke jabatan dalam formasi", detail: position ? "holds a position" : "holds no position of the ABK" },
    { rule: "min_months", ok: months >= settings.minMonths, basis: SETTING_BASIS.minMonths, detail: `${months} months in position at TMT ${at}; at least ${settings.minMonths}` },
    { rule: "max_months", ok: true, basis: SETTING_BASIS.maxMonths, detail: months > settings.maxMonths ? `${months} months in position: over ${settings.maxMonths}, a move is due` : `${months} of at most ${settings.maxMonths} months` },
    {
      rule: "sanction", ok: !staff.sanctionUntil || staff.sanctionUntil < at, basis: SETTING_BASIS.sanction,
      detail: staff.sanctionUntil && staff.sanctionUntil >= at ? `under a disciplinary sanction until ${staff.sanctionUntil}` : "no sanction",
    },
    { rule: "study_leave", ok: !staff.studyLeave, basis: SETTING_BASIS.studyLeave, detail: staff.studyLeave ? "on study leave (tugas belajar)" : "not on study leave" },
    { rule: "unpaid_leave", ok: !staff.unpaidLeave, basis: SETTING_BASIS.unpaidLeave, detail: staff.unpaidLeave ? "on unpaid leave (CLTN)" : "not on unpaid leave" },
    {
      // Someone who retires within a year of the TMT is not moved: the move would barely start.
      rule: "retirement", ok: age + 12 < bup * 12, basis: SETTING_BASIS.retirement,
      detail: `${Math.floor(age / 12)} years old at TMT; BUP ${bup}`,
    },
  ];
  return { staffId: staff.id, movable: checks.every((c) => c.ok), due: months > settings.maxMonths, checks };
}

const RATING_LABEL = { sangat_baik: "Sangat Baik", baik: "Baik", butuh_perbaikan: "Butuh Perbaikan", kurang: "Kurang", sangat_kurang: "Sangat Kurang" } as const;

/** The points sheet: the SKP rating of the year before, years in position, and the reasons of the wish; total capped to 0..100. */
export function pointsOf(
  cycle: Pick<MutasiCycle, "id" | "year" | "settings">,
  staff: Pick<Staff, "id" | "nip" | "tmtJabatan" | "ratings">,
  wish: Pick<Wish, "reasons"> | null | undefined,
): PointsSheet {
  const rules = cycle.settings.points;
  const items: PointsSheet["items"] = [];
  const year = String(cycle.year - 1);
  const rating = staff.ratings?.[year];
  items.push({ rule: "rating", points: rating ? rules.rating[rating] : 0, detail: rating ? `SKP ${year}: ${RATING_LABEL[rating]}` : `no SKP rating for ${year}` });
  const years = Math.max(0, Math.floor(monthsBetween(positionSince(staff), cycle.settings.tmt) / 12));
  items.push({ rule: "tenure", points: Math.min(rules.tenureMax, years * rules.tenurePerYear), detail: `${years} years in position` });
  for (const code of new Set((wish?.reasons ?? []).map((r) => r.code))) {
    const points = rules.reason[code];
    if (points > 0) items.push({ rule: `reason.${code}`, points });
  }
  const total = Math.max(0, Math.min(100, items.reduce((sum, i) => sum + i.points, 0)));
  return { cycleId: cycle.id, staffId: staff.id, items, total };
}

/** The units a plan moves people from or to: their heads review it (shared/policy.ts mutasi.plan.review). */
export function affectedUnitIds(plan: { input: { positions: readonly { id: string; unitId: string }[] }; result: { moves: readonly { from: string; to: string }[] } }): string[] {
  const unitOf = new Map(plan.input.positions.map((p) => [p.id, p.unitId]));
  const units = new Set<string>();
  for (const m of plan.result.moves) for (const p of [m.from, m.to]) { const u = unitOf.get(p); if (u) units.add(u); }
  return [...units].sort();
}
