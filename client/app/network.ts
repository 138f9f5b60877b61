/**
 * Whether the phone has a link to the server: `navigator.onLine` says at once when the radio is off, and a
 * short heartbeat (GET /api/health) finds the cases it cannot see (a captive portal, a dead mast). The
 * badge follows this, and the outbox is sent whenever the link comes back.
 */
import { useSyncExternalStore } from "react";

const HEARTBEAT_MS = 10_000;
const HEARTBEAT_TIMEOUT_MS = 6_000;

let online = typeof navigator === "undefined" ? true : navigator.onLine;
let started = false;
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();
const backListeners = new Set<() => void>();

function set(next: boolean) {
  if (next === online) return;
  online = next;
  for (const l of [...listeners]) l();
  if (next) for (const l of [...backListeners]) l();
}

async function beat() {
  if (timer) clearTimeout(timer);
  timer = null;
  if (!navigator.onLine) set(false);
  else {
    const abort = new AbortController();
    const giveUp = setTimeout(() => abort.abort(), HEARTBEAT_TIMEOUT_MS);
    try {
      const res = await fetch("/api/health", { cache: "no-store", signal: abort.signal });
      set(res.status < 500 || res.status === 503);
      // Every good beat also retries what waits (a step whose answer was lost while the link looked fine).
      if (online) for (const l of [...backListeners]) l();
    } catch {
      set(false);
    } finally {
      clearTimeout(giveUp);
    }
  }
  timer = setTimeout(beat, HEARTBEAT_MS);
}

function start() {
  if (started || typeof window === "undefined") return;
  started = true;
  window.addEventListener("offline", () => { set(false); });
  window.addEventListener("online", () => { void beat(); });
  void beat();
}

export function isOnline(): boolean {
  return online;
}

/** Calls `listener` each time the link comes back, and after each good heartbeat. */
export function onReconnect(listener: () => void): () => void {
  start();
  backListeners.add(listener);
  return () => { backListeners.delete(listener); };
}

function subscribe(listener: () => void) {
  start();
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

/** True while the phone can reach the server. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, isOnline);
}
