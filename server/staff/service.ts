import type { StaffCreate, StaffPatch } from "../../shared/api.js";
import type { PublicUser, Staff } from "../../shared/domain.js";
import { conflict, invalidField } from "../../shared/errors.js";
import { openAssignmentOf } from "../assignments/queries.js";
import { authorize } from "../auth/authorize.js";
import { commit, type Ctx } from "../context.js";
import { checkVersion, defined, mustGet, replaceAndLog, uniqueTaken } from "../entities.js";
import { newId } from "../ids.js";
import type { Tx } from "../store/port.js";

/** A person's position (mutasi) is one of their home unit: the mutasi's TMT changes both together. */
async function checkPosition(tx: Tx, positionId: string | undefined, homeUnitId: string) {
  if (positionId === undefined) return;
  const position = await tx.get("positions", positionId);
  if (!position) throw invalidField("positionId", "unknown_position", `No position with id ${positionId}`);
  if (position.unitId !== homeUnitId) throw invalidField("positionId", "position_other_unit", `Position ${positionId} belongs to another unit`);
}

export function createStaff(ctx: Ctx, user: PublicUser, body: StaffCreate): Promise<Staff> {
  authorize(user, "staff.create", { unitId: body.homeUnitId });
  return commit(ctx, async (tx) => {
    await mustGet(tx, "units", body.homeUnitId, "unit");
    await checkPosition(tx, body.positionId, body.homeUnitId);
    const staff = await tx.insert("staff", { id: newId("stf"), ...body }).catch(uniqueTaken(`NIP ${body.nip} is already registered`));
    await tx.append({ type: "staff.created", actor: user.username, data: staff });
    return staff;
  });
}

export function updateStaff(ctx: Ctx, user: PublicUser, id: string, patch: StaffPatch): Promise<Staff> {
  return commit(ctx, async (tx) => {
    const staff = await mustGet(tx, "staff", id, "staff member");
    authorize(user, "staff.update", { unitId: staff.homeUnitId });
    checkVersion(staff, patch.version, "staff member");
    const moving = patch.homeUnitId !== undefined && patch.homeUnitId !== staff.homeUnitId;
    const statusChange = patch.status !== undefined && patch.status !== staff.status;
    if (moving) {
      authorize(user, "staff.move");
      await mustGet(tx, "units", patch.homeUnitId!, "unit");
    }
    // Only a move or a status change depends on an open assignment: no lookup for a new phone number.
    if ((moving || statusChange) && await openAssignmentOf(tx, id)) {
      throw conflict("open_assignment", moving
        ? "This person has an open assignment; finish or cancel it first"
        : "Status follows the open assignment; finish or cancel it first");
    }
    if (patch.positionId !== undefined || moving) await checkPosition(tx, patch.positionId ?? staff.positionId, patch.homeUnitId ?? staff.homeUnitId);
    const { version: _v, ...fields } = patch;
    return replaceAndLog(tx, "staff", { ...staff, ...defined(fields) }, "staff.updated", user.username)
      .catch(uniqueTaken(`NIP ${patch.nip} is already registered`));
  });
}

export function deleteStaff(ctx: Ctx, user: PublicUser, id: string, version?: number): Promise<void> {
  return commit(ctx, async (tx) => {
    const staff = await mustGet(tx, "staff", id, "staff member");
    authorize(user, "staff.delete", { unitId: staff.homeUnitId });
    checkVersion(staff, version, "staff member");
    if (await openAssignmentOf(tx, id)) throw conflict("open_assignment", "This person has an open assignment");
    await tx.remove("staff", id, staff.version);
    await tx.append({ type: "staff.deleted", actor: user.username, data: { id } });
  });
}
