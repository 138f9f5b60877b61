/**
 * Assignments (penugasan) and their state machine:
 * requested → confirmed → active → completed, with exits declined, recalled, cancelled.
 * Every check and write of one step happens in one transaction, so races cannot break invariants 1 and 2.
 */
import type { AssignmentAction, TransitionBody } from "../../shared/api.js";
import { OPEN_STATES, type Assignment, type AssignmentState, type PublicUser, type Staff, type Unit } from "../../shared/domain.js";
import { DomainError } from "../../shared/errors.js";
import { commit, type Ctx } from "../context.js";
import { checkVersion, mustGet, replaceAndLog, uniqueTaken } from "../entities.js";
import { newId } from "../ids.js";
import { findNeed, openCountByNeed } from "../incidents/needs.js";
import type { Tx } from "../store/port.js";
import { isReleased, openAssignmentOf, stayingCount } from "./rules.js";

const MAX_FATIGUE_HOURS = 24 * 14;

export interface RequestOptions {
  planId?: string;
  /** Where the need is, when known (a plan line): found without reading every incident and spike. */
  siteId?: string;
}

/**
 * Requests a person for a need (manual or from a plan line), inside the caller's transaction.
 * Released staff are confirmed at once: their unit already let them go.
 */
export async function requestInTx(tx: Tx, now: Date, actor: string, staffId: string, needId: string, options: RequestOptions = {}): Promise<Assignment> {
  const staff = await mustGet<Staff>(tx, "staff", staffId, "staff member");
  const site = await findNeed(tx, needId, now, options.siteId);
  if (!staff.skills.includes(site.need.skill)) {
    throw new DomainError("conflict", `${staff.name} does not have the skill ${site.need.skill}`);
  }
  if (site.unitId === staff.homeUnitId) throw new DomainError("conflict", "A person cannot be lent to their own unit");
  if (staff.status !== "available") throw new DomainError("conflict", `${staff.name} is not available (${staff.status})`);
  if (await openAssignmentOf(tx, staffId)) throw new DomainError("conflict", `${staff.name} already has an open assignment`);
  const covered = (await openCountByNeed(tx, [needId])).get(needId) ?? 0;
  if (covered >= site.need.count) throw new DomainError("conflict", "That need is already fully covered");
  const released = await isReleased(tx, staffId, now);
  if (!released) {
    const unit = await mustGet<Unit>(tx, "units", staff.homeUnitId, "unit");
    const staying = await stayingCount(tx, unit, now);
    if (staying - 1 < unit.floor) {
      throw new DomainError("conflict", `${unit.name} would fall below its staffing floor of ${unit.floor}`, { unitId: unit.id, floor: unit.floor, staying });
    }
  }
  const at = now.toISOString();
  const history: Assignment["history"] = [{ state: "requested", at, by: actor }];
  if (released) history.push({ state: "confirmed", at, by: "system", reason: "released by the unit" });
  const assignment = await tx.insert<Assignment>("assignments", {
    id: newId("asg"),
    staffId,
    needId,
    siteKind: site.siteKind,
    siteId: site.siteId,
    fromUnitId: staff.homeUnitId,
    released,
    ...(options.planId ? { planId: options.planId } : {}),
    state: released ? "confirmed" : "requested",
    history,
    createdAt: at,
    updatedAt: at,
  }).catch(uniqueTaken(`${staff.name} already has an open assignment`)); // the partial unique index: a concurrent request won (invariant 1)
  await tx.append({ type: "assignment.created", actor, data: assignment });
  return assignment;
}

export function requestAssignment(ctx: Ctx, user: PublicUser, staffId: string, needId: string): Promise<Assignment> {
  return commit(ctx, (tx) => requestInTx(tx, ctx.clock.now(), user.username, staffId, needId));
}

/** Moves an assignment to `to`, recording who and why; keeps the person's status in step. */
export async function moveInTx(tx: Tx, now: Date, actor: string, assignment: Assignment, to: AssignmentState, reason?: string): Promise<Assignment> {
  const at = now.toISOString();
  const next: Assignment = {
    ...assignment,
    state: to,
    history: [...assignment.history, { state: to, at, by: actor, ...(reason ? { reason } : {}) }],
    updatedAt: at,
  };
  delete next.recallRequested;
  const saved = await tx.replace("assignments", next);
  await tx.append({ type: `assignment.${to}`, actor, data: saved });
  if (to === "active" || assignment.state === "active") await updateStaffForMove(tx, now, actor, assignment, to);
  return saved;
}

