/** Needs live inside incidents and spikes; these helpers find them and count who covers them. */
import type { NeedInput } from "../../shared/api.js";
import { OPEN_STATES, spikeInForce, type Assignment, type DemandSpike, type Incident, type LatLng, type Need, type SiteKind, type Unit } from "../../shared/domain.js";
import { DomainError } from "../../shared/errors.js";
import { newId } from "../ids.js";
import type { Filter, ReadTx, Tx } from "../store/port.js";

export interface NeedSite {
  need: Need;
  siteKind: SiteKind;
  siteId: string;
  /** Where the people report: the command post, the incident, or the spiking unit. */
  location: LatLng;
  active: boolean;
  /** For a spike: the unit whose demand spiked (nobody is lent to their own unit). */
  unitId?: string;
}

/** Gives new needs an id and keeps the ids of the ones being edited. */
export function withNeedIds(needs: NeedInput[]): Need[] {
  return needs.map((n) => ({ id: n.id ?? newId("need"), skill: n.skill, count: n.count, priority: n.priority }));
}

/** Every need of active incidents and of spikes in force (the planner's demand). */
export async function activeNeedSites(tx: Pick<ReadTx, "find" | "get">, now: Date): Promise<NeedSite[]> {
  const incidents = await tx.find<Incident>("incidents", { status: "active" });
  const spikes = (await tx.find<DemandSpike>("spikes", { status: "active" })).filter((s) => spikeInForce(s, now.getTime()));
  const sites: NeedSite[] = [];
  for (const inc of incidents) {
    for (const need of inc.needs) sites.push({ need, siteKind: "incident", siteId: inc.id, location: inc.commandPost ?? inc.location, active: true });
  }
  for (const spike of spikes) {
    const unit = await tx.get<Unit>("units", spike.unitId);
    if (!unit) continue;
    for (const need of spike.needs) sites.push({ need, siteKind: "spike", siteId: spike.id, location: unit.location, active: true, unitId: unit.id });
  }
  return sites;
}

/** Finds a need by id among all incidents and spikes (closed ones too, reported as inactive). */
export async function findNeed(tx: Pick<ReadTx, "find" | "get">, needId: string, now: Date): Promise<NeedSite> {
  const active = (await activeNeedSites(tx, now)).find((s) => s.need.id === needId);
  if (active) return active;
  const closed = [...(await tx.find<Incident>("incidents")), ...(await tx.find<DemandSpike>("spikes"))]
    .find((site) => site.needs.some((n) => n.id === needId));
  if (closed) throw new DomainError("conflict", "That need belongs to a closed incident or a spike that has ended");
  throw new DomainError("not_found", `No need with id ${needId}`);
}

/** How many open assignments cover each need. */
export async function openCountByNeed(tx: Pick<Tx, "find">, needIds?: string[]): Promise<Map<string, number>> {
  const filter: Filter = { state: { $in: [...OPEN_STATES] } };
  if (needIds) filter.needId = { $in: needIds };
  const open = await tx.find<Assignment>("assignments", filter);
  const counts = new Map<string, number>();
  for (const a of open) counts.set(a.needId, (counts.get(a.needId) ?? 0) + 1);
  return counts;
}
