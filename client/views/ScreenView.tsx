/**
 * /screen: the command-center wall. Full screen, dark, large type, no controls: KPIs, the live map, a
 * ticker of the latest events, the connection state and last update. Recovers from a server restart by
 * itself (the live client resumes); it never needs a reload or a new login.
 */
import { useEffect, useState } from "react";
import { EventsResponse } from "../../shared/api.js";
import type { Event } from "../../shared/domain.js";
import { api } from "../app/api.js";
import { useLive } from "../app/live.js";
import { ConnBadge } from "../app/ui.js";
import { useI18n } from "../i18n/index.js";
import SiagaMap from "../map/SiagaMap.js";
import { Kpis } from "./Kpis.js";
import { IncidentBoard } from "./screen/IncidentBoard.js";
import { describeLine, newsworthy, tickerLines } from "./ticker.js";
import { loopHours, useScreenLoop } from "./screenLoop.js";
import type { LiveState } from "../live/index.js";
import { escalationStageOf } from "../../shared/rules.js";

/** Requests no unit head has answered in time (issue 15), on the wall. */
function EscalatedLine({ state }: { state: LiveState }) {
  const { t, f } = useI18n();
  const waiting = [...state.assignments.values()].filter((a) => a.state === "requested" && a.escalatedAt);
  const n = waiting.filter((a) => escalationStageOf(a) === "coordinator").length;
  const standIn = waiting.length - n;
  if (waiting.length === 0) return null;
  return (
    <div className="screen-escalated warn-text" data-testid="screen-escalated">
      {[n > 0 && t("screen.escalated", { n: f.number(n) }), standIn > 0 && t("screen.escalatedStandIn", { n: f.number(standIn) })].filter(Boolean).join(" · ")}
    </div>
  );
}

const TICKER = 10;
/** Events read back to fill the ticker at start: enough to fold a large plan approval into its one line. */
const HISTORY = 500;

export default function ScreenView() {
  const i18n = useI18n();
  const { t, f } = i18n;
  const { state: live, status } = useLive();
  // `?loop=H`: the wall replays the last H hours between stretches of live.
  const loop = useScreenLoop(loopHours(window.location.search), live?.seq ?? null);
  const state = loop.state ?? live;
  const [history, setHistory] = useState<Event[]>([]);

  useEffect(function screenMode() {
    document.body.classList.add("screen-mode");
    return () => document.body.classList.remove("screen-mode");
  }, []);

  // The live feed starts from a snapshot (no past events): fetch the last few once to fill the ticker.
  const firstSeq = state?.seq ?? null;
  const hasState = firstSeq !== null;
  useEffect(function loadTickerHistory() {
    if (firstSeq === null) return;
    let cancelled = false;
    api<unknown>("GET", `/events?since=${Math.max(0, firstSeq - HISTORY)}&limit=${HISTORY}`)
      .then((res) => {
        const parsed = EventsResponse.safeParse(res);
        if (!cancelled && parsed.success) setHistory(parsed.data.events);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
    // once, when the first state arrives
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hasState]);

  const recent = state?.recent ?? [];
  const seen = new Set(recent.map((e) => e.seq));
  const all = [...history.filter((e) => !seen.has(e.seq)), ...recent];
  const lines = tickerLines(all.filter((e, i) => newsworthy(e, all[i - 1]))).slice(-TICKER).reverse();

  return (
    <main className="screen" data-testid="screen-view">
      <header className="screen-head">
        <div className="screen-title">
          <span className="logo" aria-hidden="true">◆</span> {t("app.name")} <span className="screen-sub">{t("screen.title")}</span>
        </div>
        <ScreenClock />
        <ConnBadge status={status} large />
      </header>
      {loop.at && <div className="screen-replay" data-testid="screen-replay">{t("screen.replayAt", { at: f.dateTime(loop.at) })}</div>}
      {state && <EscalatedLine state={state} />}
      {state ? <Kpis state={state} large /> : <div className="kpis kpis-large"><p className="loading">{t("state.loading")}</p></div>}
      <div className="screen-body">
        <SiagaMap state={state} fit="maulafa" className="screen-map" dark controls={false} />
        <div className="screen-side">
          {state && <IncidentBoard state={state} />}
          <section className="ticker" aria-labelledby="ticker-title" data-testid="ticker">
            <h2 id="ticker-title">{t("screen.tickerTitle")}</h2>
            {!state || lines.length === 0 ? <p className="muted">{t(state ? "screen.noEvents" : "state.loading")}</p> : (
              <ol aria-live="polite">
                {lines.map((line) => (
                  <li key={line.seq} data-testid="ticker-item" data-seq={line.seq} data-type={line.type} data-count={line.events.length}
                    className={line.type === "assignment.declined" ? "ticker-bad" : undefined}>
                    <time dateTime={line.at}>{f.time(line.at)}</time>
                    <span>{describeLine(line, state, i18n)}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
    </main>
  );
}

/** The wall clock, on its own so that its tick each second re-renders nothing else. */
function ScreenClock() {
  const { f } = useI18n();
  const [clock, setClock] = useState(() => Date.now());
  useEffect(function tickClock() {
    const id = setInterval(() => setClock(Date.now()), 1_000);
    return () => clearInterval(id);
  }, []);
  return <div className="screen-clock" data-testid="screen-clock">{f.time(clock)} <span className="muted">WITA</span></div>;
}
