/**
 * How much of each snapshot collection a user's snapshot holds. Most roles hold the whole city; a staff
 * member's phone holds what its staff view reads (client/views/StaffView.tsx, staff/card.ts): their own
 * record, assignments, position, wish and objections, plus the small shared collections (units,
 * incidents, spikes, releases, mutasi cycles). On a weak link the other 600 people and 400 positions were
 * ~440 KB, nine seconds at 400 kbps (issue 14).
 *
 * The live protocol stays as it is: every event carries the whole record (or, for a deletion, its id), so
 * a client that is sent an event about a record it does not hold adds it or ignores the deletion
 * (client/live/store.ts); it never needs the rest.
 */
import type { PublicUser } from "../shared/domain.js";
import type { SnapshotCollection } from "../shared/entities.js";
import type { Filter } from "./store/port.js";
import type { Docs } from "../shared/entities.js";

/** A collection's part of the snapshot: all of it (undefined), a store filter, or none. */
export type Scope<C extends SnapshotCollection> = Filter<Docs[C]> | "none" | undefined;

export function snapshotScope<C extends SnapshotCollection>(user: PublicUser, collection: C, own: { positionId?: string | undefined }): Scope<C> {
  if (user.role !== "staff") return undefined;
  const staffId = user.staffId ?? "";
  const scopes: Partial<Record<SnapshotCollection, unknown>> = {
    staff: { id: staffId },
    assignments: { staffId },
    positions: own.positionId ? { id: own.positionId } : "none",
    wishes: { staffId },
    objections: { staffId },
    plans: "none",
    // Their own line comes with GET /mutasi/cycles/:id/me; the plans' private fields are cut anyway.
    mutasiPlans: "none",
  };
  return scopes[collection] as Scope<C>;
}
