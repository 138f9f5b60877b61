/**
 * `/screen?loop=H` (issue 15): the wall replays the last H hours in steps (GET /api/state?atSeq), then
 * shows live for a while, and again. The seqs come from the log's timestamps.
 */
import { useEffect, useState } from "react";
import { EventsResponse } from "../../shared/api.js";
import { api } from "../app/api.js";
import type { LiveState } from "../live/index.js";
import { replayState } from "./coordinator/ReplayBar.js";

const STEPS = 24;
const STEP_MS = 2_500;
const LIVE_MS = 30_000;

/** The hours to loop, from `?loop=H` (1–72), or null. */
export function loopHours(search: string): number | null {
  const h = Number(new URLSearchParams(search).get("loop"));
  return Number.isFinite(h) && h >= 1 && h <= 72 ? h : null;
}

/** The replayed state to show now, or null for live. */
export function useScreenLoop(hours: number | null, liveSeq: number | null): { state: LiveState | null; at: string | null } {
  const [shown, setShown] = useState<{ state: LiveState | null; at: string | null }>({ state: null, at: null });
  const running = liveSeq !== null;
  useEffect(function loopTheLastHours() {
    if (!hours || liveSeq === null) return;
    let stopped = false;
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    (async () => {
      while (!stopped) {
        const from = Math.max(0, liveSeq - 5000);
        const res = EventsResponse.safeParse(await api<unknown>("GET", `/events?since=${from}&limit=5000`).catch(() => null));
        const since = Date.now() - hours * 3600_000;
        const events = res.success ? res.data.events.filter((e) => Date.parse(e.at) >= since) : [];
        if (events.length > 1) {
          for (let i = 0; i < STEPS && !stopped; i++) {
            const e = events[Math.floor((i * (events.length - 1)) / (STEPS - 1))]!;
            const state = await replayState(e.seq).catch(() => null);
            if (state && !stopped) setShown({ state, at: e.at });
            await wait(STEP_MS);
          }
        }
        if (!stopped) setShown({ state: null, at: null });
        await wait(LIVE_MS);
      }
    })();
    return function stopLoop() { stopped = true; };
    // the loop reads the live seq when each round starts; restarting it on every event would never finish a round
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hours, running]);
  return shown;
}
