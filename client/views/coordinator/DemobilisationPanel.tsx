/**
 * The way home of a contained incident (issue 15): who is still deployed, most loaded home unit first
 * (GET /api/incidents/:id/demobilisation), and sending them home in that order, all or the ones ticked.
 */
import { useEffect, useState } from "react";
import type { DemobilisationResponse, DemobiliseResponse } from "../../../shared/demobilisation.js";
import type { Incident } from "../../../shared/domain.js";
import { api } from "../../app/api.js";
import { ErrorBox, useAction } from "../../app/ui.js";
import { useI18n } from "../../i18n/index.js";
import type { LiveState } from "../../live/index.js";

export function DemobilisationPanel({ incident, state }: { incident: Incident; state: LiveState }) {
  const { t, f } = useI18n();
  const [lines, setLines] = useState<DemobilisationResponse["lines"] | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const { busy, error, run } = useAction();
  const path = `/incidents/${encodeURIComponent(incident.id)}`;

  // Reloaded on every change of the live state: the order follows the home units' load as it moves.
  useEffect(function loadLines() {
    let cancelled = false;
    api<DemobilisationResponse>("GET", `${path}/demobilisation`).then((r) => { if (!cancelled) setLines(r.lines); }).catch(() => {});
    return function cancelLoad() { cancelled = true; };
  }, [path, state.seq]);

  async function send(ids?: string[]) {
    const res = await run(() => api<DemobiliseResponse>("POST", `${path}/demobilise`, ids ? { assignmentIds: ids } : {}));
    if (res) setPicked(new Set());
  }

  if (!lines) return null;
  return (
    <section className="card" aria-labelledby={`demob-${incident.id}`} data-testid="demobilisation-panel">
      <h3 id={`demob-${incident.id}`}>{t("demob.title")}</h3>
      <ErrorBox message={error} />
      {lines.length === 0 ? <p className="empty">{t("demob.none")}</p> : (
        <>
          <ol className="item-list">
            {lines.map((l) => (
              <li key={l.assignmentId} data-testid={`demob-${l.assignmentId}`}>
                <label>
                  <input type="checkbox" checked={picked.has(l.assignmentId)}
                    onChange={(e) => setPicked((s) => { const n = new Set(s); if (e.target.checked) n.add(l.assignmentId); else n.delete(l.assignmentId); return n; })} />
                  {" "}{state.staff.get(l.staffId)?.name ?? l.staffId}
                  <span className="muted small"> · {state.units.get(l.homeUnitId)?.name ?? l.homeUnitId} · {t("demob.load", { load: f.number(l.homeLoad, 2) })}</span>
                </label>
              </li>
            ))}
          </ol>
          <div className="actions">
            <button type="button" className="primary small" disabled={busy} onClick={() => send()} data-testid="demob-all">{t("demob.all", { n: lines.length })}</button>
            <button type="button" className="secondary small" disabled={busy || picked.size === 0} onClick={() => send([...picked])} data-testid="demob-picked">
              {t("demob.picked", { n: picked.size })}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
