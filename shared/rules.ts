/**
 * The rulebook: every rule of the surge domain that the server enforces and the dashboard shows, written
 * once. Who may take a step is the policy's (shared/policy.ts); when a step is possible at all is here.
 */
import type { Assignment, AssignmentState, DemandSpike, Incident, LatLng, Release, Staff, Unit } from "./domain.js";

/** States that hold a person (invariant 1) and count against the unit floor (invariant 2). */
export const OPEN_STATES = ["requested", "confirmed", "active"] as const satisfies readonly AssignmentState[];
const OPEN = new Set<AssignmentState>(OPEN_STATES);

export function isOpen(assignment: Pick<Assignment, "state">): boolean {
  return OPEN.has(assignment.state);
}

/** Beyond this many missed events a snapshot is smaller and faster than the replay (live feed resume). */
export const MAX_REPLAY = 5000;

/** Hours deployed in the last 14 days never exceed the 14 days themselves. */
export const MAX_FATIGUE_HOURS = 24 * 14;

/** A spike adds load and draws people while it is active and its `until`, if any, is still ahead. */
export function spikeInForce(spike: Pick<DemandSpike, "status" | "until">, nowMs: number): boolean {
  return spike.status === "active" && (spike.until === undefined || Date.parse(spike.until) > nowMs);
}

/** A release counts while it is active and its `until` is still ahead. */
export function releaseInForce(release: Pick<Release, "status" | "until">, nowMs: number): boolean {
  return release.status === "active" && Date.parse(release.until) > nowMs;
}

/** An incident takes people while it is active. */
export function incidentTakesPeople(incident: Pick<Incident, "status">): boolean {
  return incident.status === "active";
}

/**
 * A person is at work in their unit (and counts for its load and the planner's staff) when available
 * and not held by an open assignment. Released people are still present: a release only puts them
 * outside the floor.
 */
export function isPresent(staff: Pick<Staff, "status">, holdsOpenAssignment: boolean): boolean {
  return staff.status === "available" && !holdsOpenAssignment;
}

/**
 * The load of a unit: the work it must carry (its workload plus the spikes in force) per person
 * present. The map, the unit head's page and the planner's before/after all use this.
 */
export function unitLoad(workload: number, present: number): number {
  return workload / Math.max(1, present);
}

/**
 * Donors must not be busy themselves (DESIGN.md): with a donor load cap a unit keeps enough non-released
 * people to carry its own workload at a load of at most the cap. null/undefined: the plain floor.
 */
export function effectiveFloor(unit: { floor: number; workload: number }, donorLoadCap: number | null | undefined): number {
  if (donorLoadCap === null || donorLoadCap === undefined) return unit.floor;
  return Math.max(unit.floor, Math.ceil(unit.workload / donorLoadCap - 1e-9));
}

/** The cap plans from the state use when the coordinator gives none (DESIGN.md, "Donors must not be busy"). */
export const DEFAULT_DONOR_LOAD_CAP = 1.0;

/** Load bands: green below 0.8, amber up to 1.1, red above. */
export const LOAD_THRESHOLDS = { warn: 0.8, over: 1.1 } as const;
export type LoadLevel = "ok" | "warn" | "over";
export function loadLevel(load: number): LoadLevel {
  return load < LOAD_THRESHOLDS.warn ? "ok" : load <= LOAD_THRESHOLDS.over ? "warn" : "over";
}

/** Where people sent to a need report: the incident's command post (or the incident itself), or the spiking unit. */
export function incidentSiteLocation(incident: Pick<Incident, "commandPost" | "location">): LatLng {
  return incident.commandPost ?? incident.location;
}
export function spikeSiteLocation(unit: Pick<Unit, "location">): LatLng {
  return unit.location;
}

/**
 * The reasons the server itself writes into an assignment's history, where a person's words go
 * otherwise. Fixed strings (stored since release 0.1.0), so a client can say them in its own language.
 */
