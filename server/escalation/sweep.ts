/**
 * Escalation (issue 15), in two stages. A request its unit head has not answered within
 * SIAGA_ESCALATE_AFTER_MIN gains `escalatedAt` and goes to the unit's stand-in when one is named (a unit
 * head account with `acting`: a Plh/Plt may confirm surge requests; `escalatedTo`, stage "stand_in"); still
 * unanswered another SIAGA_ESCALATE_AFTER_MIN later, it goes to the coordinator (stage "coordinator"), who
 * may then confirm on the unit's behalf with a reason (TRANSITIONS "confirm-for-unit"). A unit without a
 * stand-in goes straight to the coordinator. Each stage writes one `assignment.escalated` event whose data
 * (the assignment) carries `escalationStage`. The sweep's whole state is on the assignment: a restart finds
 * it, and the conditional write (re-checked inside the transaction, versions beneath) makes a second
 * process's sweep a no-op, so each stage's event is written once.
 */
import type { Assignment } from "../../shared/domain.js";
import { escalationDue, SYSTEM_ACTOR } from "../../shared/rules.js";
import { commit, type Ctx } from "../context.js";
import { replaceAndLog } from "../entities.js";
import { StoreConflict } from "../store/port.js";

/** Escalates every request due for its next stage now; returns how many stages this call wrote. */
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
      const stage = a ? escalationDue(a, now.getTime(), ctx.settings.escalateAfterMin) : null;
      if (!a || !stage) return false;
      const at = now.toISOString();
      let next: Assignment;
      if (stage === "first") {
        const standIn = (await tx.find("users", { role: "unit_head", unitId: a.fromUnitId })).find((u) => u.acting !== undefined);
        next = standIn
          ? { ...a, escalatedAt: at, escalatedTo: standIn.username, escalationStage: "stand_in", updatedAt: at }
          : { ...a, escalatedAt: at, escalationStage: "coordinator", updatedAt: at };
      } else {
        next = { ...a, escalationStage: "coordinator", updatedAt: at };
      }
      await replaceAndLog(tx, "assignments", next, "assignment.escalated", SYSTEM_ACTOR);
      return true;
    });
  } catch (error) {
    // The assignment changed between our read and our write (another process): versions decide.
    if (error instanceof StoreConflict && error.reason === "version") return false;
    throw error;
  }
}
