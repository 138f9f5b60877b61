/**
 * Surat Perintah Tugas: issued the first time anyone allowed asks for it (the lending head has
 * confirmed), numbered by the issuing unit's yearly counter in the same transaction, stored with what it
 * says and who signed, and printed from the stored record ever after, so a reprint is the same letter.
 */
import { randomBytes } from "node:crypto";
import type { PublicUser } from "../../shared/domain.js";
import { conflict, DomainError } from "../../shared/errors.js";
import type { LetterInfo, LetterRecord } from "../../shared/letters.js";
import { authorize } from "../auth/authorize.js";
import { commit, type Ctx } from "../context.js";
import { romanMonth, witaYear } from "../documents/dates.js";
import { mustGet } from "../entities.js";
import { newId } from "../ids.js";
import { StoreConflict, type Tx } from "../store/port.js";
import { LETTER_STATES, letterContent } from "./content.js";

/** The classification code of a surat tugas on personnel matters (Permendagri 83/2022 pola klasifikasi 800.1). */
export const LETTER_CLASS = "800.1.11.1";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function verifyCode(): string {
  return [...randomBytes(10)].map((b) => CROCKFORD[b % 32]).join("");
}

/** "800.1.11.1/023/PKM-SIKUMANA/XII/2026". */
export function letterNumber(seq: number, unitCode: string, at: Date): string {
  return `${LETTER_CLASS}/${String(seq).padStart(3, "0")}/${unitCode.toUpperCase()}/${romanMonth(at)}/${witaYear(at)}`;
}

/** The next number of a unit's yearly counter, bumped in the caller's transaction. */
async function nextSeq(tx: Tx, unitId: string, year: number): Promise<number> {
  const id = `${unitId}:${year}`;
  const counter = await tx.get("letterCounters", id);
  if (!counter) return (await tx.insert("letterCounters", { id, unitId, year, last: 1 })).last;
  return (await tx.replace("letterCounters", { ...counter, last: counter.last + 1 })).last;
}

export const verifyUrlOf = (baseUrl: string, code: string) => `${baseUrl.replace(/\/+$/, "")}/verify/${code}`;

/** The assignment's letter, issued now in this transaction when it has none yet. */
async function issueIn(tx: Tx, ctx: Ctx, actor: PublicUser, assignmentId: string, baseUrl: string): Promise<LetterRecord> {
  const [existing] = await tx.find("letters", { assignmentId });
  if (existing) return existing;
  const a = await mustGet(tx, "assignments", assignmentId, "assignment");
  const unit = await mustGet(tx, "units", a.fromUnitId, "unit");
  const now = ctx.clock.now();
  const code = verifyCode();
  const content = await letterContent(tx, a, verifyUrlOf(baseUrl, code), now);
  const year = witaYear(now);
  const seq = await nextSeq(tx, unit.id, year);
  const letter = await tx.insert("letters", {
    id: newId("spt"), assignmentId, staffId: a.staffId, fromUnitId: a.fromUnitId, ...(a.planId ? { planId: a.planId } : {}),
    number: letterNumber(seq, unit.code, now), year, seq, code, issuedAt: now.toISOString(), issuedBy: actor.username, content,
  });
  const { content: _c, code: _code, ...summary } = letter;
  await tx.append({ type: "letter.issued", actor: actor.username, data: summary });
  return letter;
}

/** Retries once when a concurrent first request issued the same letter (the unique index on assignmentId). */
async function onceIssued<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof StoreConflict && (error.collection === "letters" || error.collection === "letterCounters")) return fn();
    throw error;
  }
}

/** The letter of one assignment, for those the policy lets see it (the person, their unit head, coordinators). */
export async function assignmentLetter(ctx: Ctx, user: PublicUser, assignmentId: string, baseUrl: string): Promise<LetterRecord> {
  const a = await ctx.store.read((tx) => mustGet(tx, "assignments", assignmentId, "assignment"));
  authorize(user, "letter.read", a);
  const [stored] = await ctx.store.read((tx) => tx.find("letters", { assignmentId }));
  if (stored) return stored;
  return onceIssued(() => commit(ctx, (tx) => issueIn(tx, ctx, user, assignmentId, baseUrl)));
}

/** Every letter of a plan's approved lines that the lending units have confirmed, issued in one transaction. */
export async function planLetters(ctx: Ctx, user: PublicUser, planId: string, baseUrl: string): Promise<LetterRecord[]> {
  authorize(user, "letter.plan");
  await ctx.store.read((tx) => mustGet(tx, "plans", planId, "plan"));
  const letters = await onceIssued(() => commit(ctx, async (tx) => {
    const lines = (await tx.find("assignments", { planId })).filter((a) => LETTER_STATES.includes(a.state));
    const out: LetterRecord[] = [];
    for (const a of lines) out.push(await issueIn(tx, ctx, user, a.id, baseUrl));
    return out;
  }));
  if (letters.length === 0) throw conflict("wrong_state", "No line of this plan has been confirmed by its home unit yet: there is no letter to print");
  return letters.sort((x, y) => x.number.localeCompare(y.number));
}

export function letterInfo(letter: LetterRecord): LetterInfo {
  return {
    id: letter.id, assignmentId: letter.assignmentId, number: letter.number, code: letter.code, verifyUrl: letter.content.verifyUrl,
    issuedAt: letter.issuedAt, signer: letter.content.signer, period: letter.content.period,
  };
}

/** The letter behind a public verify code, or a 404. */
export async function letterByCode(ctx: Ctx, code: string): Promise<LetterRecord> {
  const [letter] = await ctx.store.read((tx) => tx.find("letters", { code }));
  if (!letter) throw new DomainError("not_found", "No letter with this code");
  return letter;
}
