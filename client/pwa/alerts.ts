/**
 * Who must hear of what, at once (issue 14 item 1): a unit head of a new request for one of their
 * people, a staff member of their confirmation, a coordinator of a decline. Pure: the live feed's events
 * and the user in, the alert (or none) out; client/pwa/notify.ts rings it.
 */
import type { Assignment, PublicUser } from "../../shared/domain.js";
import type { Event } from "../../shared/domain.js";
import type { I18n } from "../i18n/index.js";
import type { LiveState } from "../live/index.js";
import { siteTitle } from "../model/derive.js";

export interface Alert {
  /** One per assignment and step: a second push of the same fact replaces, never repeats. */
  tag: string;
  title: string;
  body: string;
}

export function alertFor(e: Event, user: PublicUser, state: LiveState, { t }: Pick<I18n, "t">): Alert | null {
  if (!e.type.startsWith("assignment.")) return null;
  const a = e.data as Assignment;
  if (e.actor === user.username) return null; // one's own step is no news
  const name = state.staff.get(a.staffId)?.name ?? a.staffId;
  const site = siteTitle(state, a.siteKind, a.siteId);
  const isRequest = e.type === "assignment.created" && a.state === "requested";
  const isConfirmation = e.type === "assignment.confirmed" || (e.type === "assignment.created" && a.state === "confirmed");
  if (user.role === "unit_head" && isRequest && a.fromUnitId === user.unitId) {
    return { tag: `${a.id}:requested`, title: t("alert.request.title"), body: t("alert.request.body", { name, site }) };
  }
  if (user.role === "staff" && isConfirmation && a.staffId === user.staffId) {
    return { tag: `${a.id}:confirmed`, title: t("alert.confirmed.title"), body: t("alert.confirmed.body", { site }) };
  }
  if (user.role === "coordinator" && e.type === "assignment.declined") {
    const reason = a.history.at(-1)?.reason ?? "";
    return { tag: `${a.id}:declined`, title: t("alert.declined.title"), body: t("alert.declined.body", { name, site, reason }) };
  }
  return null;
}
