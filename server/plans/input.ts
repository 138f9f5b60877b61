/** Builds the planner's input from the current state (DESIGN.md, "The planner"). */
import { invalidField } from "../../shared/errors.js";
import type { PlannerInput } from "../../shared/planner.js";
import { OPEN_STATES, isPresent, releaseInForce } from "../../shared/rules.js";
import { activeIncidents, countByNeed, needSitesOf, spikesInForce } from "../needs/needs.js";
import type { ReadTx } from "../store/port.js";

/**
 * Units with their workload raised by the spikes in force; staff available at home now (not held by an open
 * assignment), flagged released when a release is in force; needs of active sites with the count still open.
 */
export async function plannerInputFromState(tx: ReadTx, now: Date, needIds?: readonly string[]): Promise<PlannerInput> {
  const only = needIds ? new Set(needIds) : null;
  const units = await tx.find("units");
  const spikes = await spikesInForce(tx, now);
  const extra = new Map<string, number>();
  for (const s of spikes) extra.set(s.unitId, (extra.get(s.unitId) ?? 0) + s.extraWorkload);

  const open = await tx.find("assignments", { state: { $in: [...OPEN_STATES] } });
  const held = new Set(open.map((a) => a.staffId));
  const released = new Set((await tx.find("releases", { status: "active" })).filter((r) => releaseInForce(r, now.getTime())).map((r) => r.staffId));
  const staff = (await tx.find("staff", { status: "available" })).filter((s) => isPresent(s, held.has(s.id)));

  const sites = needSitesOf(await activeIncidents(tx), spikes, new Map(units.map((u) => [u.id, u])));
  if (only) {
    const known = new Set(sites.map((s) => s.need.id));
    needIds!.forEach((id, i) => {
      if (!known.has(id)) throw invalidField(`needIds.${i}`, "unknown_need", `${id} is no need of an active incident or spike`);
    });
  }
  const covered = countByNeed(open);
  return {
    units: units.map((u) => ({ id: u.id, lat: u.location.lat, lng: u.location.lng, floor: u.floor, workload: u.workload + (extra.get(u.id) ?? 0) })),
    staff: staff.map((s) => ({ id: s.id, unitId: s.homeUnitId, skills: s.skills, fatigueHours: s.fatigueHours, volunteer: s.volunteer, released: released.has(s.id) })),
    needs: sites
      .map((site) => ({ site, remaining: site.need.count - (covered.get(site.need.id) ?? 0) }))
      .filter(({ site, remaining }) => remaining > 0 && (!only || only.has(site.need.id)))
      .map(({ site, remaining }) => ({
        id: site.need.id, siteId: site.siteId, lat: site.location.lat, lng: site.location.lng,
        skill: site.need.skill, count: remaining, priority: site.need.priority,
        ...(site.unitId ? { siteUnitId: site.unitId } : {}),
      })),
  };
}
