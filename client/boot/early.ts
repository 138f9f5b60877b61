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
import { keepEarlySnapshot, keptSession } from "../app/kept.js";
import { VIEW_CHUNKS, viewFor } from "../pages.js";
import { makeFormatters } from "../i18n/format.js";
import { LOAD_DICTIONARY, savedLocale } from "../i18n/saved.js";
import { fetchSnapshot } from "../live/http-snapshot.js";

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
    keepEarlySnapshot(session.token, fetchSnapshot(location.origin, session.token));
  }
}

