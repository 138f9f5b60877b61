import type { Plan, PlanApproveResponse } from "../../shared/api.js";
import type { PublicUser } from "../../shared/domain.js";
import { DomainError } from "../../shared/errors.js";
import { requestInTx } from "../assignments/service.js";
import { commit, type Ctx } from "../context.js";
import { mustGet } from "../entities.js";
import { newId } from "../ids.js";
import { plan } from "../planner/index.js";
import { plannerInputFromState } from "./input.js";

type PlanDoc = Plan & { version: number };

/** Computes a plan from one consistent snapshot and stores it; nothing is assigned until approval. */
export async function createPlan(ctx: Ctx, user: PublicUser): Promise<Plan> {
  const now = ctx.clock.now();
  const { input, seq } = await ctx.store.read(async (tx) => ({ input: await plannerInputFromState(tx, now), seq: await tx.lastSeq() }));
  const result = plan(input);
  return commit(ctx, async (tx) => {
    const doc = await tx.insert<PlanDoc>("plans", { id: newId("plan"), createdAt: now.toISOString(), createdBy: user.username, seq, result });
    await tx.append({ type: "plan.created", actor: user.username, data: { id: doc.id, seq, lines: result.assignments.length, unfilled: result.unfilled.reduce((n, u) => n + u.count, 0) } });
    const { version: _v, ...planOut } = doc;
    return planOut;
  });
}

export async function getPlan(ctx: Ctx, id: string): Promise<Plan> {
  const { version: _v, ...planOut } = await ctx.store.read((tx) => mustGet<PlanDoc>(tx, "plans", id, "plan"));
  return planOut;
}

/**
 * Turns all or the listed lines into requests, each line in its own transaction: a person taken since
 * the plan was made fails that line with the reason, and the other lines still go through.
 */
export async function approvePlan(ctx: Ctx, user: PublicUser, planId: string, staffIds?: string[]): Promise<PlanApproveResponse> {
  const doc = await getPlan(ctx, planId);
  const lines = doc.result.assignments;
  const wanted = staffIds ? new Set(staffIds) : undefined;
  const response: PlanApproveResponse = { approved: [], failed: [] };
  if (wanted) {
    const inPlan = new Set(lines.map((l) => l.staffId));
    for (const id of wanted) if (!inPlan.has(id)) response.failed.push({ staffId: id, reason: "not in this plan" });
  }
  for (const line of lines) {
    if (wanted && !wanted.has(line.staffId)) continue;
    try {
      response.approved.push(await commit(ctx, (tx) => requestInTx(tx, ctx.clock.now(), user.username, line.staffId, line.needId, { planId, siteId: line.explain.siteId })));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      response.failed.push({ staffId: line.staffId, reason: error.message });
    }
  }
  return response;
}
