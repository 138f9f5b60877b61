/**
 * Escalation (issue 15): a request its unit head has not answered within SIAGA_ESCALATE_AFTER_MIN gains
 * `escalatedAt` and one `assignment.escalated` event, addressed first to the unit's stand-in when one is
 * named (a unit head account with `acting`: a Plh/Plt may confirm surge requests), and shown to the
 * coordinator, who may then confirm on the unit's behalf with a reason (TRANSITIONS "confirm-for-unit").
 * The sweep's whole state is the field on the assignment: a restart finds it, and the conditional write
 * (re-checked inside the transaction) makes a second process's sweep a no-op, so the event is written once.
 */
import type { Assignment } from "../../shared/domain.js";
import { escalationDue, SYSTEM_ACTOR } from "../../shared/rules.js";
import { commit, type Ctx } from "../context.js";
import { replaceAndLog } from "../entities.js";
import { StoreConflict } from "../store/port.js";

/** Escalates every request due now; returns how many this call escalated. */
export async function sweepEscalations(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const after = ctx.settings.escalateAfterMin;
  const due = (await ctx.store.read((tx) => tx.find("assignments", { state: "requested" }))).filter((a) => escalationDue(a, now.getTime(), after));
  let escalated = 0;
  for (const a of due) if (await escalateOne(ctx, a.id, now)) escalated++;
  return escalated;
}

async function escalateOne(ctx: Ctx, id: string, now: Date): Promise<boolean> {
  try {
    return await commit(ctx, async (tx) => {
      const a = await tx.get("assignments", id);
      // Answered, cancelled or escalated by another process meanwhile: nothing to do.
      if (!a || !escalationDue(a, now.getTime(), ctx.settings.escalateAfterMin)) return false;
      const standIn = (await tx.find("users", { role: "unit_head", unitId: a.fromUnitId })).find((u) => u.acting !== undefined);
      const at = now.toISOString();
      const next: Assignment = { ...a, escalatedAt: at, ...(standIn ? { escalatedTo: standIn.username } : {}), updatedAt: at };
      await replaceAndLog(tx, "assignments", next, "assignment.escalated", SYSTEM_ACTOR);
      return true;
    });
  } catch (error) {
    // The assignment changed between our read and our write (another process): versions decide.
    if (error instanceof StoreConflict && error.reason === "version") return false;
    throw error;
  }
}
