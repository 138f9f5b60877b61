/**
 * The state at a seq, folded from the log: each event carries its record whole (shared/entities.ts), so
 * applying one is "put this record" or, for a deletion, "remove this id". A Map keeps first-insertion
 * order through updates and sends a re-created id to the end, as the store's own listing order does.
 */
import type { Event, PublicUser } from "../../shared/domain.js";
import { collectionOfEvent, ENTITIES, SNAPSHOT_COLLECTIONS, type Docs, type SnapshotCollection } from "../../shared/entities.js";
import type { PlanSummary } from "../../shared/plan.js";
import type { StateAtSeq } from "../../shared/replay.js";
import type { Checkpoint } from "../../shared/checkpoint.js";
import { wireFor } from "../privacy.js";
import { snapshotScope } from "../scope.js";

type Rec = Record<string, unknown> & { id: string };
const SNAPSHOT = new Set<string>(SNAPSHOT_COLLECTIONS);

export class Folded {
  seq = 0;
  /** A plan.created of release 0.1.0 (no createdAt) has been applied: see REPLAY_PARTIAL. */
  legacyPlans = false;
  readonly maps = Object.fromEntries(SNAPSHOT_COLLECTIONS.map((c) => [c, new Map<string, Rec>()])) as Record<SnapshotCollection, Map<string, Rec>>;

  static from(checkpoint: Pick<Checkpoint, "seq" | "state" | "legacyPlans">): Folded {
    const f = new Folded();
    f.seq = checkpoint.seq;
    f.legacyPlans = checkpoint.legacyPlans;
    for (const c of SNAPSHOT_COLLECTIONS) for (const r of (checkpoint.state[c] ?? []) as Rec[]) f.maps[c].set(r.id, r);
    return f;
  }

  apply(event: Event): void {
    this.seq = event.seq;
    const collection = collectionOfEvent(event.type);
    if (!collection || !SNAPSHOT.has(collection)) return; // users, sessions: not in the snapshot
    const map = this.maps[collection as SnapshotCollection];
    const data = event.data as Rec;
    if (event.type.endsWith(".deleted")) map.delete(data.id);
    else {
      map.set(data.id, data);
      if (collection === "plans" && data.createdAt === undefined) this.legacyPlans = true;
    }
  }

  /** The raw state for a checkpoint: references, not copies (records are never changed in place). */
  checkpointState(): Checkpoint["state"] {
    return Object.fromEntries(SNAPSHOT_COLLECTIONS.map((c) => [c, [...this.maps[c].values()]]));
  }

  /** As `GET /api/state` would have answered this user at this seq. */
  snapshotFor(user: PublicUser, epoch: string): StateAtSeq {
    const out: Record<string, unknown> = { seq: this.seq, epoch };
    // A staff member's part only, as live (server/scope.ts); its filters are field equalities.
    const me = user.role === "staff" && user.staffId ? this.maps.staff.get(user.staffId) as { positionId?: string } | undefined : undefined;
    const own = { positionId: me?.positionId };
    for (const c of SNAPSHOT_COLLECTIONS) {
      const part = snapshotScope(user, c, own);
      if (part === "none") {
        out[c] = [];
        continue;
      }
      if (part) {
        const wanted = Object.entries(part as Record<string, unknown>);
        out[c] = [...this.maps[c].values()].filter((r) => wanted.every(([k, v]) => (r as Record<string, unknown>)[k] === v))
          .map((r) => wireFor(user, c, r as unknown as Docs[typeof c]));
        continue;
      }
      const scope = ENTITIES[c].snapshot;
      if (c === "plans" && scope !== "all") {
        // The store lists plans newest first by createdAt, later insertion first on a tie; events already carry the summary.
        const plans = [...this.maps.plans.values()].reverse() as unknown as PlanSummary[];
        plans.sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? ""));
        out[c] = plans.slice(0, scope.recent);
      } else {
        out[c] = [...this.maps[c].values()].map((r) => wireFor(user, c, r as unknown as Docs[typeof c]));
      }
    }
    if (this.legacyPlans) out.partial = ["plans_without_created_at"];
    return out as StateAtSeq;
  }
}
