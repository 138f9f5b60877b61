/**
 * The login session, kept in localStorage so a screen survives reloads and server restarts without a new
 * login. Components read it with `useSession()`.
 */
import { useSyncExternalStore } from "react";
import { LoginResponse } from "../../shared/api.js";
import { SESSION_KEY as KEY } from "../boot/early.js";

export type Session = LoginResponse;
export type EndReason = "logout" | "expired";

let current: Session | null = load();
let endReason: EndReason | null = null;
const listeners = new Set<() => void>();

function load(): Session | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return null;
    const parsed = LoginResponse.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    if (Date.parse(parsed.data.expiresAt) <= Date.now()) return null;
    return parsed.data;
  } catch {
    return null;
  }
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
