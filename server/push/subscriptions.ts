/**
 * A device's Web Push subscription, kept in the store (shared/push.ts): one record per endpoint, owned
 * by the user and the session that sent it. The same device sending it again (a new session, another
 * person signing in on it) moves it; a user holds at most MAX_DEVICES_PER_USER, the oldest going first.
 */
import { createECDH, createHash } from "node:crypto";
import type { PublicUser } from "../../shared/domain.js";
import { DomainError, invalidField } from "../../shared/errors.js";
import { MAX_DEVICES_PER_USER, type PushSubscriptionBody, type PushSubscriptionInfo } from "../../shared/push.js";
import { authorize } from "../auth/authorize.js";
import type { Ctx } from "../context.js";
import { StoreConflict } from "../store/port.js";

/** A subscription's id: the endpoint's hash, so one device is one record and the id says nothing of it. */
export const subscriptionId = (endpoint: string) => `push-${createHash("sha256").update(endpoint).digest("base64url")}`;

/** The device's key must be a point on P-256: the shape alone (65 bytes, 0x04) lets through keys nobody can encrypt for. */
function onCurve(p256dh: string): boolean {
  try {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    ecdh.computeSecret(Buffer.from(p256dh, "base64url"));
    return true;
  } catch {
    return false;
  }
}

export async function subscribe(ctx: Ctx, user: PublicUser, sessionId: string, body: PushSubscriptionBody): Promise<PushSubscriptionInfo> {
  authorize(user, "push.manage", { username: user.username });
  if (!onCurve(body.keys.p256dh)) throw invalidField("keys.p256dh", "push_key", "p256dh is not a point on the P-256 curve");
  const id = subscriptionId(body.endpoint);
  const now = ctx.clock.now().toISOString();
  const { result } = await ctx.store.transact(async (tx) => {
    const [owner] = await tx.find("users", { username: user.username });
    if (!owner) throw new DomainError("unauthenticated", "The signed-in account no longer exists");
    const record = {
      id, userId: owner.id, username: owner.username, sessionId, endpoint: body.endpoint, keys: body.keys,
      ...(body.expirationTime !== undefined ? { expirationTime: body.expirationTime } : {}), createdAt: now,
    };
    const existing = await tx.get("pushSubscriptions", id);
    const saved = existing ? await tx.replace("pushSubscriptions", { ...record, version: existing.version }) : await tx.insert("pushSubscriptions", record);
    // Oldest first (createdAt, then insertion): past the cap the user's oldest other devices go.
    const mine = (await tx.find("pushSubscriptions", { userId: owner.id })).filter((s) => s.id !== id).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    for (const old of mine.slice(0, Math.max(0, mine.length - (MAX_DEVICES_PER_USER - 1)))) await tx.remove("pushSubscriptions", old.id, old.version);
    return { id: saved.id, createdAt: saved.createdAt };
  });
  return result;
}

/** Forgets this device; one that is not stored is already forgotten. Another user's device is theirs to drop (403). */
export async function unsubscribe(ctx: Ctx, user: PublicUser, endpoint: string): Promise<void> {
  await ctx.store.transact(async (tx) => {
    const existing = await tx.get("pushSubscriptions", subscriptionId(endpoint));
    if (!existing) return;
    authorize(user, "push.manage", { username: existing.username });
    await tx.remove("pushSubscriptions", existing.id, existing.version);
  });
}

/** Drops a subscription the push service said is gone (404/410), unless the device has sent a newer one since. */
export async function forget(ctx: Ctx, id: string, endpoint: string, keys: { p256dh: string }): Promise<boolean> {
  try {
    const { result } = await ctx.store.transact(async (tx) => {
      const existing = await tx.get("pushSubscriptions", id);
      if (!existing || existing.endpoint !== endpoint || existing.keys.p256dh !== keys.p256dh) return false;
      await tx.remove("pushSubscriptions", existing.id, existing.version);
      return true;
    });
    return result;
  } catch (error) {
    if (error instanceof StoreConflict) return false; // changed meanwhile: the newer record stands
    throw error;
  }
}
