/**
 * What the page's first script (boot/early.ts) finds and starts, for the app to take over: the login session
 * kept on the device, read for its shape and expiry only (app/session.ts checks it against the shared schema
 * after the first paint), and a staff phone's first answer (GET /api/state). No import: that script loads it
 * before anything else.
 */
import type { Role } from "../../shared/domain.js";

/** Where app/session.ts keeps the login session. */
export const SESSION_KEY = "siaga.session";

const ROLE_NAMES: Record<Role, true> = { coordinator: true, unit_head: true, staff: true, screen: true, ppk: true };

/** What a kept session must at least be to be used: app/session.ts checks it against the shared schema next. */
export interface KeptSession { token: string; expiresAt: string; user: { role: Role; username: string; staffId?: string; unitId?: string } }

/** The kept session if it is one in shape and not expired; null otherwise. */
export function keptSession(): KeptSession | null {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION_KEY) ?? "null") as { token?: unknown; expiresAt?: unknown; user?: { role?: unknown; username?: unknown } } | null;
    if (typeof s?.token !== "string" || typeof s.expiresAt !== "string" || !(Date.parse(s.expiresAt) > Date.now())) return null;
    const { role, username } = s.user ?? {};
    return typeof role === "string" && role in ROLE_NAMES && typeof username === "string" ? (s as KeptSession) : null;
  } catch {
    return null;
  }
}

/** A staff phone's first answer: asked for by the page's first script, read by its card (StaffView) and the live client. */
let early: { token: string; snapshot: Promise<unknown>; body?: unknown } | null = null;
const arrived = new Set<() => void>();

/** Keeps the first answer asked for with `token` (boot/early.ts). */
export function keepEarlySnapshot(token: string, snapshot: Promise<unknown>): void {
  const e: NonNullable<typeof early> = { token, snapshot };
  early = e;
  void snapshot.then((body) => {
    e.body = body;
    for (const l of [...arrived]) l();
  });
}

/** The snapshot the first script asked for with this token; null if it asked for none. */
export function earlySnapshot(token: string): Promise<unknown> | null {
  return early?.token === token ? early.snapshot : null;
}

/** That snapshot's body if it has come (null when it failed), undefined before. */
export function earlyBody(token: string): unknown {
  return early?.token === token ? early.body : undefined;
}

/** Calls `listener` when the early snapshot comes. */
export function onEarlyBody(listener: () => void): () => void {
  arrived.add(listener);
  return () => { arrived.delete(listener); };
}
