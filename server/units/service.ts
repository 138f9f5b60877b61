import type { UnitCreate, UnitPatch } from "../../shared/api.js";
import type { PublicUser, Unit } from "../../shared/domain.js";
import { conflict } from "../../shared/errors.js";
import { authorize } from "../auth/authorize.js";
import { commit, type Ctx } from "../context.js";
import { checkVersion, defined, mustGet, replaceAndLog, uniqueTaken } from "../entities.js";
import { newId } from "../ids.js";

export function createUnit(ctx: Ctx, user: PublicUser, body: UnitCreate): Promise<Unit> {
  authorize(user, "unit.create");
  return commit(ctx, async (tx) => {
    const unit = await tx.insert("units", { id: newId("unit"), ...body, approximate: body.approximate ?? false }).catch(uniqueTaken(`Unit code ${body.code} is taken`));
    await tx.append({ type: "unit.created", actor: user.username, data: unit });
    return unit;
  });
}

export function updateUnit(ctx: Ctx, user: PublicUser, id: string, patch: UnitPatch): Promise<Unit> {
  authorize(user, "unit.update");
  return commit(ctx, async (tx) => {
    const unit = await mustGet(tx, "units", id, "unit");
    checkVersion(unit, patch.version, "unit");
    const { version: _v, ...fields } = patch;
    return replaceAndLog(tx, "units", { ...unit, ...defined(fields) }, "unit.updated", user.username).catch(uniqueTaken(`Unit code ${patch.code} is taken`));
  });
}

/** Only an empty unit can go: its staff and their history would lose their home otherwise. */
export function deleteUnit(ctx: Ctx, user: PublicUser, id: string, version?: number): Promise<void> {
  authorize(user, "unit.delete");
  return commit(ctx, async (tx) => {
    const unit = await mustGet(tx, "units", id, "unit");
    checkVersion(unit, version, "unit");
    if ((await tx.count("staff", { homeUnitId: id })) > 0) throw conflict("in_use", "Unit still has staff; move or remove them first");
    if ((await tx.count("spikes", { unitId: id, status: "active" })) > 0) throw conflict("in_use", "Unit has an active demand spike");
    await tx.remove("units", id, unit.version);
    await tx.append({ type: "unit.deleted", actor: user.username, data: { id } });
  });
}
