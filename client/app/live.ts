/**
 * React binding of the framework-free live client: one client per logged-in session, for the page's
 * lifetime (it is replaced when the token changes, e.g. at logout).
 */
import { useSyncExternalStore } from "react";
import { takeEarlySnapshot } from "../boot/early.js";
import { LiveClient, type LiveState, type LiveStatus } from "../live/index.js";
import { fetchSnapshot } from "../live/http-snapshot.js";
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
      // A staff member's state is small: their first snapshot comes in one HTTP request (the one the page's
      // first script started, if any), then the socket resumes from it. Other roles take it over the socket.
      const initial = getSession()?.user.role === "staff" ? takeEarlySnapshot(token) ?? fetchSnapshot(location.origin, token) : undefined;
      client = new LiveClient({
        origin: location.origin,
        ...(initial ? { initial } : {}),
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
