/** Needs live inside incidents and spikes; these helpers find them and count who covers them. */
import type { NeedInput } from "../../shared/api.js";
import type { Assignment, DemandSpike, Incident, LatLng, Need, SiteKind, Unit } from "../../shared/domain.js";
import { conflict, DomainError, invalidField } from "../../shared/errors.js";
import { OPEN_STATES, incidentSiteLocation, incidentTakesPeople, spikeInForce, spikeSiteLocation } from "../../shared/rules.js";
import { newId } from "../ids.js";
import type { Filter, ReadTx, Tx } from "../store/port.js";

export interface NeedSite {
  need: Need;
  siteKind: SiteKind;
  siteId: string;
  /** Where the people report (shared/rules.ts). */
  location: LatLng;
  /** For a spike: the unit whose demand spiked (nobody is lent to their own unit). */
  unitId?: string;
}

/**
 * Gives new needs an id and keeps the ids of the ones being edited. Ids are the server's (issue 16,
 * item 11): a client-chosen one could name another incident's need; an edit's ids are checked to be
 * this site's own before they get here (incidents/service.ts), and a new site's needs may carry none.
 */
export function withNeedIds(needs: NeedInput[], own: ReadonlySet<string> = new Set()): Need[] {
  const seen = new Set<string>();
  return needs.map((n, i) => {
    if (n.id !== undefined && !own.has(n.id)) throw invalidField(`needs.${i}.id`, "unknown_need", `No need ${n.id} on this site; new needs get their id from the server`);
    if (n.id !== undefined && seen.has(n.id)) throw invalidField(`needs.${i}.id`, "duplicate_id", `Need ${n.id} is listed twice`);
    if (n.id !== undefined) seen.add(n.id);
    return { id: n.id ?? newId("need"), skill: n.skill, count: n.count, priority: n.priority };
  });
}

/** The needs of these incidents and spikes, with where people report. */
export function needSitesOf(incidents: Incident[], spikes: DemandSpike[], units: ReadonlyMap<string, Unit>): NeedSite[] {
  const sites: NeedSite[] = [];
  for (const inc of incidents) {
    for (const need of inc.needs) sites.push({ need, siteKind: "incident", siteId: inc.id, location: incidentSiteLocation(inc) });
  }
  for (const spike of spikes) {
    const unit = units.get(spike.unitId);
    if (!unit) continue;
    for (const need of spike.needs) sites.push({ need, siteKind: "spike", siteId: spike.id, location: spikeSiteLocation(unit), unitId: unit.id });
  }
  return sites;
}

/** The incidents that take people: active ones. */
export const activeIncidents = (tx: Pick<ReadTx, "find">) => tx.find("incidents", { status: "active" });

/** The spikes that take people: active and not past their `until`. */
export async function spikesInForce(tx: Pick<ReadTx, "find">, now: Date): Promise<DemandSpike[]> {
  return (await tx.find("spikes", { status: "active" })).filter((s) => spikeInForce(s, now.getTime()));
}

/** The incident or spike holding a need; `siteId`, when the caller knows it (a plan line), saves reading them all. */
async function holderOf(tx: Pick<ReadTx, "find" | "get">, needId: string, siteId?: string): Promise<{ incident?: Incident; spike?: DemandSpike }> {
  const has = (site: { needs: Need[] } | undefined) => site?.needs.some((n) => n.id === needId) ?? false;
  if (siteId) {
    const incident = await tx.get("incidents", siteId);
    if (has(incident)) return { incident: incident! };
    const spike = await tx.get("spikes", siteId);
    if (has(spike)) return { spike: spike! };
  }
  const incident = (await tx.find("incidents")).find(has);
  if (incident) return { incident };
  const spike = (await tx.find("spikes")).find(has);
  return spike ? { spike } : {};
}

/** A need that takes people now; a need of a closed incident or an ended spike is refused. */
export async function findNeed(tx: Pick<ReadTx, "find" | "get">, needId: string, now: Date, siteId?: string): Promise<NeedSite> {
  const { incident, spike } = await holderOf(tx, needId, siteId);
  if ((incident && !incidentTakesPeople(incident)) || (spike && !spikeInForce(spike, now.getTime()))) {
    throw conflict("site_closed", "That need belongs to a closed incident or a spike that has ended");
  }
  const unit = spike ? await tx.get("units", spike.unitId) : undefined;
  const site = needSitesOf(incident ? [incident] : [], spike ? [spike] : [], new Map(unit ? [[unit.id, unit]] : []))
    .find((s) => s.need.id === needId);
  if (!site) throw new DomainError("not_found", `No need with id ${needId}`);
  return site;
}

/** How many of these assignments cover each need. */
export function countByNeed(assignments: Assignment[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of assignments) counts.set(a.needId, (counts.get(a.needId) ?? 0) + 1);
  return counts;
}

/** How many open assignments cover each need. */
export async function openCountByNeed(tx: Pick<Tx, "find">, needIds?: string[]): Promise<Map<string, number>> {
  const filter: Filter<Assignment> = { state: { $in: [...OPEN_STATES] } };
  if (needIds) filter.needId = { $in: needIds };
  return countByNeed(await tx.find("assignments", filter));
}
