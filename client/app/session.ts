/**
 * The login session, kept in localStorage so a screen survives reloads and server restarts without a new
 * login. Components read it with `useSession()`.
 */
import { useSyncExternalStore } from "react";
import type { LoginResponse } from "../../shared/api.js";
import { keptSession, SESSION_KEY as KEY } from "./kept.js";
import { afterPaint } from "./after-paint.js";

export type Session = LoginResponse;
export type EndReason = "logout" | "expired";

let current: Session | null = load();
let endReason: EndReason | null = null;
const listeners = new Set<() => void>();

/**
 * The kept session, checked for its shape and expiry at once, and against the shared schema as soon as
 * that has loaded (it comes with zod, after the first paint: issue 14's weak link); one that fails it ends.
 */
function load(): Session | null {
  const kept = keptSession() as Session | null;
  if (kept) {
    afterPaint(() => void import("../../shared/api.js").then(({ LoginResponse }) => {
      if (current === kept && !LoginResponse.safeParse(kept).success) clearSession("expired");
    }, () => {}));
  }
  return kept;
}

function emit() {
  for (const l of [...listeners]) l();
}

export function getSession(): Session | null {
  return current;
}

/** Why the last session ended (shown once on the login page). */
export function getEndReason(): EndReason | null {
  return endReason;
}

export function setSession(session: Session): void {
  current = session;
  endReason = null;
  localStorage.setItem(KEY, JSON.stringify(session));
  emit();
}

export function clearSession(reason: EndReason): void {
  if (!current) return;
  current = null;
  endReason = reason;
  localStorage.removeItem(KEY);
  emit();
}

/** Calls `listener` whenever the session starts, ends or changes (in this tab or another). */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab logging in or out changes this one too.
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) {
      current = load();
      listener();
    }
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export function useSession(): Session | null {
  return useSyncExternalStore(onSessionChange, getSession);
}
