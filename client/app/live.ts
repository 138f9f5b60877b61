/**
 * React binding of the framework-free live client: one client per logged-in session, for the page's
 * lifetime (it is replaced when the token changes, e.g. at logout).
 */
import { useSyncExternalStore } from "react";
import { LiveClient, type LiveState, type LiveStatus } from "../live/index.js";
import { clearSession, getSession, onSessionChange } from "./session.js";

let client: LiveClient | null = null;
let clientToken: string | null = null;

/** The live client of the current session, started on first use; replaced when the token changes. */
export function liveClient(): LiveClient | null {
  const token = getSession()?.token ?? null;
  if (token !== clientToken) {
    client?.stop();
    client = null;
    clientToken = token;
    if (token) {
      client = new LiveClient({
        origin: location.origin,
        getToken: () => getSession()?.token ?? null,
        onAuthError: () => clearSession("expired"),
        onError: (message) => console.warn("[siaga live]", message),
      });
      client.start();
    }
  }
  return client;
}

// A logout (here or in another tab) closes the old token's socket at once, not at the next render.
onSessionChange(() => {
  liveClient();
});

const noop = () => () => {};
const nothing = () => null;

/** Subscribes a component to the live state and connection status (re-renders at most every 100 ms). */
export function useLive(): { state: LiveState | null; status: LiveStatus | null; client: LiveClient | null } {
  const c = liveClient();
  const state = useSyncExternalStore(c?.subscribe ?? noop, c?.getState ?? nothing);
  const status = useSyncExternalStore(c?.subscribe ?? noop, c?.getStatus ?? nothing);
  return { state, status, client: c };
}
