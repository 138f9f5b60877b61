import type { PublicUser } from "../../shared/domain.js";
import { ENTITIES, SNAPSHOT_COLLECTIONS, type SnapshotCollection, type StateSnapshot, type Wire } from "../../shared/entities.js";
import type { Ctx } from "../context.js";
import { wireFor } from "../privacy.js";
import type { ReadTx } from "../store/port.js";
import { snapshotScope } from "../scope.js";

async function collectionFor<C extends SnapshotCollection>(tx: ReadTx, user: PublicUser, collection: C, own: { positionId?: string | undefined }): Promise<Wire[C][]> {
  const part = snapshotScope(user, collection, own);
  if (part === "none") return [];
  if (part) return (await tx.find(collection, part)).map((doc) => wireFor(user, collection, doc));
  const scope = ENTITIES[collection].snapshot;
  // A plan holds every line of its result: the snapshot carries summaries of the newest few (the
  // registry names the field, and an index on it).
  const docs = scope === "all" ? await tx.find(collection) : await tx.find(collection, {}, { newestBy: scope.by as never, limit: scope.recent });
  return docs.map((doc) => wireFor(user, collection, doc));
}

/** The state at one seq (all of it, or a staff member's part: server/scope.ts) of the store's epoch, each collection in its wire form for this user (shared/entities.ts). */
export async function snapshotFor(ctx: Ctx, user: PublicUser): Promise<StateSnapshot> {
  return ctx.store.read(async (tx) => {
    const out = { seq: await tx.lastSeq(), epoch: ctx.store.epoch } as Record<string, unknown>;
    // A staff member's own record names the one position their snapshot holds (server/scope.ts).
    const me = user.role === "staff" && user.staffId ? await tx.get("staff", user.staffId) : undefined;
    const own = { positionId: me?.positionId ?? undefined };
    for (const collection of SNAPSHOT_COLLECTIONS) out[collection] = await collectionFor(tx, user, collection, own);
    return out as StateSnapshot;
  });
}
