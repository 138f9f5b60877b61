/**
 * Loads the fictional scenario (scenario.ts) into a running server through its REST API, step by step
 * idempotent: an incident whose title exists, a spike whose reason is active at its unit, a person already
 * released are left alone, so a second run changes nothing and says so (in Indonesian, for the demo desk).
 */
import type { DemandSpike, Incident, Release } from "../shared/domain.js";
import { buildScenario } from "./scenario.js";

export type Call = (method: string, path: string, body?: unknown) => Promise<unknown>;

export interface LoadOutcome {
  incidents: number;
  spikes: number;
  released: number;
}

/** Posts what the server does not have yet; `say` gets one Indonesian line per change and a summary. */
export async function loadScenario(call: Call, now: Date, say: (line: string) => void): Promise<LoadOutcome> {
  const scenario = buildScenario({ now });
  const outcome: LoadOutcome = { incidents: 0, spikes: 0, released: 0 };
  const titles = new Set(((await call("GET", "/incidents")) as Incident[]).map((i) => i.title));
  for (const incident of scenario.incidents) {
    if (titles.has(incident.title)) continue;
    await call("POST", "/incidents", incident);
    outcome.incidents++;
    say(`[skenario] kejadian dibuat: ${incident.title}`);
  }
  for (const spike of scenario.spikes) {
    const path = `/units/${encodeURIComponent(spike.unitId)}/spikes`;
    const active = ((await call("GET", path)) as DemandSpike[]).some((s) => s.status === "active" && s.reason === spike.body.reason);
    if (active) continue;
    await call("POST", path, spike.body);
    outcome.spikes++;
    say(`[skenario] lonjakan beban di ${spike.unitId}: ${spike.body.reason}`);
  }
  for (const release of scenario.releases) {
    const path = `/units/${encodeURIComponent(release.unitId)}/releases`;
    const already = new Set(((await call("GET", path)) as Release[]).filter((r) => r.status === "active").map((r) => r.staffId));
    const staffIds = release.body.staffIds.filter((id) => !already.has(id));
    if (staffIds.length === 0) continue;
    await call("POST", path, { ...release.body, staffIds });
    outcome.released += staffIds.length;
    say(`[skenario] ${staffIds.length} pegawai dilepas oleh ${release.unitId}`);
  }
  if (outcome.incidents + outcome.spikes + outcome.released === 0) say("[skenario] skenario sudah dimuat; tidak ada yang diubah");
  else say(`[skenario] dimuat: ${outcome.incidents} kejadian, ${outcome.spikes} lonjakan beban, ${outcome.released} pegawai dilepas`);
  return outcome;
}
