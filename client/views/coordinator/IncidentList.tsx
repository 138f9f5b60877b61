/** Incidents with their needs filled so far; edit and close. */
import { useRef } from "react";
import type { Incident } from "../../../shared/domain.js";
import { DemobilisationPanel } from "./DemobilisationPanel.js";
import { api } from "../../app/api.js";
import { ConfirmButton, ErrorBox, useAction } from "../../app/ui.js";
import { useI18n } from "../../i18n/index.js";
import type { LiveState } from "../../live/index.js";
import { attentionItems } from "../../model/attention.js";
import { needIndex, severityColor } from "../../model/derive.js";
import { useMinute } from "../../model/clock.js";
import { emptyCoverage, settleCoverage } from "../../../shared/rules.js";
import { CoverageLine } from "./CoverageLine.js";

export function IncidentList({ state, selectedId, onSelect, onEdit, onNew, onReplace }: {
  state: LiveState;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onEdit: (id: string) => void;
  onNew: () => void;
  /** "Cari pengganti": plan just this need. */
  onReplace: (needId: string) => void;
}) {
  const { t, f } = useI18n();
  const { busy, error, run } = useAction();
  const minute = useMinute();
  const needs = needIndex(state.incidents, state.spikes, state.assignments, minute);
  const all = [...state.incidents.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const open = all.filter((i) => i.status !== "closed");
  const closed = all.filter((i) => i.status === "closed");
  const attention = attentionItems(state, minute);

  // The version shown when "Tutup" was asked: a colleague's edit meanwhile makes the close a 409, not a blind close.
  const askedVersion = useRef(new Map<string, number>());
  async function close(i: Incident): Promise<boolean> {
    const version = askedVersion.current.get(i.id) ?? i.version;
    return (await run(() => api("PATCH", `/incidents/${encodeURIComponent(i.id)}`, { version, status: "closed" }))) !== undefined;
  }

  const row = (i: Incident) => {
    // Honest counts (shared/rules.ts Coverage): only confirmed and on-site people fill a need.
    const total = emptyCoverage();
    let wanted = 0;
    for (const n of i.needs) {
      const c = needs.get(n.id)?.coverage;
      wanted += n.count;
      if (!c) continue;
      total.requested += c.requested; total.confirmed += c.confirmed; total.onSite += c.onSite; total.declined += c.declined; total.unmet += c.unmet;
    }
    settleCoverage(total, wanted);
    const mine = attention.filter((x) => x.assignment.siteId === i.id);
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
            {wanted > 0 && <CoverageLine coverage={total} wanted={wanted} />}
          </span>
        </button>
        {selectedId === i.id && i.needs.length > 0 && (
          <ul className="need-coverage plain small" data-testid={`incident-needs-${i.id}`}>
            {i.needs.map((n) => {
              const c = needs.get(n.id)?.coverage;
              return (
                <li key={n.id} data-testid={`need-coverage-${n.id}`}>
                  <strong>{t(`skill.${n.skill}`)}</strong> {c && <CoverageLine coverage={c} wanted={n.count} />}
                </li>
              );
            })}
          </ul>
        )}
        {mine.length > 0 && (
          <ul className="attention-list plain" data-testid={`incident-attention-${i.id}`}>
            {mine.map((x) => {
              const who = state.staff.get(x.assignment.staffId)?.name ?? x.assignment.staffId;
              const unit = state.units.get(x.assignment.fromUnitId)?.name ?? x.assignment.fromUnitId;
              return (
                <li key={x.key} className="attention-item" data-kind={x.kind} data-testid={`attention-${x.assignment.id}`}>
                  <span className="warn-text">{t(x.kind === "declined" ? "attention.declined" : "attention.recall", { name: who, unit, reason: x.reason })}</span>
                  {x.kind === "declined" && (
                    <button type="button" className="secondary small" onClick={() => onReplace(x.needId)} data-testid={`replace-${x.assignment.id}`}>{t("attention.replace")}</button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {i.status !== "closed" && (
          <div className="item-actions">
            <button type="button" className="secondary small" onClick={() => onEdit(i.id)} data-testid={`incident-edit-${i.id}`}>{t("form.edit")}</button>
            <ConfirmButton label={t("incident.close")} question={t("incident.closeConfirm", { title: i.title })} confirmLabel={t("incident.closeYes")}
              onAsk={() => askedVersion.current.set(i.id, i.version)} onConfirm={() => close(i)} disabled={busy} testId={`incident-close-${i.id}`} />
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
