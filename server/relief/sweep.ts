/**
 * Relief before fatigue (issue 15): an active assignment nearing its rest time (shared/rules.ts restAtFor:
 * the end of the shift, the 14-day fatigue limit or the planned end) gets a relief plan for the same need,
 * one fresh person from the existing planner (ctx.planner), ready for the coordinator to approve; the
 * assignment gains `reliefDueAt` and `reliefPlanId` with one `assignment.relief_due` event. The fields are
 * the sweep's state: written once, under the assignment's version, whichever process gets there first.
 */
import type { Assignment } from "../../shared/domain.js";
import { planSummary } from "../../shared/plan.js";
import { reliefDue, SYSTEM_ACTOR } from "../../shared/rules.js";
import { commit, type Ctx } from "../context.js";
import { replaceAndLog } from "../entities.js";
import { newId } from "../ids.js";
import { findNeed } from "../needs/needs.js";
import { plannerInputFromState } from "../plans/input.js";
import { StoreConflict } from "../store/port.js";

export async function sweepRelief(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const due = (await ctx.store.read((tx) => tx.find("assignments", { state: "active" }))).filter((a) => reliefDue(a, now.getTime(), ctx.settings.reliefLeadMin));
  let proposed = 0;
  for (const a of due) if (await proposeRelief(ctx, a, now)) proposed++;
  return proposed;
}

async function proposeRelief(ctx: Ctx, seen: Assignment, now: Date): Promise<boolean> {
  const prepared = await ctx.store.read(async (tx) => {
    const site = await findNeed(tx, seen.needId, now, seen.siteId).catch(() => undefined);
    if (!site) return undefined; // the site closed: nobody to relieve
    const input = await plannerInputFromState(tx, now);
    // Only fresh people: whoever would cross the fatigue limit within one shift is no relief.
    const fresh = input.staff.filter((s) => s.fatigueHours + ctx.settings.shiftHours <= ctx.settings.fatigueLimitHours);
    const need = { id: site.need.id, siteId: site.siteId, lat: site.location.lat, lng: site.location.lng, skill: site.need.skill, count: 1, priority: site.need.priority, ...(site.unitId ? { siteUnitId: site.unitId } : {}) };
    return { input: { ...input, staff: fresh, needs: [need] }, seq: await tx.lastSeq() };
  });
  if (!prepared) return false;
  const result = await ctx.planner.solve(prepared.input);
  try {
    return await commit(ctx, async (tx) => {
      const a = await tx.get("assignments", seen.id);
      if (!a || !reliefDue(a, now.getTime(), ctx.settings.reliefLeadMin)) return false; // another process proposed it, or it ended
      const { version: _v, ...plan } = await tx.insert("plans", { id: newId("plan"), createdAt: now.toISOString(), createdBy: SYSTEM_ACTOR, seq: prepared.seq, result, relief: { assignmentId: a.id } });
      await tx.append({ type: "plan.created", actor: SYSTEM_ACTOR, data: planSummary(plan) });
      await replaceAndLog(tx, "assignments", { ...a, reliefDueAt: now.toISOString(), reliefPlanId: plan.id, updatedAt: now.toISOString() }, "assignment.relief_due", SYSTEM_ACTOR);
      return true;
    });
  } catch (error) {
    if (error instanceof StoreConflict && error.reason === "version") return false;
    throw error;
  }
}