async function updateStaffForMove(tx: Tx, now: Date, actor: string, assignment: Assignment, to: AssignmentState) {
  const staff = await tx.get<Staff>("staff", assignment.staffId);
  if (!staff) return;
  let next: Staff;
  if (to === "active") {
    next = { ...staff, status: "deployed" };
  } else {
    // Hours in the field since check-in count as fatigue (the planner prefers rested people).
    const checkin = [...assignment.history].reverse().find((h) => h.state === "active");
    const hours = checkin ? Math.max(0, (now.getTime() - Date.parse(checkin.at)) / 3600_000) : 0;
    next = { ...staff, status: "available", fatigueHours: Math.min(MAX_FATIGUE_HOURS, Math.round((staff.fatigueHours + hours) * 10) / 10) };
  }
  const saved = await tx.replace("staff", next);
  await tx.append({ type: "staff.updated", actor, data: saved });
}

interface Rule {
  from: AssignmentState[];
  to: AssignmentState;
  who: (user: PublicUser, a: Assignment) => boolean;
  whoText: string;
  reason?: "required";
}

const unitHeadOf = (user: PublicUser, a: Assignment) => user.role === "unit_head" && user.unitId === a.fromUnitId;
const personOrCoordinator = (user: PublicUser, a: Assignment) => user.role === "coordinator" || (user.role === "staff" && user.staffId === a.staffId);
const coordinator = (user: PublicUser) => user.role === "coordinator";

const RULES: Record<Exclude<AssignmentAction, "recall">, Rule> = {
  confirm: { from: ["requested"], to: "confirmed", who: unitHeadOf, whoText: "the head of the person's unit" },
  decline: { from: ["requested"], to: "declined", who: unitHeadOf, whoText: "the head of the person's unit", reason: "required" },
  checkin: { from: ["confirmed"], to: "active", who: personOrCoordinator, whoText: "the person or a coordinator" },
  complete: { from: ["active"], to: "completed", who: personOrCoordinator, whoText: "the person or a coordinator" },
  cancel: { from: ["requested", "confirmed"], to: "cancelled", who: coordinator, whoText: "a coordinator" },
  "recall-approve": { from: ["confirmed", "active"], to: "recalled", who: coordinator, whoText: "a coordinator" },
};

/** Applies one action of the approval chain, or explains with 403/409 why it may not happen. */
export function act(ctx: Ctx, user: PublicUser, id: string, action: AssignmentAction, body: TransitionBody): Promise<Assignment> {
  return commit(ctx, async (tx) => {
    const now = ctx.clock.now();
    const assignment = await mustGet<Assignment>(tx, "assignments", id, "assignment");
    checkVersion(assignment, body.version, "assignment");
    if (action === "recall") return requestRecall(tx, now, user, assignment, body.reason);
    const rule = RULES[action];
    if (!rule.who(user, assignment)) throw new DomainError("forbidden", `Only ${rule.whoText} may ${action} this assignment`);
    if (!rule.from.includes(assignment.state)) {
      throw new DomainError("conflict", `Cannot ${action} an assignment that is ${assignment.state}`, { state: assignment.state });
    }
    if (rule.reason === "required" && !body.reason) throw reasonRequired();
    if (action === "recall-approve" && !assignment.recallRequested) throw new DomainError("conflict", "No recall was asked for this assignment");
    return moveInTx(tx, now, user.username, assignment, rule.to, body.reason ?? assignment.recallRequested?.reason);
  });
}

/** A unit head asks for their person back; the coordinator agrees with recall-approve. */
async function requestRecall(tx: Tx, now: Date, user: PublicUser, assignment: Assignment, reason: string | undefined): Promise<Assignment> {
  if (!unitHeadOf(user, assignment)) throw new DomainError("forbidden", "Only the head of the person's unit may recall them");
  if (!reason) throw reasonRequired();
  if (assignment.state !== "confirmed" && assignment.state !== "active") {
    throw new DomainError("conflict", `Cannot recall an assignment that is ${assignment.state}`, { state: assignment.state });
  }
  if (assignment.recallRequested) throw new DomainError("conflict", "A recall is already waiting for the coordinator");
  const asked = { ...assignment, recallRequested: { at: now.toISOString(), by: user.username, reason }, updatedAt: now.toISOString() };
  return replaceAndLog(tx, "assignments", asked, "assignment.recall_requested", user.username);
}

const reasonRequired = () => new DomainError("validation", "A reason is required", [{ path: "reason", message: "Required" }]);

/** When a site closes: requests lapse, people in the field are sent home. */
export async function closeSiteAssignments(tx: Tx, now: Date, actor: string, siteId: string, reason: string) {
  const open = await tx.find<Assignment>("assignments", { siteId, state: { $in: [...OPEN_STATES] } });
  for (const a of open) await moveInTx(tx, now, actor, a, a.state === "active" ? "completed" : "cancelled", reason);
}
