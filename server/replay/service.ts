/**
 * Replay (issue 15): the state at any seq from the nearest checkpoint below it plus at most
 * CHECKPOINT_EVERY events. Folding past a checkpoint's seq writes that checkpoint, so the first replay of
 * a long log (or of one written before checkpoints existed) leaves them behind for the next; the
 * Checkpointer writes them as the log grows.
 */
import { CHECKPOINT_EVERY, checkpointId, type Checkpoint } from "../../shared/checkpoint.js";
import { invalidField } from "../../shared/errors.js";
import type { Ctx } from "../context.js";
import { log } from "../log.js";
import { StoreConflict, type Store } from "../store/port.js";
import { Folded } from "./fold.js";

const PAGE = 5000;

async function nearestCheckpoint(store: Store, seq: number): Promise<Checkpoint | undefined> {
  return store.read(async (tx) => {
    for (let at = Math.floor(seq / CHECKPOINT_EVERY) * CHECKPOINT_EVERY; at > 0; at -= CHECKPOINT_EVERY) {
      const cp = await tx.get("checkpoints", checkpointId(at));
      if (cp) return cp;
    }
    return undefined;
  });
}

async function saveCheckpoint(store: Store, folded: Folded): Promise<void> {
  try {
    await store.transact((tx) => tx.insert("checkpoints", { id: checkpointId(folded.seq), seq: folded.seq, state: folded.checkpointState(), legacyPlans: folded.legacyPlans }));
  } catch (error) {
    // Another process (or request) wrote it first: from the same log, so the same state.
    if (!(error instanceof StoreConflict && error.reason === "exists")) throw error;
  }
}

/** The state after event `seq` (which must be committed), folded from the log. */
export async function foldTo(store: Store, seq: number): Promise<Folded> {
  const cp = await nearestCheckpoint(store, seq);
  const folded = cp ? Folded.from(cp) : new Folded();
  while (folded.seq < seq) {
    const events = await store.eventsSince(folded.seq, Math.min(PAGE, seq - folded.seq));
    if (events.length === 0) break;
    for (const event of events) {
      folded.apply(event);
      if (event.seq % CHECKPOINT_EVERY === 0) await saveCheckpoint(store, folded);
    }
  }
  return folded;
}

/** `atSeq` checked against the log: a seq not yet written is a 400, never a guess. */
export async function replayAt(ctx: Ctx, atSeq: number): Promise<Folded> {
  const last = await ctx.store.lastSeq();
  if (atSeq > last) throw invalidField("atSeq", "beyond_log", `The log ends at seq ${last}`);
  return foldTo(ctx.store, atSeq);
}

/** Writes checkpoints behind the log as it grows, one fold at a time, off the commit path. */
export function startCheckpointer(store: Store): { close(): Promise<void> } {
  let chain: Promise<void> = Promise.resolve();
  let target = 0;
  let closed = false;
  const unsubscribe = store.subscribe((events) => {
    const last = events.at(-1)?.seq ?? 0;
    const due = Math.floor(last / CHECKPOINT_EVERY) * CHECKPOINT_EVERY;
    if (due <= target || closed) return;
    target = due;
    chain = chain.then(() => (closed ? undefined : foldTo(store, due).then(() => undefined)))
      .catch((error) => log.error({ err: error, seq: due }, "replay checkpoint failed"));
  });
  return {
    async close() {
      closed = true;
      unsubscribe();
      await chain;
    },
  };
}
