/**
 * "Buat rencana": compute a plan from the current state, review it line by line with the planner's
 * explanation and the per-unit load before/after, then approve all lines or a selection.
 */
import { useState } from "react";
import { PlanApproveResponse, type PlanLineFailure } from "../../../shared/api.js";
import { Plan } from "../../../shared/plan.js";
import type { PlanAssignment } from "../../../shared/planner.js";
import { api } from "../../app/api.js";
import { ErrorBox, liveNames, Pager, useAction, usePage } from "../../app/ui.js";
import { lineFailureMessage } from "../../app/validation.js";
import { useI18n, type I18n } from "../../i18n/index.js";
import type { LiveState } from "../../live/index.js";
import { needIndex, siteTitle, type NeedRef } from "../../model/derive.js";
import { LoadChart } from "./LoadChart.js";
import { useMinute } from "../../model/clock.js";

export function PlanPanel({ state }: { state: LiveState }) {
  const i18n = useI18n();
  const { t, f } = i18n;
  const [plan, setPlan] = useState<Plan | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<PlanApproveResponse | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  const making = useAction();
  const approving = useAction();
  const lines = plan?.result.assignments ?? [];
  const page = usePage(lines, 50);
  const minute = useMinute();
  const needs = needIndex(state.incidents, state.spikes, state.assignments, minute);
  const recentPlans = [...state.plans.values()].sort((a, b) => b.seq - a.seq).slice(0, 5);

  async function make() {
    const created = await making.run(async () => Plan.parse(await api<unknown>("POST", "/plans", {})));
    if (created) show(created);
  }

  async function open(id: string) {
    const loaded = await making.run(async () => Plan.parse(await api<unknown>("GET", `/plans/${encodeURIComponent(id)}`)));
    if (loaded) show(loaded);
  }

  function show(p: Plan) {
    setPlan(p);
    setSelected(new Set(p.result.assignments.map((a) => a.staffId)));
    setResult(null);
    page.setPage(0);
  }

  async function approve(all: boolean) {
    if (!plan) return;
    const body = all ? {} : { staffIds: [...selected] };
    const res = await approving.run(async () =>
      PlanApproveResponse.parse(await api<unknown>("POST", `/plans/${encodeURIComponent(plan.id)}/approve`, body)));
    if (res) setResult(res);
  }

  const toggle = (staffId: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(staffId)) next.delete(staffId);
      else next.add(staffId);
      return next;
    });
  const allSelected = lines.length > 0 && selected.size === lines.length;
  // plan.seq is the state the plan was computed from; the plan's own plan.created event comes after it
  // and is no change to warn about.
  const staleBy = plan ? Math.max(0, state.seq - plan.seq - 1) : 0;

  return (
    <section aria-labelledby="plan-title" data-testid="plan-panel">
      <div className="section-head">
        <h2 id="plan-title">{t("plan.title")}</h2>
        <button type="button" className="primary" onClick={make} disabled={making.busy} data-testid="plan-create">
          {making.busy ? t("plan.computing") : t("plan.create")}
        </button>
      </div>
      <p className="muted small">{t("plan.hint")}</p>
      <ErrorBox message={making.error} />
      {!plan && recentPlans.length > 0 && (
        <div className="recent-plans">
          <h3>{t("plan.recent")}</h3>
          <ul className="plain">
            {recentPlans.map((p) => (
              <li key={p.id}>
                <button type="button" className="link" onClick={() => open(p.id)}>
                  {t("plan.recentItem", { lines: f.number(p.lines), unfilled: f.number(p.unfilled), seq: p.seq })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {plan && (
        <>
          <div className="plan-summary" data-testid="plan-summary">
            <Metric label={t("plan.lines")} value={f.number(lines.length)} testId="plan-lines" />
            <Metric label={t("plan.coverage")} value={f.percent(plan.result.metrics.coverage)} />
            <Metric label={t("plan.unfilled")} value={f.number(plan.result.unfilled.reduce((s, u) => s + u.count, 0))} />
            <Metric label={t("plan.maxLoad")}
              value={`${f.number(plan.result.metrics.maxLoadBefore, 2)} → ${f.number(plan.result.metrics.maxLoadAfter, 2)}`} />
          </div>
          <p className="muted small">
            {t("plan.meta", { time: f.dateTime(plan.createdAt), by: plan.createdBy, ms: f.number(plan.result.stats.solveMs, 0) })}
            {staleBy > 0 && <> · <span className="warn-text">{t("plan.stale", { n: staleBy })}</span></>}
          </p>
          {plan.result.unfilled.length > 0 && (
            <details className="unfilled">
              <summary>{t("plan.unfilledList", { n: plan.result.unfilled.length })}</summary>
              <ul className="plain">
                {plan.result.unfilled.map((u) => {
                  const ref = needs.get(u.needId);
                  return (
                    <li key={u.needId}>
                      {ref ? `${siteTitle(state, ref.siteKind, ref.siteId)} · ${t(`skill.${ref.need.skill}`)}` : u.needId}: {t("plan.missing", { n: u.count })}
                    </li>
                  );
                })}
              </ul>
            </details>
          )}
          <LoadChart loadByUnit={plan.result.metrics.loadByUnit} units={state.units} />

          <div className="approve-bar">
            <label className="check">
              <input type="checkbox" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(lines.map((l) => l.staffId)))}
                data-testid="plan-select-all" />
              {t("plan.selectAll")}
            </label>
            <span className="muted">{t("plan.selected", { n: f.number(selected.size), total: f.number(lines.length) })}</span>
            <button type="button" className="primary" disabled={approving.busy || lines.length === 0} onClick={() => approve(true)} data-testid="plan-approve-all">
              {t("plan.approveAll")}
            </button>
            <button type="button" className="secondary" disabled={approving.busy || selected.size === 0 || allSelected} onClick={() => approve(false)}
              data-testid="plan-approve-selected">
              {t("plan.approveSelected", { n: f.number(selected.size) })}
            </button>
          </div>
          <ErrorBox message={approving.error} />
          {result && (
            <div className="approve-result" role="status" data-testid="plan-approve-result">
              <strong>{t("plan.approved", { n: f.number(result.approved.length) })}</strong>
              {result.failed.length > 0 && (
                <>
                  <span className="warn-text"> · {t("plan.failed", { n: f.number(result.failed.length) })}</span>
                  <ul className="plain small">
                    {result.failed.map((x) => (
                      <li key={x.staffId} data-testid={`plan-failed-${x.staffId}`}>
                        {state.staff.get(x.staffId)?.name ?? x.staffId}: {failureMessage(x, state, i18n)}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
          {lines.length === 0 ? <p className="empty">{t("plan.noLines")}</p> : (
            <div className="table-wrap">
              <table className="plan-table" data-testid="plan-table">
                <thead>
                  <tr>
                    <th scope="col"><span className="sr-only">{t("plan.select")}</span></th>
                    <th scope="col">{t("plan.col.person")}</th>
                    <th scope="col">{t("plan.col.to")}</th>
                    <th scope="col" className="num">{t("plan.col.km")}</th>
                    <th scope="col" className="num">{t("plan.col.fatigue")}</th>
                    <th scope="col">{t("plan.col.load")}</th>
                    <th scope="col" className="num">{t("plan.col.cost")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((line) => (
                    <PlanRow key={line.staffId} line={line} state={state} needRef={needs.get(line.needId)} i18n={i18n} checked={selected.has(line.staffId)}
                      onToggle={() => toggle(line.staffId)} expanded={expanded === line.staffId}
                      onExpand={() => setExpanded(expanded === line.staffId ? null : line.staffId)} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager page={page.page} pages={page.pages} setPage={page.setPage} />
        </>
      )}
    </section>
  );
}

function Metric({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="metric" data-testid={testId}>
      <div className="metric-value">{value}</div>
      <div className="metric-label">{label}</div>
    </div>
  );
}

/** Why a line could not be approved; a floor conflict names the person's home unit and its floor (live state). */
function failureMessage(failure: PlanLineFailure, state: LiveState, i18n: I18n): string {
  const unit = state.units.get(state.staff.get(failure.staffId)?.homeUnitId ?? "");
  return lineFailureMessage(failure, i18n, unit ? { unitId: unit.id, floor: unit.floor } : undefined, liveNames(state));
}

/** One plan line in words: why this person goes there. */
export function explainLine(line: PlanAssignment, state: LiveState, { t, f }: I18n): string {
  const e = line.explain;
  const flags = [e.volunteer ? t("plan.flag.volunteer") : null, e.released ? t("plan.flag.released") : null].filter(Boolean);
  return t("plan.explain", {
    skill: t(`skill.${e.skill}`),
    km: f.number(line.km, 1),
    fatigue: f.number(e.fatigueHours, 0),
    flags: flags.length ? ` · ${flags.join(", ")}` : "",
    unit: state.units.get(e.unitId)?.name ?? e.unitId,
    before: f.number(e.unitLoadBefore, 2),
    after: f.number(e.unitLoadAfter, 2),
  });
}

function PlanRow({ line, state, needRef: ref, i18n, checked, onToggle, expanded, onExpand }: {
  line: PlanAssignment;
  state: LiveState;
  needRef: NeedRef | undefined;
  i18n: I18n;
  checked: boolean;
  onToggle: () => void;
  expanded: boolean;
  onExpand: () => void;
}) {
  const { t, f } = i18n;
  const e = line.explain;
  const person = state.staff.get(line.staffId);
  const c = e.costTerms;
  return (
    <>
      <tr className={checked ? "row-selected" : ""} data-testid={`plan-line-${line.staffId}`}>
        <td>
          <input type="checkbox" checked={checked} onChange={onToggle}
            aria-label={t("plan.selectLine", { name: person?.name ?? line.staffId })} data-testid={`plan-check-${line.staffId}`} />
        </td>
        <td>
          <div>{person?.name ?? line.staffId}</div>
          <div className="muted small">{state.units.get(e.unitId)?.name ?? e.unitId}</div>
          {e.volunteer && <span className="badge flag">{t("plan.flag.volunteer")}</span>}
          {e.released && <span className="badge flag">{t("plan.flag.released")}</span>}
        </td>
        <td>
          <div>{ref ? siteTitle(state, ref.siteKind, ref.siteId) : e.siteId}</div>
          <div className="muted small">{t(`skill.${e.skill}`)}</div>
        </td>
        <td className="num">{f.number(line.km, 1)}</td>
        <td className="num">{f.number(e.fatigueHours, 0)}</td>
        <td><span className="load-change">{f.number(e.unitLoadBefore, 2)} → {f.number(e.unitLoadAfter, 2)}</span></td>
        <td className="num">
          <button type="button" className="link" onClick={onExpand} aria-expanded={expanded}>{f.number(line.cost, 1)}</button>
        </td>
      </tr>
      {expanded && (
        <tr className="explain-row">
          <td />
          <td colSpan={6}>
            <div>{explainLine(line, state, i18n)}</div>
            <div className="muted">
              {t("plan.costTerms", {
                distance: f.number(c.distance, 2), fatigue: f.number(c.fatigue, 2), volunteer: f.number(c.volunteer, 2),
                released: f.number(c.released, 2), balance: f.number(c.balance, 2), total: f.number(line.cost, 2),
              })}
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
