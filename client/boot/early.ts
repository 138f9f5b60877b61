/**
 * The page's first script (client/main.tsx) runs this before the app's chunk (React, the schemas) has
 * arrived: it starts loading the chosen language when it is not the bundled one, a signed-in user's view
 * chunk, and a staff phone's state (GET /api/state), all beside the app's chunk instead of after it has
 * run (issue 14: on a 400 ms, 400 kbps link that was two round trips and the socket's handshake after
 * 3.9 s of scripts).
 * It reads the kept session without validating it: it only starts requests; the app validates the session
 * (app/session.ts) and a refused token answers 401 here, which is ignored. No import of weight: whatever
 * this file imports the browser must load before it runs.
 */
import { VIEW_CHUNKS, viewFor } from "../app/views.js";
import { makeFormatters } from "../i18n/format.js";
import { LOAD_DICTIONARY, savedLocale } from "../i18n/saved.js";
import { fetchSnapshot } from "../live/http-snapshot.js";
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

/** A staff phone's first answer: asked for here, read by its card (StaffView) and by the live client. */
let early: { token: string; snapshot: Promise<unknown>; body?: unknown } | null = null;
const arrived = new Set<() => void>();

export function startEarly(): void {
  // Bahasa Indonesia comes with the app; another chosen language is its own chunk.
  const locale = savedLocale();
  if (locale !== "id") LOAD_DICTIONARY[locale]().catch(() => undefined);
  // Once the requests are out, and while the app is on its way: the first Intl object (its locale data).
  setTimeout(() => makeFormatters(locale).dateTime(0), 0);
  const session = keptSession();
  // A failed load is the view's own to report: React.lazy asks again when it renders.
  if (!session) {
    VIEW_CHUNKS.login().catch(() => undefined);
    return;
  }
  VIEW_CHUNKS[viewFor(session.user.role, location.pathname)]().catch(() => undefined);
  // Other roles' first data comes over the socket: the live layer and Socket.IO start loading with the app.
  if (session.user.role !== "staff") {
    import("../live/index.js").catch(() => undefined);
    import("socket.io-client").catch(() => undefined);
  } else {
    const e: NonNullable<typeof early> = { token: session.token, snapshot: fetchSnapshot(location.origin, session.token) };
    early = e;
    void e.snapshot.then((body) => {
      e.body = body;
      for (const l of [...arrived]) l();
    });
  }
}

/** The snapshot startEarly asked for with this token; null if it asked for none. */
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
