/**
 * React binding of the framework-free live client: one client per logged-in session, for the page's
 * lifetime (it is replaced when the token changes, e.g. at logout).
 * The live layer (client, store, the shared schemas and zod) is a chunk of its own, loaded when a page
 * first asks for it: a staff phone on a weak link paints its card from its first answer without it
 * (StaffView, issue 14); until it is there `useLive` gives no state, as before the first snapshot.
 */
import { useSyncExternalStore } from "react";
import { earlySnapshot } from "./kept.js";
import type { LiveClient, LiveState, LiveStatus } from "../live/index.js";
import { fetchSnapshot } from "../live/http-snapshot.js";
import { afterPaint } from "./after-paint.js";
import { clearSession, getSession, onSessionChange } from "./session.js";

let client: LiveClient | null = null;
let clientToken: string | null = null;
let live: typeof import("../live/index.js") | null = null;
let loading = false;
/** Told when `client` is replaced (made once the layer has loaded, or at a new token). */
const holders = new Set<() => void>();

function load(): void {
  if (loading) return;
  loading = true;
  // A staff phone paints its card first (a repeat visit's layer comes from the cache and would run before
  // the first frame); the other views' first screen is the live state itself.
  const when = getSession()?.user.role === "staff" ? afterPaint : (fn: () => void) => fn();
  when(() => void import("../live/index.js").then((m) => {
    live = m;
    liveClient();
  }, (err: unknown) => {
    loading = false; // asked again at the next render
    console.warn("[siaga live]", err);
  }));
}

/** The live client of the current session, started on first use; replaced when the token changes. */
export function liveClient(): LiveClient | null {
  const token = getSession()?.token ?? null;
  let changed = false;
  if (token !== clientToken) {
    client?.stop();
    client = null;
    clientToken = token;
    changed = true;
  }
  if (token && !client) {
    if (!live) load();
    else {
      // A staff member's state is small: their first snapshot comes in one HTTP request (the one the page's
      // first script started, if any), then the socket resumes from it. Other roles take it over the socket.
      const initial = getSession()?.user.role === "staff" ? earlySnapshot(token) ?? fetchSnapshot(location.origin, token) : undefined;
      client = new live.LiveClient({
        origin: location.origin,
        ...(initial ? { initial } : {}),
        getToken: () => getSession()?.token ?? null,
        onAuthError: () => clearSession("expired"),
        onError: (message) => console.warn("[siaga live]", message),
      });
      client.start();
      changed = true;
    }
  }
  if (changed) queueMicrotask(() => { for (const h of [...holders]) h(); });
  return client;
}

/** Resolves once the live feed is connected, or after `ms` (signed out, no link, a slow link). */
export function whenLive(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => { clearTimeout(timer); clearInterval(poll); resolve(); };
    const timer = setTimeout(done, ms);
    // The client may not exist yet (its layer loading): looked at every half second, nothing is kept.
    const poll = setInterval(() => { if (client?.getStatus().conn === "live") done(); }, 500);
  });
}

// A logout (here or in another tab) closes the old token's socket at once, not at the next render.
onSessionChange(() => {
  liveClient();
});

const noop = () => () => {};
const nothing = () => null;
const holding = (listener: () => void) => {
  holders.add(listener);
  return () => { holders.delete(listener); };
};

/** Subscribes a component to the live state and connection status (re-renders at most every 100 ms). */
export function useLive(): { state: LiveState | null; status: LiveStatus | null; client: LiveClient | null } {
  const c = useSyncExternalStore(holding, liveClient);
  const state = useSyncExternalStore(c?.subscribe ?? noop, c?.getState ?? nothing);
  const status = useSyncExternalStore(c?.subscribe ?? noop, c?.getStatus ?? nothing);
  return { state, status, client: c };
}
