/** What the rules of shared/rules.ts are checked against, read from committed state inside the write transaction. */
import type { Assignment, Unit } from "../../shared/domain.js";
import { OPEN_STATES, isPresent, releaseInForce } from "../../shared/rules.js";
import type { Tx } from "../store/port.js";

export async function isReleased(tx: Pick<Tx, "find">, staffId: string, now: Date): Promise<boolean> {
  const releases = await tx.find("releases", { staffId, status: "active" });
  return releases.some((r) => releaseInForce(r, now.getTime()));
}

export async function openAssignmentOf(tx: Pick<Tx, "find">, staffId: string): Promise<Assignment | undefined> {
  const [open] = await tx.find("assignments", { staffId, state: { $in: [...OPEN_STATES] } });
  return open;
}

/**
 * Staff who keep the unit running: present (shared/rules.ts) and not released.
 * Invariant 2 says this never drops below the unit's floor because of a request.
 */
export async function stayingCount(tx: Pick<Tx, "find">, unit: Unit, now: Date): Promise<number> {
  const staff = await tx.find("staff", { homeUnitId: unit.id, status: "available" });
  const released = new Set((await tx.find("releases", { unitId: unit.id, status: "active" })).filter((r) => releaseInForce(r, now.getTime())).map((r) => r.staffId));
  const held = new Set((await tx.find("assignments", { fromUnitId: unit.id, state: { $in: [...OPEN_STATES] } })).map((a) => a.staffId));
  return staff.filter((s) => isPresent(s, held.has(s.id)) && !released.has(s.id)).length;
}
