import type { LongHoursSettings, SystemReason } from "../shared/rules.js";
import type { Clock } from "./clock.js";
import type { MutasiInput, MutasiResult } from "../shared/mutasi.js";
import type { Planner } from "./planner/pool.js";
import type { SimulateOutcome } from "./planner/simulate.js";
import type { Store, Tx } from "./store/port.js";

/** Called inside the transaction that closes an incident or ends a spike: its open assignments end with it. */
export type SiteClosedHook = (tx: Tx, now: Date, actor: string, siteId: string, reason: SystemReason) => Promise<void>;

/** The mutasi optimiser as services see it (server/mutasi/pool.ts runs it in a worker thread). */
export interface MutasiSolver {
  solve(input: MutasiInput): Promise<MutasiResult>;
  /** POST /api/mutasi/simulate's body as bytes (handed over: not to be read after): parsed, validated and solved in the worker. */
  simulate(raw: Uint8Array): Promise<SimulateOutcome>;
  close(): Promise<void>;
}
/** Sessions that just ended (a logout, a revoke): the live feed sends their sockets away. */
export type SessionsEndedHook = (ended: { username: string } | { sessionId: string }) => void;

/**
 * What every service needs: the store, the clock, the hooks that join features without importing each
 * other, and the planner, which runs off the request thread.
 */
export interface Ctx {
  store: Store;
  clock: Clock;
  siteClosed: SiteClosedHook;
  planner: Planner;
  /** The mutasi optimiser, off the request thread like the planner. */
  mutasi: MutasiSolver;
  sessionsEnded: SessionsEndedHook;
  /** Escalation and relief settings (issue 15; shared/rules.ts LONG_HOURS_DEFAULTS). */
  settings: LongHoursSettings;
}

/** Runs one transaction; its events reach subscribers only once it has committed. */
export async function commit<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (await ctx.store.transact(fn)).result;
}
