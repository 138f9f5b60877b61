/**
 * Assignments (penugasan) and their state machine (shared/rules.ts TRANSITIONS).
 * Every check and write of one step happens in one transaction, so races cannot break invariants 1 and 2.
 */
import type { TransitionBody, UntilBody } from "../../shared/api.js";
import type { Assignment, AssignmentState, PublicUser } from "../../shared/domain.js";
import { conflict, invalidField } from "../../shared/errors.js";
import { isOpen, MAX_FATIGUE_HOURS, OPEN_STATES, restAtFor, SYSTEM_ACTOR, SYSTEM_REASONS, TRANSITIONS, transitionBlock, type AssignmentAction, type SystemReason } from "../../shared/rules.js";
import { authorize } from "../auth/authorize.js";
import { commit, type Ctx } from "../context.js";
import { checkVersion, mustGet, replaceAndLog, uniqueTaken } from "../entities.js";
import { newId } from "../ids.js";
import { findNeed, openCountByNeed } from "../needs/needs.js";
import type { Tx } from "../store/port.js";
import { isReleased, openAssignmentOf, stayingCount } from "./queries.js";

export interface RequestOptions {
  planId?: string;
  /** The planned end the coordinator gave when approving. */
  until?: string;
  /** Where the need is, when known (a plan line): found without reading every incident and spike. */
  siteId?: string;
}

/**
 * Requests a person for a need (manual or from a plan line), inside the caller's transaction; the caller
 * has authorized `assignment.create` or `plan.approve`. Released staff are confirmed at once: their unit
 * already let them go.
 */
export async function requestInTx(tx: Tx, now: Date, actor: string, staffId: string, needId: string, options: RequestOptions = {}): Promise<Assignment> {
  const staff = await mustGet(tx, "staff", staffId, "staff member");
  const site = await findNeed(tx, needId, now, options.siteId);
  if (!staff.skills.includes(site.need.skill)) throw conflict("skill", `${staff.name} does not have the skill ${site.need.skill}`);
  if (site.unitId === staff.homeUnitId) throw conflict("own_unit", "A person cannot be lent to their own unit");
  if (staff.status !== "available") throw conflict("unavailable", `${staff.name} is not available (${staff.status})`, { state: staff.status });
  if (await openAssignmentOf(tx, staffId)) throw conflict("already_open", `${staff.name} already has an open assignment`);
  const covered = (await openCountByNeed(tx, [needId])).get(needId) ?? 0;
  if (covered >= site.need.count) throw conflict("covered", "That need is already fully covered");
  const released = await isReleased(tx, staffId, now);
  if (!released) {
    const unit = await mustGet(tx, "units", staff.homeUnitId, "unit");
    const staying = await stayingCount(tx, unit, now);
    if (staying - 1 < unit.floor) {
      throw conflict("floor", `${unit.name} would fall below its staffing floor of ${unit.floor}`, { unitId: unit.id, floor: unit.floor, staying });
    }
  }
  const at = now.toISOString();
  const history: Assignment["history"] = [{ state: "requested", at, by: actor }];
  if (released) history.push({ state: "confirmed", at, by: SYSTEM_ACTOR, reason: SYSTEM_REASONS.released });
  const assignment = await tx.insert("assignments", {
    id: newId("asg"),
    staffId,
    needId,
    siteKind: site.siteKind,
    siteId: site.siteId,
    fromUnitId: staff.homeUnitId,
    released,
    ...(options.planId ? { planId: options.planId } : {}),
    ...(options.until ? { until: new Date(options.until).toISOString() } : {}),
    state: released ? "confirmed" : "requested",
    history,
    createdAt: at,
    updatedAt: at,
  }).catch(uniqueTaken(`${staff.name} already has an open assignment`, "already_open")); // the partial unique index: a concurrent request won (invariant 1)
  await tx.append({ type: "assignment.created", actor, data: assignment });
  return assignment;
}

export function requestAssignment(ctx: Ctx, user: PublicUser, staffId: string, needId: string): Promise<Assignment> {
  authorize(user, "assignment.create");
  return commit(ctx, (tx) => requestInTx(tx, ctx.clock.now(), user.username, staffId, needId));
}

type MovedState = "confirmed" | "declined" | "active" | "completed" | "cancelled" | "recalled";

