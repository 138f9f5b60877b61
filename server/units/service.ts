import type { UnitCreate, UnitPatch } from "../../shared/api.js";
import type { Unit } from "../../shared/domain.js";
import { DomainError } from "../../shared/errors.js";
import { commit, type Ctx } from "../context.js";
import { checkVersion, defined, mustGet, replaceAndLog, uniqueTaken } from "../entities.js";
import { newId } from "../ids.js";

export function createUnit(ctx: Ctx, actor: string, body: UnitCreate): Promise<Unit> {
  return commit(ctx, async (tx) => {
    const unit = await tx.insert<Unit>("units", { id: newId("unit"), ...body, approximate: body.approximate ?? false }).catch(uniqueTaken(`Unit code ${body.code} is taken`));
    await tx.append({ type: "unit.created", actor, data: unit });
    return unit;
  });
}

export function updateUnit(ctx: Ctx, actor: string, id: string, patch: UnitPatch): Promise<Unit> {
  return commit(ctx, async (tx) => {
    const unit = await mustGet<Unit>(tx, "units", id, "unit");
    checkVersion(unit, patch.version, "unit");
    const { version: _v, ...fields } = patch;
    return replaceAndLog(tx, "units", { ...unit, ...defined(fields) }, "unit.updated", actor).catch(uniqueTaken(`Unit code ${patch.code} is taken`));
  });
}

/** Only an empty unit can go: its staff and their history would lose their home otherwise. */
export function deleteUnit(ctx: Ctx, actor: string, id: string, version?: number): Promise<void> {
  return commit(ctx, async (tx) => {
    const unit = await mustGet<Unit>(tx, "units", id, "unit");
    checkVersion(unit, version, "unit");
    if ((await tx.count("staff", { homeUnitId: id })) > 0) throw new DomainError("conflict", "Unit still has staff; move or remove them first");
    if ((await tx.count("spikes", { unitId: id, status: "active" })) > 0) throw new DomainError("conflict", "Unit has an active demand spike");
    await tx.remove("units", id, unit.version);
    await tx.append({ type: "unit.deleted", actor, data: { id } });
  });
}