export const SYSTEM_REASONS = {
  released: "released by the unit",
  incidentClosed: "incident closed",
  spikeEnded: "demand spike ended",
  demobilised: "demobilised",
  relieved: "relieved",
} as const;
export type SystemReason = (typeof SYSTEM_REASONS)[keyof typeof SYSTEM_REASONS];
/** The `by` of a history entry the server wrote on its own. */
export const SYSTEM_ACTOR = "system";

/**
 * A unit head may release one of their people when the person is available, not held by an open
 * assignment and not already released.
 */
export type ReleaseBlock = "unavailable" | "already_open" | "already_released";
export function releaseBlock(staff: Pick<Staff, "status">, holdsOpenAssignment: boolean, alreadyReleased: boolean): ReleaseBlock | null {
  if (staff.status !== "available") return "unavailable";
  if (holdsOpenAssignment) return "already_open";
  if (alreadyReleased) return "already_released";
  return null;
}

/**
 * The assignment state machine: requested → confirmed → active → completed, with exits declined,
 * recalled, cancelled. `recall` changes no state: it records the unit head's ask, which the
 * coordinator grants with `recall-approve`. `by` names the party of the policy that may take the step.
 */
export const ASSIGNMENT_ACTIONS = ["confirm", "decline", "checkin", "complete", "cancel", "recall", "recall-approve", "excuse", "confirm-for-unit"] as const;
export type AssignmentAction = (typeof ASSIGNMENT_ACTIONS)[number];

export type AssignmentParty = "donor_head" | "person_or_coordinator" | "coordinator" | "person";
export interface TransitionRule {
  from: readonly AssignmentState[];
  /** The state it moves to; null for `recall`, which only records the ask. */
  to: AssignmentState | null;
  by: AssignmentParty;
  reason: "required" | "optional" | "none";
  /** A recall must be waiting (`pending`) or must not be (`none`); undefined: either. */
  recall?: "pending" | "none";
  /** The request's escalation must have reached the coordinator (issue 15). */
  escalated?: true;
}

export const TRANSITIONS: Record<AssignmentAction, TransitionRule> = {
  confirm: { from: ["requested"], to: "confirmed", by: "donor_head", reason: "none" },
  decline: { from: ["requested"], to: "declined", by: "donor_head", reason: "required" },
  checkin: { from: ["confirmed"], to: "active", by: "person_or_coordinator", reason: "none" },
  complete: { from: ["active"], to: "completed", by: "person_or_coordinator", reason: "none" },
  cancel: { from: ["requested", "confirmed"], to: "cancelled", by: "coordinator", reason: "optional" },
  recall: { from: ["confirmed", "active"], to: null, by: "donor_head", reason: "required", recall: "none" },
  "recall-approve": { from: ["confirmed", "active"], to: "recalled", by: "coordinator", reason: "none", recall: "pending" },
  /** "Saya tidak bisa hadir": the person says, with a reason, that they cannot come; the unit head and coordinator see the decline at once. */
  excuse: { from: ["requested", "confirmed"], to: "declined", by: "person", reason: "required" },
  // A request escalated to the coordinator (neither head nor stand-in answered): confirmed on the unit's behalf, saying why.
  "confirm-for-unit": { from: ["requested"], to: "confirmed", by: "coordinator", reason: "required", escalated: true },
};

/** Why the step cannot happen in the assignment's current state, or null when it can. */
export function transitionBlock(
  action: AssignmentAction, assignment: Pick<Assignment, "state" | "recallRequested"> & EscalationFields,
): "wrong_state" | "recall_pending" | "no_recall" | "not_escalated" | null {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(assignment.state)) return "wrong_state";
  if (rule.escalated && escalationStageOf(assignment) !== "coordinator") return "not_escalated";
  if (rule.recall === "none" && assignment.recallRequested) return "recall_pending";
  if (rule.recall === "pending" && !assignment.recallRequested) return "no_recall";
  return null;
}

/**
 * How far a need is covered, counted honestly: a request is not an arrival. `unmet` is what is neither
 * confirmed nor on site (issue "Numbers a tired coordinator can trust"); header, cards, the wall and the
 * per-incident board all count with this one rule.
 */
export interface Coverage {
  requested: number;
  confirmed: number;
  onSite: number;
  declined: number;
  unmet: number;
}

