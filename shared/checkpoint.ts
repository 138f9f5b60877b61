/**
 * A replay checkpoint (issue 15, replay): the raw state (private fields included, never sent) after
 * every CHECKPOINT_EVERY-th event, so `GET /api/state?atSeq=N` folds at most that many events. Derived
 * from the log alone and written without an event of its own: it adds no fact, and two processes
 * writing the same one write the same thing (the id is its seq; the second insert loses and is ignored).
 */
import { z } from "zod";
import { Version } from "./domain.js";

/** Checkpoints sit at seq K, 2K, 3K…; the id names the seq, so the one under any N is found by id. */
export const CHECKPOINT_EVERY = 2000;

export const checkpointId = (seq: number) => `cp-${seq}`;

export const Checkpoint = z.object({
  id: z.string(),
  seq: z.number().int().min(0),
  /** Per snapshot collection, its records as the log's events carried them, in store order. */
  state: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  /** Some plan.created events before this seq came from release 0.1.0 (no createdAt): see shared/replay.ts. */
  legacyPlans: z.boolean(),
  version: Version,
});
export type Checkpoint = z.infer<typeof Checkpoint>;
