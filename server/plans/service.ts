import type { PlanApproveResponse, PlanCreate } from "../../shared/api.js";
import type { PublicUser } from "../../shared/domain.js";
import { ConflictDetails, DomainError } from "../../shared/errors.js";
import { planSummary, type Plan } from "../../shared/plan.js";
import { DEFAULT_DONOR_LOAD_CAP, SYSTEM_REASONS } from "../../shared/rules.js";
import { moveInTx, requestInTx } from "../assignments/service.js";
import type { Tx } from "../store/port.js";
import { authorize } from "../auth/authorize.js";
import { commit, type Ctx } from "../context.js";
import { mustGet } from "../entities.js";
import { newId } from "../ids.js";
import { plannerInputFromState } from "./input.js";

/**
 * Computes a plan from one consistent snapshot and stores it; nothing is assigned until approval. The
 * coordinator's donor load cap applies (default 1.0, null for none); `needIds` plans only those needs.
 */
export async function createPlan(ctx: Ctx, user: PublicUser, options: PlanCreate = {}): Promise<Plan> {
  authorize(user, "plan.create");
  const now = ctx.clock.now();
  const { input, seq } = await ctx.store.read(async (tx) => ({ input: await plannerInputFromState(tx, now, options.needIds), seq: await tx.lastSeq() }));
  const donorLoadCap = options.donorLoadCap === undefined ? DEFAULT_DONOR_LOAD_CAP : options.donorLoadCap;
  const result = await ctx.planner.solve({ ...input, donorLoadCap });
  return commit(ctx, async (tx) => {
    const { version: _v, ...doc } = await tx.insert("plans", { id: newId("plan"), createdAt: now.toISOString(), createdBy: user.username, seq, result });
    await tx.append({ type: "plan.created", actor: user.username, data: planSummary(doc) });
    return doc;
  });
}

export async function getPlan(ctx: Ctx, user: PublicUser, id: string): Promise<Plan> {
  authorize(user, "plan.read");
  const { version: _v, ...doc } = await ctx.store.read((tx) => mustGet(tx, "plans", id, "plan"));
  return doc;
}

/**
 * Turns all or the listed lines into requests, each line in its own transaction: a person taken since
 * the plan was made fails that line with the reason, and the other lines still go through.
 */
export async function approvePlan(ctx: Ctx, user: PublicUser, planId: string, staffIds?: string[], until?: string): Promise<PlanApproveResponse> {
  authorize(user, "plan.approve");
  const doc = await getPlan(ctx, user, planId);
  const lines = doc.result.assignments;
  const wanted = staffIds ? new Set(staffIds) : undefined;
  const response: PlanApproveResponse = { approved: [], failed: [] };
  if (wanted) {
    const inPlan = new Set(lines.map((l) => l.staffId));
    for (const id of wanted) if (!inPlan.has(id)) response.failed.push({ staffId: id, reason: "not in this plan", code: "not_found" });
  }
  for (const line of lines) {
    if (wanted && !wanted.has(line.staffId)) continue;
    try {
      response.approved.push(await commit(ctx, async (tx) => {
        const now = ctx.clock.now();
        // A relief plan: the tired person goes to rest as the fresh one is requested, in one transaction.
        if (doc.relief) await relieveInTx(tx, now, user.username, doc.relief.assignmentId);
        return requestInTx(tx, now, user.username, line.staffId, line.needId, { planId, siteId: line.explain.siteId, ...(until ? { until } : {}) });
      }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const details = ConflictDetails.safeParse(error.details);
      response.failed.push({ staffId: line.staffId, reason: error.message, code: error.code, ...(details.success ? { conflict: details.data.reason } : {}) });
    }
  }
  return response;
}

/** Ends the relieved assignment (still on site: completed, so the hours count; on the way: cancelled). */
async function relieveInTx(tx: Tx, now: Date, actor: string, assignmentId: string) {
  const a = await tx.get("assignments", assignmentId);
  if (!a || (a.state !== "active" && a.state !== "confirmed")) return;
  await moveInTx(tx, now, actor, a, a.state === "active" ? "completed" : "cancelled", SYSTEM_REASONS.relieved, { endedAt: now.toISOString() });
}
