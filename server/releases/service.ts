import type { ReleaseCreate } from "../../shared/api.js";
import type { PublicUser, Release, Staff, Unit } from "../../shared/domain.js";
import { DomainError } from "../../shared/errors.js";
import { isReleased } from "../assignments/rules.js";
import { assertUnitAccess } from "../auth/middleware.js";
import { commit, type Ctx } from "../context.js";
import { checkVersion, mustGet, replaceAndLog } from "../entities.js";
import { newId } from "../ids.js";

/** A unit head lets people go until a time: they become deployable outside the unit's floor. */
export function releaseStaff(ctx: Ctx, user: PublicUser, unitId: string, body: ReleaseCreate): Promise<Release[]> {
  assertUnitAccess(user, unitId);
  return commit(ctx, async (tx) => {
    await mustGet<Unit>(tx, "units", unitId, "unit");
    const now = ctx.clock.now();
    if (Date.parse(body.until) <= now.getTime()) throw new DomainError("validation", "Invalid body", [{ path: "until", message: "must be in the future" }]);
    const releases: Release[] = [];
    for (const [i, staffId] of [...new Set(body.staffIds)].entries()) {
      const staff = await tx.get<Staff>("staff", staffId);
      if (!staff || staff.homeUnitId !== unitId) {
        throw new DomainError("validation", "Invalid body", [{ path: `staffIds.${i}`, message: `${staffId} is not staff of this unit` }]);
      }
      if (await isReleased(tx, staffId, now)) throw new DomainError("conflict", `${staff.name} is already released`);
      const release = await tx.insert<Release>("releases", {
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
  assertUnitAccess(user, unitId);
  return commit(ctx, async (tx) => {
    const release = await mustGet<Release>(tx, "releases", releaseId, "release");
    if (release.unitId !== unitId) throw new DomainError("not_found", `No release ${releaseId} on unit ${unitId}`);
    checkVersion(release, version, "release");
    if (release.status === "ended") throw new DomainError("conflict", "This release has already ended");
    return replaceAndLog(tx, "releases", { ...release, status: "ended" }, "release.ended", user.username);
  });
}
