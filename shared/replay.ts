/**
 * Replay (issue 15): `GET /api/state?atSeq=N` answers the state as it was when the log's last seq was N,
 * rebuilt from the events (each carries its record whole, as clients receive it: shared/entities.ts).
 */
import { z } from "zod";
import { ENTITIES, Epoch, SNAPSHOT_COLLECTIONS, type StateSnapshot } from "./entities.js";

export const StateQuery = z.object({
  atSeq: z.coerce.number().int().min(0).optional(),
}).strict();
export type StateQuery = z.infer<typeof StateQuery>;

/**
 * Where a replay cannot be exact. Release 0.1.0 logged `plan.created` without the plan's createdAt and
 * createdBy, so a replay at a seq after such an event lists those plans without them and orders them
 * after every plan that has one (the live snapshot orders by createdAt).
 */
export const REPLAY_PARTIAL = ["plans_without_created_at"] as const;
export const ReplayPartial = z.enum(REPLAY_PARTIAL);

/** The snapshot, or a replayed one that may say where it is not exact. */
export type StateAtSeq = StateSnapshot & { partial?: z.infer<typeof ReplayPartial>[] };
export const StateAtSeq = z.object({
  seq: z.number().int().min(0),
  epoch: Epoch,
  ...Object.fromEntries(SNAPSHOT_COLLECTIONS.map((c) => [c, z.array(ENTITIES[c].wire)])),
  partial: z.array(ReplayPartial).min(1).optional(),
}) as unknown as z.ZodType<StateAtSeq>;
