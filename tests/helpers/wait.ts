/** Polling for a condition. The deadline is only a cut-off for a condition that never holds, never what makes a test pass. */

// Taken at load, so `until` keeps polling in real time while a test fakes the timers (vi.useFakeTimers).
const realSetTimeout = globalThis.setTimeout;

/** Polls `check` until it holds; after `ms` fails saying what it waited for (a function can describe the state then). */
export async function until(check: () => boolean, what: string | (() => string), ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${typeof what === "function" ? what() : what}`);
    await new Promise((r) => realSetTimeout(r, 10));
  }
}
