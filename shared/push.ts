/**
 * Web Push (issue 14 item 1): a device's subscription as the browser gives it (PushSubscription.toJSON),
 * as the store keeps it, and the payload the server sends through the push service. The payload carries
 * no sentence: a kind, ids and names; the service worker words it in the language the device uses
 * (client/pwa/push.ts keeps the words for it). It is end-to-end encrypted (RFC 8291), so the push service
 * reads none of it.
 */
import { z } from "zod";
import { ALERT_KINDS } from "./alerts.js";
import { Id, Timestamp } from "./domain.js";

export { PushSubscriptionRecord } from "./push-subscription.js";

/** Bytes of an unpadded base64url string, or null when it is not one. */
export function base64urlLength(text: string): number | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return null;
  const bare = text.replace(/=+$/, "");
  if (bare.length % 4 === 1) return null;
  return Math.floor((bare.length * 3) / 4);
}

/** The hosts a test (SIAGA_PUSH_ALLOW_HTTP_LOCALHOST) may name over plain http. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Why a push endpoint is refused, or null. A push service is a public https host: plain http only for a
 * local test push service (`allowHttpLocalhost`), and never an address literal or a single-label name,
 * so a subscription cannot aim the server's POSTs at its own network.
 */
export function endpointProblem(endpoint: string, allowHttpLocalhost: boolean): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return "not a URL";
  }
  if (allowHttpLocalhost && LOOPBACK.has(url.hostname) && (url.protocol === "http:" || url.protocol === "https:")) return null;
  if (url.protocol !== "https:") return "a push endpoint is an https URL";
  if (url.username || url.password) return "a push endpoint carries no credentials";
  const host = url.hostname;
  if (host.startsWith("[") || /^\d+(\.\d+){3}$/.test(host) || !host.includes(".") || host === "localhost" || host.endsWith(".localhost")) {
    return "a push endpoint names a push service's public host, not an address or a local name";
  }
  return null;
}

const key = (bytes: (n: number) => boolean, what: string) =>
  z.string().max(200).refine((s) => { const n = base64urlLength(s); return n !== null && bytes(n); }, { message: what, params: { reason: "push_key" } });

/**
 * PushSubscription.toJSON() of the browser: where to POST, and the keys to encrypt for (RFC 8291). The
 * shape; the server parses with `pushSubscriptionBody`, which adds the endpoint's rule for its setting.
 */
export const PushSubscriptionBody = z.object({
  endpoint: z.string().min(1).max(2000).refine((s) => /^https?:\/\//.test(s) && URL.canParse(s), { message: "endpoint is an http(s) URL", params: { reason: "push_endpoint" } }),
  expirationTime: z.number().int().min(0).nullable().optional(),
  keys: z.object({
    /** The device's P-256 public key, uncompressed (65 bytes, 0x04 first: "B…" in base64url). */
    p256dh: key((n) => n === 65, "p256dh is the base64url of a 65-byte uncompressed P-256 public key").refine((s) => s.startsWith("B"), {
      message: "p256dh is an uncompressed point (its first byte is 0x04)", params: { reason: "push_key" },
    }),
    /** The auth secret: 16 bytes. */
    auth: key((n) => n === 16, "auth is the base64url of a 16-byte secret"),
  }).strict(),
}).strict();
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBody>;

/** The body with its endpoint held to `endpointProblem` (https to a public host; http to localhost in a test). */
export function pushSubscriptionBody(allowHttpLocalhost: boolean) {
  return PushSubscriptionBody.superRefine((body, ctx) => {
    if (!/^https?:\/\//.test(body.endpoint) || !URL.canParse(body.endpoint)) return; // said already, by the shape
    const problem = endpointProblem(body.endpoint, allowHttpLocalhost);
    if (problem) ctx.addIssue({ code: "custom", path: ["endpoint"], message: problem, params: { reason: "push_endpoint" } });
  });
}

export const PushUnsubscribeBody = z.object({ endpoint: z.string().min(1).max(2000) }).strict();
export type PushUnsubscribeBody = z.infer<typeof PushUnsubscribeBody>;


/** The answer to a subscription: which record now holds this device. */
export const PushSubscriptionInfo = z.object({ id: z.string(), createdAt: Timestamp });
export type PushSubscriptionInfo = z.infer<typeof PushSubscriptionInfo>;

/** GET /api/push/key: off unless the deployment has VAPID keys (SIAGA_VAPID_*). */
export const PushKeyResponse = z.discriminatedUnion("enabled", [
  z.object({ enabled: z.literal(false) }),
  /** The VAPID public key, base64url: the `applicationServerKey` of pushManager.subscribe. */
  z.object({ enabled: z.literal(true), publicKey: z.string() }),
]);
export type PushKeyResponse = z.infer<typeof PushKeyResponse>;

/** How many devices one user may hold; a newer one pushes out the oldest. */
export const MAX_DEVICES_PER_USER = 10;

/** What a push carries: no sentence, only what the device words (client/pwa/sw.js). */
export const PushPayload = z.object({
  v: z.literal(1),
  kind: z.enum(ALERT_KINDS),
  /** The same tag the page's own alert has: one notification per fact (shared/alerts.ts alertTag). */
  tag: z.string(),
  assignmentId: Id,
  /** The person and the site, by name. */
  name: z.string().max(200),
  site: z.string().max(200),
  /** A decline's reason, cut to fit a push. */
  reason: z.string().max(300).optional(),
  seq: z.number().int().min(1),
});
export type PushPayload = z.infer<typeof PushPayload>;
