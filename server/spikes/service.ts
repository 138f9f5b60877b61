import type { SpikeCreate } from "../../shared/api.js";
import type { DemandSpike, PublicUser } from "../../shared/domain.js";
import { conflict, DomainError, invalidField } from "../../shared/errors.js";
import { SYSTEM_REASONS } from "../../shared/rules.js";
import { authorize } from "../auth/authorize.js";
import { commit, type Ctx } from "../context.js";
import { checkVersion, mustGet, replaceAndLog } from "../entities.js";
import { newId } from "../ids.js";
import { withNeedIds } from "../needs/needs.js";

/** A unit's demand spikes: its workload rises by `extraWorkload` while in force, and its needs draw people in. */
export function raiseSpike(ctx: Ctx, user: PublicUser, unitId: string, body: SpikeCreate): Promise<DemandSpike> {
  authorize(user, "spike.create");
  return commit(ctx, async (tx) => {
    await mustGet(tx, "units", unitId, "unit");
    const now = ctx.clock.now();
    if (body.until && Date.parse(body.until) <= now.getTime()) throw invalidField("until", "future", "must be in the future");
    const { needs, ...fields } = body;
    const spike = await tx.insert("spikes", {
      id: newId("spk"), unitId, ...fields, needs: withNeedIds(needs), from: now.toISOString(), status: "active",
    });
    await tx.append({ type: "spike.created", actor: user.username, data: spike });
    return spike;
  });
}

/** Ending a spike returns the unit to normal and sends its borrowed people home. */
export function endSpike(ctx: Ctx, user: PublicUser, unitId: string, spikeId: string, version?: number): Promise<DemandSpike> {
  authorize(user, "spike.end");
  return commit(ctx, async (tx) => {
    const spike = await mustGet(tx, "spikes", spikeId, "spike");
    if (spike.unitId !== unitId) throw new DomainError("not_found", `No spike ${spikeId} on unit ${unitId}`);
    checkVersion(spike, version, "spike");
    if (spike.status === "ended") throw conflict("wrong_state", "This spike has already ended", { state: spike.status });
    const now = ctx.clock.now();
    await ctx.siteClosed(tx, now, user.username, spike.id, SYSTEM_REASONS.spikeEnded);
    return replaceAndLog(tx, "spikes", { ...spike, status: "ended", until: now.toISOString() }, "spike.ended", user.username);
  });
}
