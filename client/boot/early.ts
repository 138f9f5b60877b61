/**
 * The page's first script (client/main.tsx) runs this before the app's chunk (React, the schemas) has
 * arrived: for a signed-in user it starts loading their view's chunk, and a staff phone asks for its state
 * (GET /api/state), both beside the app's chunk instead of after it has run (issue 14: on a 400 ms,
 * 400 kbps link that was two round trips and the socket's handshake after 3.9 s of scripts).
 * It reads the kept session without validating it: it only starts requests; the app validates the session
 * (app/session.ts) and a refused token answers 401 here, which is ignored. No import of weight: whatever
 * this file imports the browser must load before it runs.
 */
import { VIEW_CHUNKS, viewFor } from "../app/views.js";
import { fetchSnapshot } from "../live/http-snapshot.js";
import type { Role } from "../../shared/domain.js";

/** Where app/session.ts keeps the login session. */
export const SESSION_KEY = "siaga.session";

const ROLE_NAMES: Record<Role, true> = { coordinator: true, unit_head: true, staff: true, screen: true, ppk: true };

let early: { token: string; snapshot: Promise<unknown> } | null = null;

function storedSession(): { token: string; role: Role } | null {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION_KEY) ?? "null") as { token?: unknown; expiresAt?: unknown; user?: { role?: unknown } } | null;
    if (typeof s?.token !== "string" || typeof s.expiresAt !== "string" || !(Date.parse(s.expiresAt) > Date.now())) return null;
    const role = s.user?.role;
    return typeof role === "string" && role in ROLE_NAMES ? { token: s.token, role: role as Role } : null;
  } catch {
    return null;
  }
}

export function startEarly(): void {
  const session = storedSession();
  if (!session) return;
  // A failed load is the view's own to report: React.lazy asks again when it renders.
  VIEW_CHUNKS[viewFor(session.role, location.pathname)]().catch(() => undefined);
  if (session.role === "staff") early = { token: session.token, snapshot: fetchSnapshot(location.origin, session.token) };
}

/** The snapshot startEarly asked for with this token, once (a later client asks afresh); null if none. */
export function takeEarlySnapshot(token: string): Promise<unknown> | null {
  if (!early || early.token !== token) return null;
  const { snapshot } = early;
  early = null;
  return snapshot;
}
