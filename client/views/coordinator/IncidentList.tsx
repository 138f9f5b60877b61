/** Incidents with their needs filled so far; edit and close. */
import type { Incident } from "../../../shared/domain.js";
import { DemobilisationPanel } from "./DemobilisationPanel.js";
import { api } from "../../app/api.js";
import { ConfirmButton, ErrorBox, useAction } from "../../app/ui.js";
import { useI18n } from "../../i18n/index.js";
import type { LiveState } from "../../live/index.js";
import { needIndex, severityColor } from "../../model/derive.js";
import { useMinute } from "../../model/clock.js";

export function IncidentList({ state, selectedId, onSelect, onEdit, onNew }: {
  state: LiveState;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onEdit: (id: string) => void;
  onNew: () => void;
}) {
  const { t, f } = useI18n();
  const { busy, error, run } = useAction();
  const minute = useMinute();
  const needs = needIndex(state.incidents, state.spikes, state.assignments, minute);
  const all = [...state.incidents.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const open = all.filter((i) => i.status !== "closed");
  const closed = all.filter((i) => i.status === "closed");

  async function close(i: Incident): Promise<boolean> {
    return (await run(() => api("PATCH", `/incidents/${encodeURIComponent(i.id)}`, { version: i.version, status: "closed" }))) !== undefined;
  }

  const row = (i: Incident) => {
    const wanted = i.needs.reduce((s, n) => s + n.count, 0);
    const filled = i.needs.reduce((s, n) => s + Math.min(n.count, needs.get(n.id)?.open ?? 0), 0);
    return (
      <li key={i.id} className={`incident-item ${selectedId === i.id ? "selected" : ""} status-${i.status}`} data-testid={`incident-${i.id}`}>
        <button type="button" className="item-main" onClick={() => onSelect(i.id)} aria-pressed={selectedId === i.id}>
          <span className="sev-chip" style={{ background: severityColor(i.severity) }} aria-label={t("incident.severityN", { n: i.severity })}>
            {i.severity}
          </span>
          <span className="item-text">
            <strong>{i.title}</strong>
            <span className="muted">
              {t(`incidentType.${i.type}`)} · {t(`incidentStatus.${i.status}`)} · {f.dateTime(i.createdAt)}
            </span>
            {wanted > 0 && (
              <span className="fill">
                <span className="fill-bar" aria-hidden="true"><span style={{ width: `${Math.round((filled / wanted) * 100)}%` }} /></span>
                {t("incident.filled", { filled: f.number(filled), wanted: f.number(wanted) })}
              </span>
            )}
          </span>
        </button>
        {i.status !== "closed" && (
          <div className="item-actions">
            <button type="button" className="secondary small" onClick={() => onEdit(i.id)} data-testid={`incident-edit-${i.id}`}>{t("form.edit")}</button>
            <ConfirmButton label={t("incident.close")} question={t("incident.closeConfirm", { title: i.title })} confirmLabel={t("incident.closeYes")}
              onConfirm={() => close(i)} disabled={busy} testId={`incident-close-${i.id}`} />
          </div>
        )}
        {i.status === "contained" && selectedId === i.id && <DemobilisationPanel incident={i} state={state} />}
      </li>
    );
  };

  return (
    <section aria-labelledby="incidents-title">
      <div className="section-head">
        <h2 id="incidents-title">{t("incident.list")}</h2>
        <button type="button" className="primary small" onClick={onNew} data-testid="incident-new">+ {t("incident.new")}</button>
      </div>
      <p className="muted small">{t("incident.mapHint")}</p>
      <ErrorBox message={error} />
      {open.length === 0 ? <p className="empty">{t("incident.none")}</p> : <ul className="item-list">{open.map(row)}</ul>}
      {closed.length > 0 && (
        <details>
          <summary>{t("incident.closedN", { n: closed.length })}</summary>
          <ul className="item-list">{closed.map(row)}</ul>
        </details>
      )}
    </section>
  );
}
