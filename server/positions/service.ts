import type { PublicUser } from "../../shared/domain.js";
import { invalidField } from "../../shared/errors.js";
import { needFteOf, type AbkPut, type Position, type PositionCreate, type PositionPatch } from "../../shared/mutasi-cycle.js";
import { authorize } from "../auth/authorize.js";
import { commit, type Ctx } from "../context.js";
import { checkVersion, defined, mustGet, replaceAndLog } from "../entities.js";
import { newId } from "../ids.js";
import type { Tx } from "../store/port.js";

async function knownUnit(tx: Tx, unitId: string) {
  if (!(await tx.get("units", unitId))) throw invalidField("unitId", "unknown_unit", `No unit with id ${unitId}`);
}

export function createPosition(ctx: Ctx, user: PublicUser, body: PositionCreate): Promise<Position> {
  authorize(user, "position.create");
  return commit(ctx, async (tx) => {
    await knownUnit(tx, body.unitId);
    const position = await tx.insert("positions", { id: newId("pos"), ...body, needFte: needFteOf(body.abk) });
    await tx.append({ type: "position.created", actor: user.username, data: position });
    return position;
  });
}

export function updatePosition(ctx: Ctx, user: PublicUser, id: string, patch: PositionPatch): Promise<Position> {
  authorize(user, "position.update");
  return commit(ctx, async (tx) => {
    const position = await mustGet(tx, "positions", id, "position");
    checkVersion(position, patch.version, "position");
    if (patch.unitId !== undefined) await knownUnit(tx, patch.unitId);
    const { version: _v, ...fields } = patch;
    return replaceAndLog(tx, "positions", { ...position, ...defined(fields) }, "position.updated", user.username);
  });
}

/** A new ABK replaces the old one; needFte follows it. */
export function putAbk(ctx: Ctx, user: PublicUser, id: string, body: AbkPut): Promise<Position> {
  authorize(user, "position.update");
  return commit(ctx, async (tx) => {
    const position = await mustGet(tx, "positions", id, "position");
    checkVersion(position, body.version, "position");
    const abk = { year: body.year, tasks: body.tasks };
    return replaceAndLog(tx, "positions", { ...position, abk, needFte: needFteOf(abk) }, "position.updated", user.username);
  });
}
