/**
 * Dates as official letters and reports write them: Indonesian month names, in WITA (Asia/Makassar,
 * UTC+8, no daylight saving), whatever the server's own time zone is. The one formatter of the project
 * for documents and exports.
 */
export const BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"] as const;
const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"] as const;
/** WITA is UTC+8 all year. */
const WITA_OFFSET_MS = 8 * 3600_000;

/** The calendar fields of an instant in WITA. */
export function witaParts(at: Date | string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const d = new Date((typeof at === "string" ? Date.parse(at) : at.getTime()) + WITA_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2 Desember 2026". */
export function tanggal(at: Date | string): string {
  const p = witaParts(at);
  return `${p.day} ${BULAN[p.month - 1]} ${p.year}`;
}

/** "2 Desember 2026 pukul 08.30 WITA". */
export function tanggalJam(at: Date | string): string {
  const p = witaParts(at);
  return `${tanggal(at)} pukul ${pad(p.hour)}.${pad(p.minute)} WITA`;
}

/** "2026-12-02 08:30:00 WITA": sortable, for exports. */
export function witaStamp(at: Date | string): string {
  const p = witaParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} WITA`;
}

/** "XII": the month in Roman numerals, as letter numbers carry it. */
export function romanMonth(at: Date | string): string {
  return ROMAN[witaParts(at).month - 1]!;
}

/** The WITA year of an instant (yearly letter counters run on it). */
export function witaYear(at: Date | string): number {
  return witaParts(at).year;
}

/** "2026-12-02": the calendar day in Kupang of an instant (TMTs, sanctions, blackout windows are days there). */
export function witaDay(at: Date | string): string {
  const p = witaParts(at);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The instant a WITA day ("2026-12-02") begins: 00:00 in Kupang, 16:00 UTC the day before. */
export function witaDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - WITA_OFFSET_MS;
}
