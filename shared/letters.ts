/**
 * Surat Perintah Tugas (issue 11): the letter as issued and stored, so a reprint is the same letter with
 * the same number, and the signer is who they were when it was signed. Numbered by a yearly counter per
 * issuing unit (`LetterCounter`), bumped in the transaction that first issues a letter.
 */
import { z } from "zod";
import { Acting, Golongan, Id, LatLng, SiteKind, Skill, Timestamp, Version } from "./domain.js";

/** Pangkat by golongan (PP 99/2000), as a letter names a person's rank. */
export const PANGKAT: Record<string, string> = {
  "I/a": "Juru Muda", "I/b": "Juru Muda Tingkat I", "I/c": "Juru", "I/d": "Juru Tingkat I",
  "II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tingkat I", "II/c": "Pengatur", "II/d": "Pengatur Tingkat I",
  "III/a": "Penata Muda", "III/b": "Penata Muda Tingkat I", "III/c": "Penata", "III/d": "Penata Tingkat I",
  "IV/a": "Pembina", "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda", "IV/d": "Pembina Utama Madya", "IV/e": "Pembina Utama",
};

/** "Penata Muda (III/a)". */
export function pangkatGolongan(golongan: string): string {
  const pangkat = PANGKAT[golongan];
  return pangkat ? `${pangkat} (${golongan})` : golongan;
}

/** A NIP as the public may see it: the first 4 and last 3 digits. */
export function maskNip(nip: string): string {
  return nip.length < 8 ? "*".repeat(nip.length) : nip.slice(0, 4) + "*".repeat(nip.length - 7) + nip.slice(-3);
}

/** The verify code of a letter: Crockford base32, 10 characters. */
export const VerifyCode = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{10}$/, "a verify code is 10 characters of 0-9 and A-Z without I, L, O, U");

const Person = z.object({ staffId: Id, name: z.string(), nip: z.string(), golongan: Golongan, jabatan: z.string(), unitName: z.string() });
export const LetterSigner = z.object({ name: z.string(), nip: z.string(), jabatan: z.string(), golongan: Golongan.optional(), acting: Acting.optional() });
export type LetterSigner = z.infer<typeof LetterSigner>;

/** What the letter says, fixed at first issue. */
export const LetterContent = z.object({
  issuer: z.object({ unitId: Id, unitName: z.string(), address: z.array(z.string()) }),
  person: Person,
  task: z.object({ skill: Skill, siteKind: SiteKind, siteId: Id, siteTitle: z.string(), place: z.string(), commandPost: LatLng.optional() }),
  period: z.object({ from: Timestamp, until: Timestamp.optional() }),
  dasar: z.array(z.string()),
  signer: LetterSigner,
  verifyUrl: z.string(),
});
export type LetterContent = z.infer<typeof LetterContent>;

export const LetterRecord = z.object({
  id: Id,
  assignmentId: Id,
  staffId: Id,
  fromUnitId: Id,
  planId: Id.optional(),
  /** e.g. 800.1.11.1/023/PKM-SIKUMANA/XII/2026 */
  number: z.string(),
  year: z.number().int(),
  seq: z.number().int().min(1),
  code: VerifyCode,
  issuedAt: Timestamp,
  issuedBy: z.string(),
  content: LetterContent,
  version: Version,
});
export type LetterRecord = z.infer<typeof LetterRecord>;

/** What the log and the live feed carry of a letter: that it was issued, by whom, with which number. */
export const LetterSummary = LetterRecord.pick({ id: true, assignmentId: true, staffId: true, fromUnitId: true, number: true, year: true, seq: true, issuedAt: true, issuedBy: true, version: true })
  .extend({ planId: Id.optional() });
export type LetterSummary = z.infer<typeof LetterSummary>;

/** The yearly counter of one issuing unit: id `${unitId}:${year}`. */
export const LetterCounter = z.object({ id: z.string(), unitId: Id, year: z.number().int(), last: z.number().int().min(0), version: Version });
export type LetterCounter = z.infer<typeof LetterCounter>;

/** GET /api/assignments/:id/letter: the letter's facts for the person's phone (download, WhatsApp). */
export const LetterInfo = z.object({
  id: Id,
  assignmentId: Id,
  number: z.string(),
  code: VerifyCode,
  verifyUrl: z.string(),
  issuedAt: Timestamp,
  signer: LetterSigner,
  period: LetterContent.shape.period,
});
export type LetterInfo = z.infer<typeof LetterInfo>;
