/**
 * The `Idempotency-Key` header of every write under /api: the same key again (same user, method, path
 * and body) returns the first answer and changes nothing. A phone that lost an answer, or queued a
 * check-in offline, retries with its key and is applied exactly once.
 */
import { z } from "zod";
import { Timestamp, Version } from "./domain.js";

// In shared/vocabulary.ts, beside the other names a client needs before it loads zod.
export { IDEMPOTENCY_HEADER } from "./vocabulary.js";

/** Printable ASCII, no spaces, bounded: a UUID fits, a header smuggling text does not. */
export const IdempotencyKey = z.string().min(8).max(128).regex(/^[\x21-\x7e]+$/, "printable ASCII without spaces");

/** How long a key is remembered; a retry later than this runs again (and meets the write's own checks). */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
/**
 * How long a first request may take before a retry takes its key over: the server died between the write
 * and storing its answer. The retry then runs again and the write's own state/version checks answer 409,
 * which the client treats as done.
 */
export const IDEMPOTENCY_LEASE_MS = 60_000;

/** One remembered key; its id is a hash of user and key, so neither is stored in the clear. */
export const IdempotencyRecord = z.object({
  id: z.string(),
  username: z.string(),
  method: z.string(),
  path: z.string(),
  bodyHash: z.string(),
  state: z.enum(["pending", "done"]),
  startedAt: Timestamp,
  expiresAt: Timestamp,
  /** The first answer, as sent. */
  status: z.number().int().optional(),
  contentType: z.string().optional(),
  body: z.string().optional(),
  version: Version,
});
export type IdempotencyRecord = z.infer<typeof IdempotencyRecord>;
