/**
 * The sweeps of the long hours (issue 15): escalation of unanswered requests and relief before fatigue.
 * Each reads the time from ctx.clock and keeps its state in the records it writes, so a sweep is safe
 * to run at any moment, in any process, any number of times. A timer runs them (once at start, then every
 * `everyMs`); tests call `run()` after moving their clock, without waiting.
 */
import type { Ctx } from "../context.js";
import { sweepEscalations } from "../escalation/sweep.js";
import { log } from "../log.js";
import { sweepRelief } from "../relief/sweep.js";

export interface Sweeps {
  /** Runs every sweep once (after any run under way). */
  run(): Promise<{ escalated: number; reliefs: number }>;
  close(): Promise<void>;
}

export function startSweeps(ctx: Ctx, everyMs: number): Sweeps {
  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;
  const once = async () => ({ escalated: await sweepEscalations(ctx), reliefs: await sweepRelief(ctx) });
  const run = () => {
    const next = chain.then(once);
    chain = next.catch(() => undefined);
    return next;
  };
  const tick = () => {
    if (!closed) run().catch((error: unknown) => log.error({ err: error }, "sweep failed"));
  };
  const handle = everyMs > 0 ? setInterval(tick, everyMs) : undefined;
  handle?.unref();
  if (everyMs > 0) tick();
  return {
    run,
    async close() {
      closed = true;
      if (handle) clearInterval(handle);
      await chain;
    },
  };
}
