/**
 * `<input type="datetime-local">` values read and written in WITA (UTC+8, no daylight saving), so a time
 * typed at the command post means the same instant on every device, whatever its own time zone.
 */
const WITA_OFFSET_MS = 8 * 3600_000;

/** "2025-01-05T17:00" (WITA) → "2025-01-05T17:00:00+08:00". */
export function witaInputToIso(value: string): string {
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  return `${withSeconds}+08:00`;
}

/** An instant → "2025-01-05T17:00" in WITA. */
export function isoToWitaInput(instant: number | string | Date): string {
  const ms = new Date(instant).getTime() + WITA_OFFSET_MS;
  return new Date(ms).toISOString().slice(0, 16);
}
