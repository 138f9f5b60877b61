/**
 * The page's own alerts (issue 14 item 1): who hears of what is the shared rule (shared/alerts.ts, which
 * the server's Web Push asks too); here it is put in words, in the user's language, with the names the
 * live state holds. client/pwa/notify.tsx rings it; client/pwa/sw.js words a push with the same keys.
 */
import { alertFor as alertKindFor, alertTag, type AlertKind } from "../../shared/alerts.js";
import type { Assignment, Event, PublicUser } from "../../shared/domain.js";
import type { I18n, MessageKey } from "../i18n/index.js";
import type { LiveState } from "../live/index.js";
import { siteTitle } from "../model/derive.js";

export interface Alert {
  /** One per assignment and step: a second push of the same fact replaces, never repeats. */
  tag: string;
  title: string;
  body: string;
}

/** The words of each kind of alert; `{name}`, `{site}` and `{reason}` are filled in. */
export const ALERT_TEXT: Record<AlertKind, { title: MessageKey; body: MessageKey }> = {
  requested: { title: "alert.request.title", body: "alert.request.body" },
  confirmed: { title: "alert.confirmed.title", body: "alert.confirmed.body" },
  declined: { title: "alert.declined.title", body: "alert.declined.body" },
};

export function alertFor(e: Event, user: PublicUser, state: LiveState, { t }: Pick<I18n, "t">): Alert | null {
  const kind = alertKindFor(e, user);
  if (!kind) return null;
  const a = e.data as Assignment;
  const name = state.staff.get(a.staffId)?.name ?? a.staffId;
  const site = siteTitle(state, a.siteKind, a.siteId);
  const reason = kind === "declined" ? a.history.at(-1)?.reason ?? "" : "";
  return { tag: alertTag(a.id, kind), title: t(ALERT_TEXT[kind].title), body: t(ALERT_TEXT[kind].body, { name, site, reason }) };
}
