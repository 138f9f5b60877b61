/**
 * Web Push on this device (issue 14 item 1): subscribe through the service worker's pushManager with the
 * server's VAPID public key, hand the subscription to the server, and forget it again. The server sends
 * no sentence (shared/push.ts PushPayload): the service worker words a push with the words kept here, in
 * Cache Storage, in the language this device uses, from the same dictionary the page speaks (client/i18n).
 * Kept on the device rather than sent by the server: one dictionary, the device's own choice of language
 * (a switch applies to the next push with no round trip), and a payload without text.
 */
import { ALERT_KINDS, type AlertKind } from "../../shared/alerts.js";
import type { PushKeyResponse, PushSubscriptionInfo } from "../../shared/push.js";
import { api } from "../app/api.js";
import { ROUTES, TAB_HASH } from "../app/router.js";
import { serviceWorkerRegistered } from "./worker-registration.js";
import { translate, type Locale } from "../i18n/index.js";
import { ALERT_TEXT } from "./alerts.js";

/** Where client/pwa/sw.js finds the words (its cache survives the app shell's updates: another name). */
export const PUSH_TEXT_CACHE = "siaga-push";
export const PUSH_TEXT_URL = "/__siaga/push-text.json";
/** Which user turned push on here: a device shared by several people does not pass it on by itself. */
const OWNER_KEY = "siaga.push.user";

/** What the service worker reads: per kind of alert its title and body (with `{name}`, `{site}`, `{reason}`), and the view a tap opens. */
export interface PushText {
  locale: Locale;
  kinds: Record<AlertKind, { title: string; body: string; url: string }>;
}

/** The view each alert is about: the unit head's requests, the person's assignment, the coordinator's Penugasan. */
const OPENS: Record<AlertKind, string> = {
  requested: ROUTES.unitHead,
  confirmed: ROUTES.staff,
  declined: `${ROUTES.coordinator}${TAB_HASH.assignments}`,
};

export function pushText(locale: Locale): PushText {
  const kinds = Object.fromEntries(ALERT_KINDS.map((kind) => [kind, {
    title: translate(locale, ALERT_TEXT[kind].title), body: translate(locale, ALERT_TEXT[kind].body), url: OPENS[kind],
  }])) as PushText["kinds"];
  return { locale, kinds };
}

/** Writes the words the service worker uses for this device's pushes, in this language. */
export async function keepText(locale: Locale): Promise<void> {
  const cache = await caches.open(PUSH_TEXT_CACHE);
  await cache.put(PUSH_TEXT_URL, new Response(JSON.stringify(pushText(locale)), { headers: { "Content-Type": "application/json" } }));
}

export type PushState = "on" | "off" | "denied" | "unsupported";

/** Whether this browser can take pushes at all (a service worker with a push manager, notifications). */
export function pushSupported(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && typeof Notification !== "undefined";
}

/** The service worker's registration, or none (`vite dev` has no worker; a browser may refuse one). */
async function registration(): Promise<ServiceWorkerRegistration | undefined> {
  if (!pushSupported()) return undefined;
  // A return visit has one already; a first visit waits for the one being made (client/pwa/worker-registration.ts).
  const found = (await navigator.serviceWorker.getRegistration()) ?? (await serviceWorkerRegistered());
  return found ? navigator.serviceWorker.ready : undefined;
}

export function getPushKey(): Promise<PushKeyResponse> {
  return api<PushKeyResponse>("GET", "/push/key");
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

const sameKey = (a: ArrayBuffer | null, b: Uint8Array) => a !== null && a.byteLength === b.byteLength && new Uint8Array(a).every((x, i) => x === b[i]);

async function send(subscription: PushSubscription): Promise<PushSubscriptionInfo> {
  return api<PushSubscriptionInfo>("POST", "/push/subscriptions", subscription.toJSON());
}

/**
 * Where this device stands for this user, putting the server right on the way: a device this user turned
 * on is sent again (a new session after a logout or the 12 h expiry is what the server pushes to).
 */
export async function currentPushState(username: string, publicKey: string, locale: Locale): Promise<PushState> {
  const reg = await registration();
  if (!reg) return "unsupported";
  if (Notification.permission === "denied") return "denied";
  const subscription = await reg.pushManager.getSubscription();
  if (!subscription || Notification.permission !== "granted" || localStorage.getItem(OWNER_KEY) !== username) return "off";
  // Made for keys the deployment no longer has: its push service would refuse every push; on again re-subscribes.
  if (!sameKey(subscription.options.applicationServerKey, keyBytes(publicKey))) return "off";
  await send(subscription);
  await keepText(locale);
  return "on";
}

/** Turns push on for this user (a tap: the permission prompt needs one). */
export async function enablePush(username: string, publicKey: string, locale: Locale): Promise<PushState> {
  const reg = await registration();
  if (!reg) return "unsupported";
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return permission === "denied" ? "denied" : "off";
  const key = keyBytes(publicKey);
  let subscription = await reg.pushManager.getSubscription();
  // Made for another VAPID key (the deployment changed its keys): the push service would refuse ours.
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  await keepText(locale);
  await send(subscription);
  localStorage.setItem(OWNER_KEY, username);
  return "on";
}

/** Turns push off here: the server forgets the device, the browser drops the subscription. */
export async function disablePush(): Promise<PushState> {
  const reg = await registration();
  if (!reg) return "unsupported";
  const subscription = await reg.pushManager.getSubscription();
  if (subscription) {
    await api("DELETE", "/push/subscriptions", { endpoint: subscription.endpoint });
    await subscription.unsubscribe();
  }
  localStorage.removeItem(OWNER_KEY);
  return "off";
}

/** The language changed: the next push is worded in it (on a device where push is on). */
export async function updatePushText(locale: Locale): Promise<void> {
  if (typeof caches !== "undefined" && localStorage.getItem(OWNER_KEY)) await keepText(locale);
}
