import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (e, key) => (e ? reject(e) : resolve(key))));

// N=2^14, r=8: ~40 ms a hash here, for passwords people choose (SIAGA_DEMO_PASSWORD, a changed password).
const PARAMS = { N: 16384, r: 8, p: 1 };
/**
 * For passwords randomPassword() made (about 79 bits): scrypt's work factor slows the guessing of
 * passwords people pick, and 2^79 guesses stay out of reach at any factor, so these take N=2^10
 * (~2 ms here). A first start has ~700 of them: at N=2^14 that was 13–18 s on this machine's two cores.
 * verifyPassword() reads N from each hash, and a password its owner changes is hashed at PARAMS.
 */
const GENERATED = { N: 1024, r: 8, p: 1 };

/** `scrypt$N$r$p$salt$hash`, salt and hash base64. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

/** A hash for a password that randomPassword() generated, never for one a person chose. */
export async function hashGeneratedPassword(password: string): Promise<string> {
  return hash(password, GENERATED);
}

async function hash(password: string, params: typeof PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const key = await scrypt(password, Buffer.from(salt, "base64"), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(key, expected);
}

/** A random password people can type: 4 groups of 4 from an alphabet without look-alikes. */
export function randomPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join("")).join("-");
}
