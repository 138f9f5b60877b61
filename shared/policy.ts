/**
 * Who may do what: one table, asked the same way by the server before it acts (services call
 * `authorize`, shared with routes and socket commands through `mayEver`) and by the dashboard before it
 * offers a button. Roles first (`roles`), then the record itself (`scope`): a unit head acts on their own
 * unit only, a person on their own assignment only.
 */
import type { Assignment, PublicUser, Role, Staff } from "./domain.js";
import { ASSIGNMENT_ACTIONS, TRANSITIONS, transitionBlock, type AssignmentAction, type AssignmentParty } from "./rules.js";

/** A record scoped to one unit (a release, a new staff member, a unit's staff list). */
export interface UnitScoped { unitId: string }
type AssignmentResource = Pick<Assignment, "fromUnitId" | "staffId">;
type StaffResource = Pick<Staff, "id" | "homeUnitId">;

interface Rule<R> {
  roles: readonly Role[];
  /** Checked after `roles` when a resource is given. */
  scope?: (user: PublicUser, resource: R) => boolean;
}

const EVERYONE: readonly Role[] = ["coordinator", "unit_head", "staff", "screen", "ppk"];
const COORDINATOR: readonly Role[] = ["coordinator"];
const STAFF: readonly Role[] = ["staff"];
const PPK: readonly Role[] = ["ppk"];
const ownUnit = (user: PublicUser, r: UnitScoped) => user.role === "coordinator" || (user.role === "unit_head" && user.unitId === r.unitId);

const PARTY: Record<AssignmentParty, Rule<AssignmentResource>> = {
  donor_head: { roles: ["unit_head"], scope: (user, a) => user.unitId === a.fromUnitId },
  person_or_coordinator: { roles: ["coordinator", "staff"], scope: (user, a) => user.role === "coordinator" || user.staffId === a.staffId },
  coordinator: { roles: COORDINATOR },
  person: { roles: ["staff"], scope: (user, a) => user.staffId === a.staffId },
};

const assignmentRules = Object.fromEntries(ASSIGNMENT_ACTIONS.map((a) => [`assignment.${a}`, PARTY[TRANSITIONS[a].by]])) as
  Record<`assignment.${AssignmentAction}`, Rule<AssignmentResource>>;

