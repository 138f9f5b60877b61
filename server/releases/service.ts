import type { ReleaseCreate } from "../../shared/api.js";
import type { PublicUser, Release } from "../../shared/domain.js";
import { conflict, DomainError, invalidField } from "../../shared/errors.js";
import { releaseBlock } from "../../shared/rules.js";
import { isReleased, openAssignmentOf } from "../assignments/queries.js";
import { authorize } from "../auth/authorize.js";
import { commit, type Ctx } from "../context.js";
import { checkVersion, mustGet, replaceAndLog } from "../entities.js";
import { newId } from "../ids.js";

const BLOCKED = {
  unavailable: (name: string) => `${name} is not available to release`,
  already_open: (name: string) => `${name} already has an open assignment`,
  already_released: (name: string) => `${name} is already released`,
} as const;

/** A unit head lets people go until a time: they become deployable outside the unit's floor. */
export function releaseStaff(ctx: Ctx, user: PublicUser, unitId: string, body: ReleaseCreate): Promise<Release[]> {
  authorize(user, "release.create", { unitId });
  return commit(ctx, async (tx) => {
    await mustGet(tx, "units", unitId, "unit");
    const now = ctx.clock.now();
    if (Date.parse(body.until) <= now.getTime()) throw invalidField("until", "future", "must be in the future");
    const releases: Release[] = [];
    for (const [i, staffId] of [...new Set(body.staffIds)].entries()) {
      const staff = await tx.get("staff", staffId);
      if (!staff || staff.homeUnitId !== unitId) throw invalidField(`staffIds.${i}`, "not_unit_staff", `${staffId} is not staff of this unit`);
      const block = releaseBlock(staff, Boolean(await openAssignmentOf(tx, staffId)), await isReleased(tx, staffId, now));
      if (block) throw conflict(block, BLOCKED[block](staff.name));
      const release = await tx.insert("releases", {
        id: newId("rel"), unitId, staffId, until: body.until, ...(body.note ? { note: body.note } : {}), status: "active", createdAt: now.toISOString(),
      });
      await tx.append({ type: "release.created", actor: user.username, data: release });
      releases.push(release);
    }
    return releases;
  });
}

/** Takes a release back early. An assignment already made stays; the person is simply no longer offered. */
export function endRelease(ctx: Ctx, user: PublicUser, unitId: string, releaseId: string, version?: number): Promise<Release> {
  authorize(user, "release.end", { unitId });
  return commit(ctx, async (tx) => {
    const release = await mustGet(tx, "releases", releaseId, "release");
    if (release.unitId !== unitId) throw new DomainError("not_found", `No release ${releaseId} on unit ${unitId}`);
    checkVersion(release, version, "release");
    if (release.status === "ended") throw conflict("wrong_state", "This release has already ended", { state: release.status });
    return replaceAndLog(tx, "releases", { ...release, status: "ended" }, "release.ended", user.username);
  });
}
