import type { IncidentCreate, IncidentPatch } from "../../shared/api.js";
import type { Incident, PublicUser } from "../../shared/domain.js";
import { conflict, invalidField } from "../../shared/errors.js";
import { OPEN_STATES, SYSTEM_REASONS } from "../../shared/rules.js";
import { authorize } from "../auth/authorize.js";
import { commit, type Ctx } from "../context.js";
import { checkVersion, defined, mustGet, replaceAndLog } from "../entities.js";
import { newId } from "../ids.js";
import { withNeedIds } from "../needs/needs.js";
import type { Tx } from "../store/port.js";

export function createIncident(ctx: Ctx, user: PublicUser, body: IncidentCreate): Promise<Incident> {
  authorize(user, "incident.create");
  return commit(ctx, async (tx) => {
    const { needs, kelurahan, ...fields } = body;
    const incident = await tx.insert("incidents", {
      id: newId("inc"),
      ...fields,
      status: "active",
      kelurahan: kelurahan ?? [],
      needs: withNeedIds(needs),
      createdAt: ctx.clock.now().toISOString(),
    });
    await tx.append({ type: "incident.created", actor: user.username, data: incident });
    return incident;
  });
}

/** Edited needs may not drop below the people already holding them, nor vanish while held. */
async function checkNeedEdits(tx: Tx, incident: Incident, patch: NonNullable<IncidentPatch["needs"]>) {
  const known = new Map(incident.needs.map((n) => [n.id, n]));
  patch.forEach((n, i) => {
    if (n.id && !known.has(n.id)) throw invalidField(`needs.${i}.id`, "unknown_need", `No need ${n.id} on this incident`);
  });
  const open = await tx.find("assignments", { siteId: incident.id, state: { $in: [...OPEN_STATES] } });
  for (const need of incident.needs) {
    const held = open.filter((a) => a.needId === need.id).length;
    const edited = patch.find((n) => n.id === need.id);
    if (held > 0 && (!edited || edited.count < held || edited.skill !== need.skill)) {
      throw conflict("need_held", `${held} people hold the ${need.skill} need; cancel their assignments before removing or shrinking it`, { needId: need.id, held });
    }
  }
}

export function updateIncident(ctx: Ctx, user: PublicUser, id: string, patch: IncidentPatch): Promise<Incident> {
  authorize(user, "incident.update");
  return commit(ctx, async (tx) => {
    const now = ctx.clock.now();
    const incident = await mustGet(tx, "incidents", id, "incident");
    checkVersion(incident, patch.version, "incident");
    if (incident.status === "closed") throw conflict("wrong_state", "A closed incident cannot be changed", { state: incident.status });
    const { version: _v, needs, radiusM, polygon, commandPost, post, ...fields } = patch;
    if (needs) await checkNeedEdits(tx, incident, needs);
    const next: Incident = { ...incident, ...defined(fields) };
    // null clears an optional field; undefined leaves it.
    if (radiusM === null) delete next.radiusM; else if (radiusM !== undefined) next.radiusM = radiusM;
    if (polygon === null) delete next.polygon; else if (polygon !== undefined) next.polygon = polygon;
    if (commandPost === null) delete next.commandPost; else if (commandPost !== undefined) next.commandPost = commandPost;
    if (post === null) delete next.post; else if (post !== undefined) next.post = post;
    if (needs) next.needs = withNeedIds(needs, new Set(incident.needs.map((n) => n.id)));
    if (next.status === "closed") {
      next.closedAt = now.toISOString();
      await ctx.siteClosed(tx, now, user.username, id, SYSTEM_REASONS.incidentClosed);
    }
    return replaceAndLog(tx, "incidents", next, next.status === "closed" ? "incident.closed" : "incident.updated", user.username);
  });
}
