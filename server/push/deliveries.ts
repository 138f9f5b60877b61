/**
 * Which device hears of which committed fact: the shared rule (shared/alerts.ts, the same the page rings
 * by) asked for the user behind every stored subscription whose session is still live. Devices of a
 * session that ended (logout, expiry, a revoked account) get nothing and are handed back to be dropped.
 */
import { alertFor, alertKindOf, alertTag } from "../../shared/alerts.js";
import type { Assignment, Event } from "../../shared/domain.js";
import type { PushPayload, PushSubscriptionRecord } from "../../shared/push.js";
import { publicUser } from "../auth/types.js";
import type { ReadTx } from "../store/port.js";

export interface Delivery {
  subscription: PushSubscriptionRecord;
  payload: PushPayload;
}

/** A decline's reason is the person's or the unit head's words; a push carries the start of them. */
const REASON_CHARS = 300;
const NAME_CHARS = 200;
const cut = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/** The events that are anyone's alert; the rest never reach the store read. */
export const alerting = (events: readonly Event[]) => events.filter((e) => alertKindOf(e) !== null);

export async function deliveriesFor(tx: ReadTx, events: readonly Event[], now: Date): Promise<{ deliveries: Delivery[]; ended: PushSubscriptionRecord[] }> {
  const facts = alerting(events);
  if (facts.length === 0) return { deliveries: [], ended: [] };
  const subscriptions = await tx.find("pushSubscriptions");
  if (subscriptions.length === 0) return { deliveries: [], ended: [] };

  const live: { subscription: PushSubscriptionRecord; user: ReturnType<typeof publicUser> }[] = [];
  const ended: PushSubscriptionRecord[] = [];
  for (const subscription of subscriptions) {
    const session = await tx.get("sessions", subscription.sessionId);
    const user = await tx.get("users", subscription.userId);
    const open = session && !session.revokedAt && Date.parse(session.expiresAt) > now.getTime() && session.userId === subscription.userId;
    if (!open || !user) ended.push(subscription);
    else live.push({ subscription, user: publicUser(user) });
  }

  const names = new Map<string, string>();
  const cached = async (key: string, find: () => Promise<string | undefined>, fallback: string) => {
    if (!names.has(key)) names.set(key, cut((await find()) ?? fallback, NAME_CHARS));
    return names.get(key)!;
  };
  const deliveries: Delivery[] = [];
  for (const event of facts) {
    const hearers = live.map((l) => ({ ...l, kind: alertFor(event, l.user) })).filter((l) => l.kind !== null);
    if (hearers.length === 0) continue;
    const a = event.data as Assignment;
    const name = await cached(`staff:${a.staffId}`, async () => (await tx.get("staff", a.staffId))?.name, a.staffId);
    const site = await cached(`site:${a.siteId}`, async () => {
      if (a.siteKind === "incident") return (await tx.get("incidents", a.siteId))?.title;
      const spike = await tx.get("spikes", a.siteId);
      return spike ? (await tx.get("units", spike.unitId))?.name ?? spike.unitId : undefined;
    }, a.siteId);
    const reason = a.state === "declined" ? a.history.at(-1)?.reason : undefined;
    for (const { subscription, kind } of hearers) {
      deliveries.push({
        subscription,
        payload: { v: 1, kind: kind!, tag: alertTag(a.id, kind!), assignmentId: a.id, name, site, ...(reason ? { reason: cut(reason, REASON_CHARS) } : {}), seq: event.seq },
      });
    }
  }
  return { deliveries, ended };
}
