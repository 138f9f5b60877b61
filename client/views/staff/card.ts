/**
 * What a staff member's phone shows of their assignment, derived from the live state and kept on the
 * device (localStorage), so the post, its address and its phones open again without signal.
 */
import type { Assignment, IncidentType, LatLng, PostInfo, Skill } from "../../../shared/domain.js";
import type { LiveState } from "../../live/index.js";
import { isOpen, siteLocation, siteTitle } from "../../model/derive.js";

export interface StaffCard {
  staffId: string;
  name?: string;
  jabatan?: string;
  unitName?: string;
  assignment: Assignment | null;
  site: string;
  post: LatLng | null;
  incident?: { type: IncidentType; severity: number; post?: PostInfo };
  need?: { skill: Skill; priority: number };
  savedAt: number;
}

const key = (staffId: string) => `siaga.staffCard.${staffId}`;

/** What a card is derived from: the live state, or a snapshot's collections by id. */
export type CardSource = Pick<LiveState, "staff" | "assignments" | "incidents" | "spikes" | "units">;

export function deriveCard(state: CardSource, staffId: string): StaffCard {
  const me = state.staff.get(staffId);
  const mine = [...state.assignments.values()].filter((a) => a.staffId === staffId).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  // The open one (at most one, invariant 1), else the latest, so a finished task still shows as done.
  const current = mine.find(isOpen) ?? mine[0] ?? null;
  const incident = current?.siteKind === "incident" ? state.incidents.get(current.siteId) : undefined;
  const spike = current?.siteKind === "spike" ? state.spikes.get(current.siteId) : undefined;
  const need = (incident?.needs ?? spike?.needs ?? []).find((n) => n.id === current?.needId);
  return {
    staffId,
    ...(me ? { name: me.name, jabatan: me.jabatan, unitName: state.units.get(me.homeUnitId)?.name ?? me.homeUnitId } : {}),
    assignment: current,
    site: current ? siteTitle(state, current.siteKind, current.siteId) : "",
    post: current ? siteLocation(state, current.siteKind, current.siteId) : null,
    ...(incident ? { incident: { type: incident.type, severity: incident.severity, ...(incident.post ? { post: incident.post } : {}) } } : {}),
    ...(need ? { need: { skill: need.skill, priority: need.priority } } : {}),
    savedAt: Date.now(),
  };
}

/**
 * The card from a snapshot body as the server sent it, not yet checked against the schemas (the live layer
 * does that when it has loaded): null when it is no snapshot, or one this phone cannot read.
 */
export function cardFromSnapshot(body: unknown, staffId: string): StaffCard | null {
  if (!body || typeof body !== "object") return null;
  const b = body as Record<string, unknown>;
  const byId = (name: keyof CardSource) => new Map((Array.isArray(b[name]) ? b[name] as { id?: unknown }[] : [])
    .filter((x) => typeof x?.id === "string").map((x) => [x.id as string, x]));
  try {
    return deriveCard({ staff: byId("staff"), assignments: byId("assignments"), incidents: byId("incidents"), spikes: byId("spikes"), units: byId("units") } as unknown as CardSource, staffId);
  } catch {
    return null;
  }
}

export function saveCard(card: StaffCard): void {
  try {
    localStorage.setItem(key(card.staffId), JSON.stringify(card));
  } catch {
    // a full storage only loses the offline copy
  }
}

export function loadCard(staffId: string): StaffCard | null {
  try {
    const raw = localStorage.getItem(key(staffId));
    return raw ? (JSON.parse(raw) as StaffCard) : null;
  } catch {
    return null;
  }
}