export const POLICY = {
  "state.read": { roles: EVERYONE },
  "events.read": { roles: EVERYONE },
  "unit.read": { roles: EVERYONE },
  "unit.create": { roles: COORDINATOR },
  "unit.update": { roles: COORDINATOR },
  "unit.delete": { roles: COORDINATOR },
  "staff.read": { roles: EVERYONE },
  "staff.create": { roles: ["coordinator", "unit_head"], scope: ownUnit } as Rule<UnitScoped>,
  "staff.update": { roles: ["coordinator", "unit_head"], scope: ownUnit } as Rule<UnitScoped>,
  "staff.delete": { roles: ["coordinator", "unit_head"], scope: ownUnit } as Rule<UnitScoped>,
  /** Moving a person to another unit is a coordinator's decision, not either unit head's. */
  "staff.move": { roles: COORDINATOR },
  /** Invariant 6: coordinators see every phone, unit heads their own unit's, staff their own. */
  "staff.phone.read": {
    roles: ["coordinator", "unit_head", "staff"],
    scope: (user, s) => user.role === "coordinator" || (user.role === "unit_head" && user.unitId === s.homeUnitId) || (user.role === "staff" && user.staffId === s.id),
  } as Rule<StaffResource>,
  "incident.read": { roles: EVERYONE },
  "incident.create": { roles: COORDINATOR },
  "incident.update": { roles: COORDINATOR },
  /** Issue 15: who goes home first, and sending them; unit heads see their people return in the live state. */
  "incident.demobilisation.read": { roles: ["coordinator", "unit_head", "screen"] as readonly Role[] },
  "incident.demobilise": { roles: COORDINATOR },
  "estimate.needs": { roles: COORDINATOR },
  "assignment.until": { roles: COORDINATOR },
  "spike.read": { roles: EVERYONE },
  "spike.create": { roles: COORDINATOR },
  "spike.end": { roles: COORDINATOR },
  "release.read": { roles: EVERYONE },
  "release.create": { roles: ["coordinator", "unit_head"], scope: ownUnit } as Rule<UnitScoped>,
  "release.end": { roles: ["coordinator", "unit_head"], scope: ownUnit } as Rule<UnitScoped>,
  "assignment.read": { roles: EVERYONE },
  "assignment.create": { roles: COORDINATOR },
  ...assignmentRules,
  "plan.read": { roles: COORDINATOR },
  "plan.create": { roles: COORDINATOR },
  "plan.approve": { roles: COORDINATOR },
  "plan.simulate": { roles: COORDINATOR },
  "position.read": { roles: EVERYONE },
  "position.create": { roles: COORDINATOR },
  "position.update": { roles: COORDINATOR },
  "mutasi.cycle.read": { roles: EVERYONE },
  "mutasi.cycle.create": { roles: COORDINATOR },
  "mutasi.cycle.phase": { roles: COORDINATOR },
  /** A person's own wish, points sheet and eligibility. */
  "mutasi.me": { roles: STAFF },
  "mutasi.simulate": { roles: COORDINATOR },
  "mutasi.plan.create": { roles: COORDINATOR },
  "mutasi.plan.read": { roles: ["coordinator", "unit_head", "ppk"] as readonly Role[] },
  /** Tim Penilai Kinerja: coordinators, and the heads of the units a plan moves people from or to. */
  "mutasi.plan.review": {
    roles: ["coordinator", "unit_head"] as readonly Role[],
    scope: (user, plan) => user.role === "coordinator" || (user.unitId !== undefined && plan.unitIds.includes(user.unitId)),
  } as Rule<{ unitIds: readonly string[] }>,
  /** The PPK signs; a Plh/Plt never does (the service says why: FORBIDDEN_REASONS acting_signer). */
  "mutasi.plan.decide": { roles: PPK, scope: (user) => user.acting === undefined } as Rule<object>,
  /** Objections with their text, and answering them (the PPK reads them before deciding). */
  "mutasi.objection.read": { roles: ["coordinator", "ppk"] as readonly Role[] },
  "mutasi.objection.answer": { roles: COORDINATOR },
  /** A person objects to their own line of a plan. */
  "mutasi.plan.object": { roles: STAFF, scope: (user, line) => user.staffId === line.staffId } as Rule<{ staffId: string }>,
  "mutasi.sk.read": { roles: ["coordinator", "ppk"] as readonly Role[] },
  /** The unit heads' usernames and phones (issue 13): the coordinator's call list. */
  "unitHead.read": { roles: COORDINATOR },
  "user.create": { roles: COORDINATOR },
  "user.revoke": { roles: COORDINATOR },
  /** A surat tugas: the person their own, a unit head their unit's (it lends them), coordinators all; a screen none. */
  "letter.read": {
    roles: ["coordinator", "unit_head", "staff"],
    scope: (user, a) => user.role === "coordinator" || (user.role === "unit_head" && user.unitId === a.fromUnitId) || (user.role === "staff" && user.staffId === a.staffId),
  } as Rule<AssignmentResource>,
  /** All the letters of a plan in one PDF. */
  "letter.plan": { roles: COORDINATOR },
  /** Exports: assignments, person-days per unit, the event log (issue 11). */
  "export.read": { roles: COORDINATOR },
  /** Web Push (issue 14): whether it is on (the VAPID public key), and one's own devices' subscriptions, for every signed-in role. */
  "push.key": { roles: EVERYONE },
  "push.manage": { roles: EVERYONE, scope: (user, s) => s.username === user.username } as Rule<{ username: string }>,
  /** Roster import and its templates (issue 11). */
  "roster.import": { roles: COORDINATOR },
} satisfies Record<string, Rule<never>>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

/** The record an action is asked about, for actions scoped to one. */
export type ResourceOf<A extends Action> = (typeof POLICY)[A] extends Rule<infer R> ? R : never;

/** Whether this role may ever take the action (before the record is known): routes and commands ask this first. */
export function mayEver(role: Role, action: Action): boolean {
  return POLICY[action].roles.includes(role);
}

/** Whether the user may take the action on this record (or at all, for actions about no record). */
export function can<A extends Action>(user: PublicUser, action: A, resource?: ResourceOf<A>): boolean {
  const rule = POLICY[action] as Rule<ResourceOf<A>>;
  if (!rule.roles.includes(user.role)) return false;
  return !rule.scope || resource === undefined || rule.scope(user, resource);
}

/**
 * The steps this user may take on this assignment now: the policy allows them (role and scope) and the
 * rulebook allows them from the assignment's state. The dashboard offers exactly these buttons.
 */
export function assignmentActionsFor(
  user: PublicUser,
  assignment: AssignmentResource & Pick<Assignment, "state" | "recallRequested">,
): AssignmentAction[] {
  return ASSIGNMENT_ACTIONS.filter((a) => can(user, `assignment.${a}`, assignment) && transitionBlock(a, assignment) === null);
}
