/**
 * NIP (Nomor Induk Pegawai) of an ASN: 18 digits =
 * birth date yyyymmdd (8) + TMT yyyymm (6) + gender 1|2 (1) + sequence (3).
 */

/** Why a NIP is malformed: a code a client can translate, and a short English sentence for API users. */
export type NipProblem = "nip_digits" | "nip_birth_date" | "nip_tmt" | "nip_tmt_before_18" | "nip_gender" | "nip_sequence";
export type NipCheck = { ok: true } | { ok: false; problem: NipProblem; reason: string };

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Checks the structure of a NIP. */
export function checkNip(nip: string): NipCheck {
  if (!/^\d{18}$/.test(nip)) return { ok: false, problem: "nip_digits", reason: "NIP must be exactly 18 digits" };
  const by = Number(nip.slice(0, 4));
  const bm = Number(nip.slice(4, 6));
  const bd = Number(nip.slice(6, 8));
  const ty = Number(nip.slice(8, 12));
  const tm = Number(nip.slice(12, 14));
  const gender = nip[14];
  const seq = Number(nip.slice(15, 18));
  if (by < 1940 || by > 2010 || !isRealDate(by, bm, bd)) return { ok: false, problem: "nip_birth_date", reason: "NIP birth date (digits 1-8) is not a valid date" };
  if (ty < 1960 || ty > 2100 || tm < 1 || tm > 12) return { ok: false, problem: "nip_tmt", reason: "NIP TMT (digits 9-14) is not a valid year and month" };
  // An ASN is appointed at 18 at the earliest.
  if (ty * 12 + tm < (by + 18) * 12 + bm) return { ok: false, problem: "nip_tmt_before_18", reason: "NIP TMT is before the person turned 18" };
  if (gender !== "1" && gender !== "2") return { ok: false, problem: "nip_gender", reason: "NIP gender digit (15) must be 1 or 2" };
  if (seq < 1) return { ok: false, problem: "nip_sequence", reason: "NIP sequence (digits 16-18) must be 001 or more" };
  return { ok: true };
}
