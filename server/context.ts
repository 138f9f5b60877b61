import type { Clock } from "./clock.js";
import type { Store, Tx } from "./store/port.js";

/** What every service needs: the store and the clock. */
export interface Ctx {
  store: Store;
  clock: Clock;
}

/** Runs one transaction; its events reach subscribers only once it has committed. */
export async function commit<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (await ctx.store.transact(fn)).result;
}
