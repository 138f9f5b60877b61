import type { StateSnapshot } from "../../shared/api.js";
import type { Assignment, DemandSpike, Incident, PublicUser, Release, Staff, Unit } from "../../shared/domain.js";
import type { Ctx } from "../context.js";
import { staffFor } from "../privacy.js";

/** The whole state at one seq, with private fields cut to what the user may see. */
export async function snapshotFor(ctx: Ctx, user: PublicUser): Promise<StateSnapshot> {
  const snapshot = await ctx.store.read(async (tx) => ({
    seq: await tx.lastSeq(),
    units: await tx.find<Unit>("units"),
    staff: await tx.find<Staff>("staff"),
    incidents: await tx.find<Incident>("incidents"),
    assignments: await tx.find<Assignment>("assignments"),
    spikes: await tx.find<DemandSpike>("spikes"),
    releases: await tx.find<Release>("releases"),
  }));
  snapshot.staff = snapshot.staff.map((s) => staffFor(user, s));
  return snapshot;
}
