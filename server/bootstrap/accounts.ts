/** Demo accounts on first start (DESIGN.md, "Names on the wire"). */
import { chmodSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Acting, Role, Staff, Unit, UserRecord } from "../../shared/domain.js";
import { hashGeneratedPassword, hashPassword, randomPassword } from "../auth/passwords.js";
import { seededMark } from "../lifecycle/startup.js";
import type { Tx } from "../store/port.js";

export interface Account {
  username: string;
  role: Role;
  unitId?: string;
  staffId?: string;
  acting?: Acting;
  official?: UserRecord["official"];
  password: string;
}

export function demoAccounts(units: Unit[], staff: Staff[], demoPassword: string | undefined): Account[] {
  const pw = () => demoPassword ?? randomPassword();
  // The seed lists each unit's head first among its staff: the account is theirs (their phone is the unit's contact).
  const headOf = new Map<string, string>();
  for (const s of staff) if (!headOf.has(s.homeUnitId)) headOf.set(s.homeUnitId, s.id);
  return [
    { username: "koordinator", role: "coordinator", password: pw() },
    { username: "layar", role: "screen", password: pw() },
    // The PPK of Kota Kupang and a Plh standing in (fictional names): only the first may sign an SK mutasi.
    { username: "walikota", role: "ppk", official: { name: "Yeremias Laiskodat", nip: "197208152000031004", jabatan: "Wali Kota Kupang" }, password: pw() },
    { username: "plh.walikota", role: "ppk", acting: "plh", official: { name: "Agustinus Nalle", nip: "197503092001121002", jabatan: "Plh. Wali Kota Kupang" }, password: pw() },
    ...units.map((u): Account => ({ username: `kepala.${u.code}`, role: "unit_head", unitId: u.id, ...(headOf.has(u.id) ? { staffId: headOf.get(u.id)! } : {}), password: pw() })),
    // One named stand-in, so the demo shows escalation reaching a Plh first (issue 15).
    ...units.filter((u) => u.kind === "puskesmas").slice(0, 1).map((u): Account => ({ username: `plh.${u.code}`, role: "unit_head", unitId: u.id, acting: "plh", password: pw() })),
    ...staff.map((s): Account => ({ username: s.nip, role: "staff", staffId: s.id, password: pw() })),
  ];
}

/** Stores the users with their hashed passwords (from hashAll), each with its audit event (never the hash). */
export async function insertAccounts(tx: Tx, accounts: Account[], hashes: Map<string, string>) {
  for (const a of accounts) {
    const { password, ...user } = a;
    const { passwordHash: _h, ...data } = await tx.insert("users", { id: `usr-${a.username}`, ...user, passwordHash: hashes.get(password)! });
    await tx.append({ type: "user.created", actor: "seed", data });
  }
}

/**
 * Hashes every distinct password once: with SIAGA_DEMO_PASSWORD that is ONE scrypt for all ~700 demo
 * accounts, which then store the same salt+hash string. The trade-off: identical hashes show that the
 * accounts share a password, and one cracked hash opens them all; but a demo password is shared by
 * design and known to everyone given it, so per-account salts would only cost ~40 ms each (tens of seconds
 * on a busy machine) and protect nothing. Random passwords keep one salt and hash each, at the work
 * factor for generated passwords when `generated` says they are (passwords.ts); node's async scrypt runs
 * them on libuv's thread pool, in parallel and off the event loop.
 */
export async function hashAll(accounts: Pick<Account, "password">[], generated = false): Promise<Map<string, string>> {
  const unique = [...new Set(accounts.map((a) => a.password))];
  const hashes = await Promise.all(unique.map(generated ? hashGeneratedPassword : hashPassword));
  return new Map(unique.map((p, i) => [p, hashes[i]!]));
}

/** Writes the credentials once, readable by the owner only, and returns the file path; whole or not at all (a rename). */
export function writeCredentials(dataDir: string, accounts: Account[]): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "demo-credentials.txt");
  const lines = ["# Siaga demo accounts, generated on first start. Keep this file private.", "# username\trole\tpassword", ...accounts.map((a) => `${a.username}\t${a.role}\t${a.password}`)];
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, lines.join("\n") + "\n", { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  return file;
}

/** Marks the data directory as seeded (server/lifecycle/startup.ts refuses to seed it again). */
export function markSeeded(dataDir: string, epoch: string): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(seededMark(dataDir), `seeded ${new Date().toISOString()} epoch ${epoch}\n`);
}
