/**
 * A Web Push subscription as the store keeps it (the registry, shared/entities.ts, names it); its own
 * small module so the dashboard's first load, which holds the registry, does not carry the rest of
 * shared/push.ts.
 */
import { z } from "zod";
import { Id, Timestamp, Version } from "./domain.js";

/**
 * A device's subscription as stored: its id is a hash of the endpoint (one record per device, whoever
 * signs in on it), and it belongs to the session that made it, so a logout or a revoked account stops it.
 */
export const PushSubscriptionRecord = z.object({
  id: z.string(),
  userId: Id,
  username: z.string(),
  sessionId: z.string(),
  endpoint: z.string(),
  keys: z.object({ p256dh: z.string(), auth: z.string() }),
  expirationTime: z.number().nullable().optional(),
  createdAt: Timestamp,
  version: Version,
});
export type PushSubscriptionRecord = z.infer<typeof PushSubscriptionRecord>;
