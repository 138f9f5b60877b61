/**
 * The after-action review (issue 15): a slider over the log's seqs; at each stop the dashboard shows the
 * state GET /api/state?atSeq=N rebuilt (map, load, lists), until the coordinator goes back to live.
 */
import { useEffect, useRef, useState } from "react";
import type { StateAtSeq } from "../../../shared/replay.js";
import { api } from "../../app/api.js";
import { ErrorBox, useAction } from "../../app/ui.js";
import { useI18n } from "../../i18n/index.js";
import { LiveStore, type LiveState } from "../../live/index.js";

/** A replayed snapshot in the live client's own shape, so every view can show it. */
export async function replayState(seq: number): Promise<LiveState> {
  const snapshot = await api<StateAtSeq>("GET", `/state?atSeq=${seq}`);
  const store = new LiveStore();
  store.applySnapshot(snapshot, snapshot.seq, snapshot.epoch);
  return store.getState()!;
}

export function ReplayBar({ liveSeq, onState }: { liveSeq: number; onState: (s: LiveState | null) => void }) {
  const { t, f } = useI18n();
  const [on, setOn] = useState(false);
  const [seq, setSeq] = useState(liveSeq);
  const { error, run } = useAction();
  const asked = useRef(0);

  useEffect(function loadReplayedState() {
    if (!on) return;
    const ask = ++asked.current;
    // Only the latest stop of a drag is shown.
    const timer = setTimeout(async () => {
      const s = await run(() => replayState(seq));
      if (s && ask === asked.current) onState(s);
    }, 150);
    return function cancelReplayLoad() { clearTimeout(timer); };
  }, [on, seq]);

  if (!on) {
    return (
      <div className="replay-bar">
        <button type="button" className="secondary small" onClick={() => { setSeq(liveSeq); setOn(true); }} data-testid="replay-open">{t("replay.open")}</button>
      </div>
    );
  }
  return (
    <div className="replay-bar" data-testid="replay-bar" role="group" aria-label={t("replay.label")}>
      <label className="grow">
        <span className="sr-only">{t("replay.label")}</span>
        <input type="range" min={0} max={liveSeq} value={Math.min(seq, liveSeq)} onChange={(e) => setSeq(Number(e.target.value))} data-testid="replay-slider" />
      </label>
      <span className="muted small" data-testid="replay-seq">{t("replay.at", { seq: f.number(seq), of: f.number(liveSeq) })}</span>
      <button type="button" className="primary small" onClick={() => { setOn(false); onState(null); }} data-testid="replay-close">{t("replay.live")}</button>
      <ErrorBox message={error} />
    </div>
  );
}
