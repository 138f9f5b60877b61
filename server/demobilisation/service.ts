/**
 * Demobilisation (issue 15): the lines home of a contained incident, and sending people home in that
 * order, each completion with its own event (and the staff update that counts their hours as fatigue).
 */
import type { Assignment, PublicUser } from "../../shared/domain.js";
import { DEPLOYED_STATES, demobilisationOrder, type DemobilisationLine, type DemobiliseBody } from "../../shared/demobilisation.js";
import { conflict, invalidField } from "../../shared/errors.js";
import { isPresent, OPEN_STATES, SYSTEM_REASONS, unitLoad } from "../../shared/rules.js";
import { authorize } from "../auth/authorize.js";
import { moveInTx } from "../assignments/service.js";
import { commit, type Ctx } from "../context.js";
import { mustGet } from "../entities.js";
import { spikesInForce } from "../needs/needs.js";
import type { ReadTx } from "../store/port.js";

/** Each home unit's load now, as the map and the planner count it. */
async function homeLoads(tx: Pick<ReadTx, "find" | "get">, now: Date, unitIds: Set<string>): Promise<Map<string, number>> {
  const extra = new Map<string, number>();
  for (const s of await spikesInForce(tx, now)) extra.set(s.unitId, (extra.get(s.unitId) ?? 0) + s.extraWorkload);
  const loads = new Map<string, number>();
  for (const id of unitIds) {
    const unit = await tx.get("units", id);
    const staff = await tx.find("staff", { homeUnitId: id, status: "available" });
    const held = new Set((await tx.find("assignments", { fromUnitId: id, state: { $in: [...OPEN_STATES] } })).map((a) => a.staffId));
    const present = staff.filter((s) => isPresent(s, held.has(s.id))).length;
    loads.set(id, unitLoad((unit?.workload ?? 0) + (extra.get(id) ?? 0), present));
  }
  return loads;
}

async function linesOf(tx: Pick<ReadTx, "find" | "get">, now: Date, incidentId: string): Promise<(DemobilisationLine & { createdAt: string; assignment: Assignment })[]> {
  const incident = await mustGet(tx, "incidents", incidentId, "incident");
  if (incident.status !== "contained") {
    throw conflict("not_contained", `The incident is ${incident.status}; people go home once it is contained`, { state: incident.status });
  }
  const deployed = await tx.find("assignments", { siteId: incidentId, state: { $in: [...DEPLOYED_STATES] } });
  const loads = await homeLoads(tx, now, new Set(deployed.map((a) => a.fromUnitId)));
  return demobilisationOrder(deployed.map((a) => ({
    assignmentId: a.id, staffId: a.staffId, homeUnitId: a.fromUnitId, homeLoad: loads.get(a.fromUnitId) ?? 0, createdAt: a.createdAt, assignment: a,
  })));
}

export async function demobilisation(ctx: Ctx, user: PublicUser, incidentId: string): Promise<{ lines: DemobilisationLine[] }> {
  authorize(user, "incident.demobilisation.read");
  const lines = await ctx.store.read((tx) => linesOf(tx, ctx.clock.now(), incidentId));
  return { lines: lines.map(({ assignmentId, staffId, homeUnitId, homeLoad }) => ({ assignmentId, staffId, homeUnitId, homeLoad })) };
}

/** Completes the listed (or all) lines in the order home, in one transaction: all go home or none. */
export function demobilise(ctx: Ctx, user: PublicUser, incidentId: string, body: DemobiliseBody): Promise<{ completed: Assignment[] }> {
  authorize(user, "incident.demobilise");
  return commit(ctx, async (tx) => {
    const now = ctx.clock.now();
    const lines = await linesOf(tx, now, incidentId);
    const wanted = body.assignmentIds ? new Set(body.assignmentIds) : undefined;
    body.assignmentIds?.forEach((id, i) => {
      if (!lines.some((l) => l.assignmentId === id)) throw invalidField(`assignmentIds.${i}`, "not_deployed", `No one is deployed to this incident under assignment ${id}`);
    });
    const completed: Assignment[] = [];
    for (const line of lines) {
      if (wanted && !wanted.has(line.assignmentId)) continue;
      completed.push(await moveInTx(tx, now, user.username, line.assignment, "completed", SYSTEM_REASONS.demobilised, { endedAt: now.toISOString() }));
    }
    return { completed };
  });
}