export function emptyCoverage(): Coverage {
  return { requested: 0, confirmed: 0, onSite: 0, declined: 0, unmet: 0 };
}

/** Adds one assignment's state to a tally (`unmet` is settled by `settleCoverage`). */
export function countCoverage(tally: Coverage, assignment: Pick<Assignment, "state">): void {
  if (assignment.state === "requested") tally.requested++;
  else if (assignment.state === "confirmed") tally.confirmed++;
  else if (assignment.state === "active") tally.onSite++;
  else if (assignment.state === "declined") tally.declined++;
}

export function settleCoverage(tally: Coverage, needCount: number): Coverage {
  tally.unmet = Math.max(0, needCount - tally.confirmed - tally.onSite);
  return tally;
}

/**
 * The long hours of a flood (issue 15), settings with their defaults: how long a request may wait for its
 * unit head before it is escalated (SIAGA_ESCALATE_AFTER_MIN), and the fatigue limits relief plans keep
 * (SIAGA_SHIFT_HOURS, SIAGA_FATIGUE_LIMIT_HOURS: hours deployed per 14 days). The limits are a judgement
 * for the command post to set, not a regulation: 12-hour shifts are the usual upper bound in disaster
 * response, and 14 days of 8 hours is 112 hours.
 */
export const LONG_HOURS_DEFAULTS = { escalateAfterMin: 30, shiftHours: 12, fatigueLimitHours: 112, reliefLeadMin: 60 } as const;
export interface LongHoursSettings {
  escalateAfterMin: number;
  shiftHours: number;
  fatigueLimitHours: number;
  /** How long before the rest time the relief plan is proposed. */
  reliefLeadMin: number;
}

export type EscalationStage = "stand_in" | "coordinator";
type EscalationFields = Partial<Pick<Assignment, "escalatedAt" | "escalatedTo" | "escalationStage">>;
/** The stage an escalated request has reached (a record written before stages existed: by its `escalatedTo`). */
export function escalationStageOf(a: EscalationFields): EscalationStage | undefined {
  return a.escalationStage ?? (a.escalatedAt ? (a.escalatedTo ? "stand_in" : "coordinator") : undefined);
}
/**
 * The next escalation stage due now, or null. A request unanswered for `escalateAfterMin` goes "first" (to
 * the unit's stand-in when one is named, else straight to the coordinator); still unanswered another
 * `escalateAfterMin` after that, it goes from the stand-in to the "coordinator". Each stage happens once.
 */
export function escalationDue(
  a: Pick<Assignment, "state" | "createdAt"> & EscalationFields, nowMs: number, escalateAfterMin: number,
): "first" | "coordinator" | null {
  if (a.state !== "requested") return null;
  const wait = escalateAfterMin * 60_000;
  const stage = escalationStageOf(a);
  if (stage === undefined) return Date.parse(a.createdAt) + wait <= nowMs ? "first" : null;
  if (stage === "stand_in") return Date.parse(a.escalatedAt!) + wait <= nowMs ? "coordinator" : null;
  return null;
}

/**
 * When a person checked in now may rest: the end of the shift, the moment their 14-day hours reach the
 * fatigue limit, or the planned end, whichever comes first. Relief is proposed `reliefLeadMin` before it.
 */
export function restAtFor(checkinMs: number, fatigueHours: number, untilIso: string | undefined, s: Pick<LongHoursSettings, "shiftHours" | "fatigueLimitHours">): string {
  const hours = Math.max(0, Math.min(s.shiftHours, s.fatigueLimitHours - fatigueHours));
  const end = Math.min(checkinMs + hours * 3600_000, untilIso ? Date.parse(untilIso) : Infinity);
  return new Date(Math.max(checkinMs, end)).toISOString();
}

export function reliefDue(a: Pick<Assignment, "state" | "restAt" | "reliefDueAt">, nowMs: number, reliefLeadMin: number): boolean {
  return a.state === "active" && a.restAt !== undefined && !a.reliefDueAt && Date.parse(a.restAt) - reliefLeadMin * 60_000 <= nowMs;
}
