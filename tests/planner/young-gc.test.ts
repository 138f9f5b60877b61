/**
 * The planner thread's scavenge between tasks (server/planner/young-gc.ts): asked for during a task, a
 * forced minor GC runs once the task has returned. Observed through Node's own GC entries (a forced one is
 * flagged so, which the scavenges V8 starts by itself are not); the test waits on them, not on a clock.
 */
import { constants, PerformanceObserver } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { collectYoungWhenIdle } from "../../server/planner/young-gc.js";

type GcDetail = { kind?: number; flags?: number } | undefined;

describe("the young generation emptied between tasks", () => {
  it("runs a forced minor GC after the current task, not during it", async () => {
    const forced: number[] = [];
    let seen!: () => void;
    const observed = new Promise<void>((resolve) => (seen = resolve));
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const detail = (entry as PerformanceEntry & { detail?: unknown }).detail as GcDetail;
        if (detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR && ((detail.flags ?? 0) & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0) forced.push(entry.startTime);
      }
      if (forced.length > 0) seen();
    });
    observer.observe({ entryTypes: ["gc"] });
    try {
      collectYoungWhenIdle();
      collectYoungWhenIdle(); // asked twice in one task: one collection is scheduled
      const returned = performance.now(); // the "task" ends here: nothing was collected synchronously
      expect(forced).toEqual([]);
      await observed;
      expect(forced[0]!).toBeGreaterThanOrEqual(returned);
    } finally {
      observer.disconnect();
    }
  });
});
