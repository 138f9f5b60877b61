/** The current minute as a time (ms), for derivations that depend on the clock (a spike's `until`). */
import { useSyncExternalStore } from "react";

const MINUTE = 60_000;
const thisMinute = () => Math.floor(Date.now() / MINUTE) * MINUTE;

// One timer for the whole page, so every component turns the minute at once and the memoised
// derivations (keyed on it) are rebuilt once, not once per component.
let minute = thisMinute();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    const now = thisMinute();
    if (now === minute) return;
    minute = now;
    for (const l of listeners) l();
  }, 5_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The same number all minute long; re-renders when the minute turns. */
export function useMinute(): number {
  return useSyncExternalStore(subscribe, () => minute);
}
