/**
 * The deny-list of common passwords (NIST SP 800-63B 5.1.1.2), a data file in the repo:
 * server/auth/data/common-passwords.txt. A password is refused when, lower-cased and with trailing digits
 * and punctuation stripped ("Password2026!" → "password"), it is on the list, or whole it is.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// Beside this module under tsx; from the bundle in dist/server/, the same file in the source tree.
const CANDIDATES = ["./data/common-passwords.txt", "../../server/auth/data/common-passwords.txt"];

let list: Set<string> | undefined;

function load(): Set<string> {
  const file = CANDIDATES.map((c) => fileURLToPath(new URL(c, import.meta.url))).find((f) => existsSync(f));
  if (!file) throw new Error("server/auth/data/common-passwords.txt is missing");
  const words = readFileSync(file, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  return new Set(words);
}

/** Whether the password is a common one. */
export function isCommonPassword(password: string): boolean {
  list ??= load();
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, "");
  return list.has(lower) || (stem.length > 0 && list.has(stem));
}
