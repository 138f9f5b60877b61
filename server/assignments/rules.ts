/** The two invariants a request must pass, computed from committed state inside the write transaction. */
import { OPEN_STATES, releaseInForce, type Assignment, type Release, type Staff, type Unit } from "../../shared/domain.js";
import type { Tx } from "../store/port.js";

export async function isReleased(tx: Pick<Tx, "find">, staffId: string, now: Date): Promise<boolean> {
  const releases = await tx.find<Release>("releases", { staffId, status: "active" });
  return releases.some((r) => releaseInForce(r, now.getTime()));
}

export async function openAssignmentOf(tx: Pick<Tx, "find">, staffId: string): Promise<Assignment | undefined> {
  const [open] = await tx.find<Assignment>("assignments", { staffId, state: { $in: [...OPEN_STATES] } });
  return open;
}

/**
 * Staff who keep the unit running: available, not released, not held by an open assignment.
 * Invariant 2 says this never drops below the unit's floor because of a request.
 */
export async function stayingCount(tx: Pick<Tx, "find">, unit: Unit, now: Date): Promise<number> {
  const available = await tx.find<Staff>("staff", { homeUnitId: unit.id, status: "available" });
  const released = new Set((await tx.find<Release>("releases", { unitId: unit.id, status: "active" })).filter((r) => releaseInForce(r, now.getTime())).map((r) => r.staffId));
  const held = new Set((await tx.find<Assignment>("assignments", { fromUnitId: unit.id, state: { $in: [...OPEN_STATES] } })).map((a) => a.staffId));
  return available.filter((s) => !released.has(s.id) && !held.has(s.id)).length;
}
