import type { StaffCreate, StaffPatch } from "../../shared/api.js";
import type { PublicUser, Staff, Unit } from "../../shared/domain.js";
import { openAssignmentOf } from "../assignments/rules.js";
import { DomainError } from "../../shared/errors.js";
import { assertUnitAccess } from "../auth/middleware.js";
import { commit, type Ctx } from "../context.js";
import { checkVersion, defined, mustGet, replaceAndLog } from "../entities.js";
import { newId } from "../ids.js";
import { StoreConflict } from "../store/port.js";

function nipTaken(error: unknown, nip: string | undefined): never {
  if (error instanceof StoreConflict && error.reason === "unique") throw new DomainError("conflict", `NIP ${nip} is already registered`);
  throw error;
}

export function createStaff(ctx: Ctx, user: PublicUser, body: StaffCreate): Promise<Staff> {
  assertUnitAccess(user, body.homeUnitId);
  return commit(ctx, async (tx) => {
    await mustGet<Unit>(tx, "units", body.homeUnitId, "unit");
    const staff = await tx.insert<Staff>("staff", { id: newId("stf"), ...body }).catch((e) => nipTaken(e, body.nip));
    await tx.append({ type: "staff.created", actor: user.username, data: staff });
    return staff;
  });
}

export function updateStaff(ctx: Ctx, user: PublicUser, id: string, patch: StaffPatch): Promise<Staff> {
  return commit(ctx, async (tx) => {
    const staff = await mustGet<Staff>(tx, "staff", id, "staff member");
    assertUnitAccess(user, staff.homeUnitId);
    checkVersion(staff, patch.version, "staff member");
    if (patch.homeUnitId && patch.homeUnitId !== staff.homeUnitId) {
      if (user.role !== "coordinator") throw new DomainError("forbidden", "Only a coordinator moves staff between units");
      await mustGet<Unit>(tx, "units", patch.homeUnitId, "unit");
    }
    const open = await openAssignmentOf(tx, id);
    if (open && (patch.homeUnitId !== undefined && patch.homeUnitId !== staff.homeUnitId)) {
      throw new DomainError("conflict", "This person has an open assignment; finish or cancel it first");
    }
    if (open && patch.status !== undefined && patch.status !== staff.status) {
      throw new DomainError("conflict", "Status follows the open assignment; finish or cancel it first");
    }
    const { version: _v, ...fields } = patch;
    return replaceAndLog(tx, "staff", { ...staff, ...defined(fields) }, "staff.updated", user.username)
      .catch((e) => nipTaken(e, patch.nip));
  });
}

export function deleteStaff(ctx: Ctx, user: PublicUser, id: string, version?: number): Promise<void> {
  return commit(ctx, async (tx) => {
    const staff = await mustGet<Staff>(tx, "staff", id, "staff member");
    assertUnitAccess(user, staff.homeUnitId);
    checkVersion(staff, version, "staff member");
    if (await openAssignmentOf(tx, id)) throw new DomainError("conflict", "This person has an open assignment");
    await tx.remove("staff", id, staff.version);
    await tx.append({ type: "staff.deleted", actor: user.username, data: { id } });
  });
}
