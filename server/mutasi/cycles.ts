/** The cycle: created by a coordinator, moved through its phases by the rulebook's table (shared/mutasi-cycle.ts). */
import type { PublicUser } from "../../shared/domain.js";
import { conflict, DomainError } from "../../shared/errors.js";
import { defaultCycleSettings, phaseStep, type CycleCreate, type MutasiCycle, type MutasiPhase, type PhaseBody } from "../../shared/mutasi-cycle.js";
import { isOpen } from "../../shared/rules.js";
import { authorize } from "../auth/authorize.js";
import { commit, type Ctx } from "../context.js";
import { checkVersion, mustGet, replaceAndLog, uniqueTaken } from "../entities.js";
import type { Tx } from "../store/port.js";

export function createCycle(ctx: Ctx, user: PublicUser, body: CycleCreate): Promise<MutasiCycle> {
  authorize(user, "mutasi.cycle.create");
  const now = ctx.clock.now().toISOString();
  const settings = { ...defaultCycleSettings(body.year), ...body.settings };
  if (settings.minMonths > settings.maxMonths) throw new DomainError("validation", "Invalid body", [{ path: "settings.minMonths", message: "minMonths is above maxMonths", code: "too_big", maximum: settings.maxMonths }]);
  return commit(ctx, async (tx) => {
    const cycle = await tx.insert("mutasiCycles", {
      id: `cycle-${body.year}`, year: body.year, phase: "draft", settings, history: [{ phase: "draft", at: now, by: user.username }], createdAt: now,
    }).catch(uniqueTaken(`A mutasi cycle for ${body.year} exists`));
    await tx.append({ type: "mutasi_cycle.created", actor: user.username, data: cycle });
    return cycle;
  });
}

/** Moves the cycle one step, in the caller's transaction; 409 wrong_state for a step the table does not have for `by`. */
export async function stepCycle(tx: Tx, cycle: MutasiCycle, to: MutasiPhase, by: "phase" | "plan" | "decide", actor: string, at: Date): Promise<MutasiCycle> {
  if (!phaseStep(cycle.phase, to, by)) {
    throw conflict("wrong_state", `A cycle in phase ${cycle.phase} cannot go to ${to} this way`, { state: cycle.phase, currentVersion: cycle.version });
  }
  if (cycle.phase === to) return cycle;
  const next = { ...cycle, phase: to, history: [...cycle.history, { phase: to, at: at.toISOString(), by: actor }] };
  return replaceAndLog(tx, "mutasiCycles", next, "mutasi_cycle.phase_changed", actor);
}

export function changePhase(ctx: Ctx, user: PublicUser, id: string, body: PhaseBody): Promise<MutasiCycle> {
  authorize(user, "mutasi.cycle.phase");
  return commit(ctx, async (tx) => {
    const cycle = await mustGet(tx, "mutasiCycles", id, "mutasi cycle");
    checkVersion(cycle, body.version, "mutasi cycle");
    if (body.to === "effective" && phaseStep(cycle.phase, "effective", "phase")) await applyMoves(tx, cycle, user.username);
    return stepCycle(tx, cycle, body.to, "phase", user.username, ctx.clock.now());
  });
}

/**
 * TMT: every decided move at once, or none. A person who holds an open surge assignment cannot change
 * unit under it: 409 naming them all (a surge assignment never becomes a mutasi).
 */
async function applyMoves(tx: Tx, cycle: MutasiCycle, actor: string) {
  const plans = await tx.find("mutasiPlans", { cycleId: cycle.id });
  const plan = plans.find((p) => p.decision?.approve && p.sk);
  if (!plan?.sk) throw conflict("wrong_state", "The cycle has no signed decision to apply", { state: cycle.phase });
  const ids = plan.sk.moves.map((m) => m.staffId);
  const open = (await tx.find("assignments", { staffId: { $in: ids } })).filter(isOpen).map((a) => a.staffId);
  if (open.length > 0) {
    throw conflict("open_assignment", `These people hold an open surge assignment and cannot move yet: ${[...new Set(open)].join(", ")}`, { staffIds: [...new Set(open)].sort() });
  }
  for (const move of plan.sk.moves) {
    const staff = await mustGet(tx, "staff", move.staffId, "staff member");
    if (staff.positionId !== move.from.positionId) throw conflict("version", `${staff.name} no longer holds the position the decision moves them from`, { currentVersion: staff.version });
    await replaceAndLog(tx, "staff", { ...staff, positionId: move.to.positionId, homeUnitId: move.to.unitId, tmtJabatan: plan.sk.tmt }, "staff.updated", actor);
  }
}
