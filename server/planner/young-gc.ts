/**
 * A worker thread's young generation, emptied once a task's answer is posted (pool.ts runs piscina without
 * its Atomics wait, so the thread's event loop turns between tasks and the collection runs then).
 *
 * Why: a what-if keeps its whole parsed input (a Kupang-size flood: about 7 MB of objects) until it answers,
 * and a scavenge that falls inside it copies all of that: 4–5 ms, in every other flood what-if. Collected
 * between tasks, when almost nothing is live, a scavenge takes about 1 ms (`--trace-gc`), off every request's
 * path, and no task starts with a nursery already half full. V8 exposes no such call but its `gc` extension, so this installs it in
 * a fresh context of its own, as jest's leak detector does: the flag only adds that function to contexts
 * created from now on and changes nothing else.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

type Gc = (options: { type: "minor" | "major" }) => void;

/** The extension's function, or null where a runtime refuses it (then nothing is collected early: V8 as usual). */
let gc: Gc | null | undefined;
let pending = false;

function gcFunction(): Gc | null {
  try {
    setFlagsFromString("--expose-gc");
    const f: unknown = runInNewContext("typeof gc === 'function' ? gc : null");
    return typeof f === "function" ? (f as Gc) : null;
  } catch {
    return null;
  }
}

function collect() {
  pending = false;
  gc?.({ type: "minor" });
}

/** Schedules one scavenge for when the current task has returned (once, however many tasks end first). */
export function collectYoungWhenIdle(): void {
  if (pending) return;
  if (gc === undefined) gc = gcFunction();
  if (!gc) return;
  pending = true;
  setImmediate(collect);
}
