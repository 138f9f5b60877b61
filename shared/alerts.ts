/**
 * Who must hear of what, at once (issue 14 item 1), in one rule for the page's own alerts
 * (client/pwa/alerts.ts) and the server's Web Push (server/push/): a unit head of a new request for one
 * of their people, a staff member of their confirmation, a coordinator of a decline (the unit head's, or
 * the person's own "Saya tidak bisa hadir"). Pure: an event and a user in, the kind of alert (or none) out.
 */
import type { Assignment, PublicUser } from "./domain.js";

export const ALERT_KINDS = ["requested", "confirmed", "declined"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What the rule reads of an event: its type, who took the step, and the assignment it carries. */
export interface AlertEvent {
  type: string;
  actor: string;
  data: unknown;
}

/** The kind of fact an assignment event is, whoever hears of it. */
export function alertKindOf(e: Pick<AlertEvent, "type" | "data">): AlertKind | null {
  if (!e.type.startsWith("assignment.")) return null;
  const a = e.data as Pick<Assignment, "state">;
  if (e.type === "assignment.created" && a.state === "requested") return "requested";
  if (e.type === "assignment.confirmed" || (e.type === "assignment.created" && a.state === "confirmed")) return "confirmed";
  if (e.type === "assignment.declined") return "declined";
  return null;
}

/** The alert this user gets of this event, or null: one's own step is no news. */
export function alertFor(e: AlertEvent, user: Pick<PublicUser, "username" | "role" | "unitId" | "staffId">): AlertKind | null {
  const kind = alertKindOf(e);
  if (!kind || e.actor === user.username) return null;
  const a = e.data as Pick<Assignment, "fromUnitId" | "staffId">;
  if (kind === "requested") return user.role === "unit_head" && a.fromUnitId === user.unitId ? kind : null;
  if (kind === "confirmed") return user.role === "staff" && a.staffId === user.staffId ? kind : null;
  return user.role === "coordinator" ? kind : null;
}

/** One per assignment and step: a second ring of the same fact (the page's and the push) replaces, never repeats. */
export function alertTag(assignmentId: string, kind: AlertKind): string {
  return `${assignmentId}:${kind}`;
}
