/** Demo accounts on first start (DESIGN.md, "Names on the wire"). */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Role, Staff, Unit } from "../../shared/domain.js";
import { hashPassword, randomPassword } from "../auth/passwords.js";
import type { Tx } from "../store/port.js";

export interface Account {
  username: string;
  role: Role;
  unitId?: string;
  staffId?: string;
  acting?: "plh" | "plt";
  password: string;
}

export function demoAccounts(units: Unit[], staff: Staff[], demoPassword: string | undefined): Account[] {
  const pw = () => demoPassword ?? randomPassword();
  return [
    { username: "koordinator", role: "coordinator", password: pw() },
    { username: "layar", role: "screen", password: pw() },
    ...units.map((u): Account => ({ username: `kepala.${u.code}`, role: "unit_head", unitId: u.id, password: pw() })),
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

/** Hashes every distinct password once (once in all when they share the demo password). */
export async function hashAll(accounts: Account[]): Promise<Map<string, string>> {
  const unique = [...new Set(accounts.map((a) => a.password))];
  const hashes = await Promise.all(unique.map(hashPassword));
  return new Map(unique.map((p, i) => [p, hashes[i]!]));
}

/** Writes the credentials once, readable by the owner only, and returns the file path. */
export function writeCredentials(dataDir: string, accounts: Account[]): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "demo-credentials.txt");
  const lines = ["# Siaga demo accounts, generated on first start. Keep this file private.", "# username\trole\tpassword", ...accounts.map((a) => `${a.username}\t${a.role}\t${a.password}`)];
  writeFileSync(file, lines.join("\n") + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
