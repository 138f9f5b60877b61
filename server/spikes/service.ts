import type { SpikeCreate } from "../../shared/api.js";
import type { DemandSpike, PublicUser, Unit } from "../../shared/domain.js";
import { DomainError } from "../../shared/errors.js";
import { closeSiteAssignments } from "../assignments/service.js";
import { commit, type Ctx } from "../context.js";
import { checkVersion, mustGet, replaceAndLog } from "../entities.js";
import { newId } from "../ids.js";
import { withNeedIds } from "../incidents/needs.js";

/** A unit's demand spikes: its workload rises by `extraWorkload` while active, and its needs draw people in. */
export function raiseSpike(ctx: Ctx, user: PublicUser, unitId: string, body: SpikeCreate): Promise<DemandSpike> {
  return commit(ctx, async (tx) => {
    await mustGet<Unit>(tx, "units", unitId, "unit");
    const now = ctx.clock.now();
    if (body.until && Date.parse(body.until) <= now.getTime()) {
      throw new DomainError("validation", "Invalid body", [{ path: "until", message: "must be in the future" }]);
    }
    const { needs, ...fields } = body;
    const spike = await tx.insert<DemandSpike>("spikes", {
      id: newId("spk"), unitId, ...fields, needs: withNeedIds(needs), from: now.toISOString(), status: "active",
    });
    await tx.append({ type: "spike.created", actor: user.username, data: spike });
    return spike;
  });
}

/** Ending a spike returns the unit to normal and sends its borrowed people home. */
export function endSpike(ctx: Ctx, user: PublicUser, unitId: string, spikeId: string, version?: number): Promise<DemandSpike> {
  return commit(ctx, async (tx) => {
    const spike = await mustGet<DemandSpike>(tx, "spikes", spikeId, "spike");
    if (spike.unitId !== unitId) throw new DomainError("not_found", `No spike ${spikeId} on unit ${unitId}`);
    checkVersion(spike, version, "spike");
    if (spike.status === "ended") throw new DomainError("conflict", "This spike has already ended");
    const now = ctx.clock.now();
    await closeSiteAssignments(tx, now, user.username, spike.id, "demand spike ended");
    return replaceAndLog(tx, "spikes", { ...spike, status: "ended", until: now.toISOString() }, "spike.ended", user.username);
  });
}
