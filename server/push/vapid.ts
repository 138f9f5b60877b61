/**
 * The deployment's VAPID identity (RFC 8292): the key pair the push services know this server by, and a
 * contact (`mailto:` or `https:`). Checked at start (server/config.ts), so a key pasted wrong or a pair
 * that does not match is a refusal with its reason, not a push that fails for ever at 3 a.m.
 */
import { createECDH } from "node:crypto";

export interface Vapid {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** The environment's names, as the README gives them. */
export const VAPID_ENV = { publicKey: "SIAGA_VAPID_PUBLIC_KEY", privateKey: "SIAGA_VAPID_PRIVATE_KEY", subject: "SIAGA_VAPID_SUBJECT" } as const;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** What is wrong with the three settings, by variable; empty when all three are absent or all three are right. */
export function vapidProblems(given: Partial<Vapid>): { name: string; message: string }[] {
  const set = (Object.keys(VAPID_ENV) as (keyof Vapid)[]).filter((k) => given[k] !== undefined);
  if (set.length === 0) return [];
  if (set.length < 3) {
    return (Object.keys(VAPID_ENV) as (keyof Vapid)[]).filter((k) => given[k] === undefined).map((k) => ({
      name: VAPID_ENV[k],
      message: `Web Push needs all three of ${Object.values(VAPID_ENV).join(", ")}; ${set.map((s) => VAPID_ENV[s]).join(", ")} ${set.length === 1 ? "is" : "are"} set (generate a pair with \`npx web-push generate-vapid-keys\`, or unset them all to run without push)`,
    }));
  }
  const problems: { name: string; message: string }[] = [];
  const { publicKey, privateKey, subject } = given as Vapid;
  const publicBytes = BASE64URL.test(publicKey) ? Buffer.from(publicKey, "base64url") : undefined;
  const privateBytes = BASE64URL.test(privateKey) ? Buffer.from(privateKey, "base64url") : undefined;
  if (!publicBytes || publicBytes.length !== 65 || publicBytes[0] !== 4) {
    problems.push({ name: VAPID_ENV.publicKey, message: "the base64url (no padding) of a 65-byte uncompressed P-256 public key, as `npx web-push generate-vapid-keys` prints it" });
  }
  if (!privateBytes || privateBytes.length !== 32) {
    problems.push({ name: VAPID_ENV.privateKey, message: "the base64url (no padding) of a 32-byte P-256 private key, as `npx web-push generate-vapid-keys` prints it" });
  }
  if (problems.length === 0 && !matches(publicBytes!, privateBytes!)) {
    problems.push({ name: VAPID_ENV.privateKey, message: `this private key does not belong to ${VAPID_ENV.publicKey}; set the two printed together` });
  }
  if (!/^(mailto:[^@\s]+@[^@\s]+|https:\/\/[^\s/]+\S*)$/.test(subject)) {
    problems.push({ name: VAPID_ENV.subject, message: "a contact for the push services: mailto:someone@example.go.id or an https: URL" });
  }
  return problems;
}

function matches(publicKey: Buffer, privateKey: Buffer): boolean {
  try {
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(privateKey);
    return ecdh.getPublicKey().equals(publicKey);
  } catch {
    return false;
  }
}