/** Moves an assignment to `to`, recording who and why; keeps the person's status in step. */
export async function moveInTx(tx: Tx, now: Date, actor: string, assignment: Assignment, to: MovedState, reason?: string, patch: Partial<Assignment> = {}): Promise<Assignment> {
  const at = now.toISOString();
  const next: Assignment = {
    ...assignment,
    ...patch,
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
  const staff = await tx.get("staff", assignment.staffId);
  if (!staff) return;
  const next = to === "active"
    ? { ...staff, status: "deployed" as const }
    : (() => {
      // Hours in the field since check-in count as fatigue (the planner prefers rested people).
      const checkin = [...assignment.history].reverse().find((h) => h.state === "active");
      const hours = checkin ? Math.max(0, (now.getTime() - Date.parse(checkin.at)) / 3600_000) : 0;
      return { ...staff, status: "available" as const, fatigueHours: Math.min(MAX_FATIGUE_HOURS, Math.round((staff.fatigueHours + hours) * 10) / 10) };
    })();
  const saved = await tx.replace("staff", next);
  await tx.append({ type: "staff.updated", actor, data: saved });
}

/** Applies one action of the approval chain, or explains with 403/409 why it may not happen. */
export function act(ctx: Ctx, user: PublicUser, id: string, action: AssignmentAction, body: TransitionBody): Promise<Assignment> {
  return commit(ctx, async (tx) => {
    const now = ctx.clock.now();
    const assignment = await mustGet(tx, "assignments", id, "assignment");
    authorize(user, `assignment.${action}`, assignment);
    checkVersion(assignment, body.version, "assignment");
    const rule = TRANSITIONS[action];
    const block = transitionBlock(action, assignment);
    if (block === "wrong_state") throw conflict(block, `Cannot ${action} an assignment that is ${assignment.state}`, { state: assignment.state });
    if (block === "recall_pending") throw conflict(block, "A recall is already waiting for the coordinator");
    if (block === "no_recall") throw conflict(block, "No recall was asked for this assignment");
    if (block === "not_escalated") throw conflict(block, "The request has not been escalated to the coordinator: its unit head or stand-in may still answer it");
    if (rule.reason === "required" && !body.reason) throw invalidField("reason", "required", "A reason is required");
    if (rule.to === null) {
      // recall: the unit head's ask is recorded; the coordinator grants it with recall-approve.
      const asked = { ...assignment, recallRequested: { at: now.toISOString(), by: user.username, reason: body.reason! }, updatedAt: now.toISOString() };
      return replaceAndLog(tx, "assignments", asked, "assignment.recall_requested", user.username);
    }
    // At check-in the person learns when they may rest (issue 15); relief is planned before it.
    const patch: Partial<Assignment> = {};
    if (action === "checkin") {
      const staff = await tx.get("staff", assignment.staffId);
      patch.restAt = restAtFor(now.getTime(), staff?.fatigueHours ?? 0, assignment.until, ctx.settings);
    }
    return moveInTx(tx, now, user.username, assignment, rule.to as MovedState, body.reason ?? assignment.recallRequested?.reason, patch);
  });
}

/** The coordinator sets (or moves) the planned end of an open assignment: one `assignment.until_set`. */
export function setUntil(ctx: Ctx, user: PublicUser, id: string, body: UntilBody): Promise<Assignment> {
  authorize(user, "assignment.until");
  return commit(ctx, async (tx) => {
    const now = ctx.clock.now();
    const assignment = await mustGet(tx, "assignments", id, "assignment");
    checkVersion(assignment, body.version, "assignment");
    if (!isOpen(assignment)) throw conflict("wrong_state", `Cannot set the end of an assignment that is ${assignment.state}`, { state: assignment.state });
    if (Date.parse(body.until) <= now.getTime()) throw invalidField("until", "past", "The planned end must be in the future");
    const next: Assignment = { ...assignment, until: new Date(body.until).toISOString(), updatedAt: now.toISOString() };
    // An earlier end brings the rest time (and so the relief) forward; a later one never extends a shift.
    if (next.restAt && Date.parse(next.until!) < Date.parse(next.restAt)) next.restAt = next.until;
    return replaceAndLog(tx, "assignments", next, "assignment.until_set", user.username);
  });
}

/** The site-closed hook (server/context.ts): requests lapse, people in the field are sent home. */
export async function closeSiteAssignments(tx: Tx, now: Date, actor: string, siteId: string, reason: SystemReason) {
  const open = await tx.find("assignments", { siteId, state: { $in: [...OPEN_STATES] } });
  for (const a of open) await moveInTx(tx, now, actor, a, a.state === "active" ? "completed" : "cancelled", reason);
}
