/**
 * "Buat rencana": compute a plan from the current state with the coordinator's donor load cap, review it
 * grouped by incident and skill with each line's reason in words, compare it with the plan before it,
 * and approve a selection (the primary action) or everything; more than CONFIRM_ABOVE requests at once
 * are asked about first.
 */
import { useEffect, useMemo, useState } from "react";
import { PlanApproveResponse, type PlanLineFailure } from "../../../shared/api.js";
import { Plan } from "../../../shared/plan.js";
import type { PlanAssignment } from "../../../shared/planner.js";
import { DEFAULT_DONOR_LOAD_CAP, LOAD_THRESHOLDS } from "../../../shared/rules.js";
import { api } from "../../app/api.js";
import { ErrorBox, liveNames, Pager, useAction, usePage } from "../../app/ui.js";
import { lineFailureMessage } from "../../app/validation.js";
import { useI18n, type I18n } from "../../i18n/index.js";
import type { LiveState } from "../../live/index.js";
import { needIndex, siteTitle, type NeedRef } from "../../model/derive.js";
import { LoadChart } from "./LoadChart.js";
import { useMinute } from "../../model/clock.js";
import { planFigures, type PlanFigures } from "./planCompare.js";
import { explainLine } from "./planWords.js";

/** Sending more requests than this at once asks for a confirmation first. */
export const CONFIRM_ABOVE = 20;
const CAP_KEY = "siaga.donorLoadCap";

/** A plan asked for from elsewhere ("Cari pengganti" plans one need); `n` makes each ask a new one. */
export type PlanRequest = { needIds: string[]; n: number };

function storedCap(): { cap: string; none: boolean } {
  try {
    const v = localStorage.getItem(CAP_KEY);
    if (v === "none") return { cap: String(DEFAULT_DONOR_LOAD_CAP), none: true };
    if (v && Number(v) > 0) return { cap: v, none: false };
  } catch { /* storage may be off */ }
  return { cap: String(DEFAULT_DONOR_LOAD_CAP), none: false };
}

export function PlanPanel({ state, request }: { state: LiveState; request?: PlanRequest | null }) {
  const i18n = useI18n();
  const { t, f } = i18n;
  const [plan, setPlan] = useState<Plan | null>(null);
  const [previous, setPrevious] = useState<Plan | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<PlanApproveResponse | null>(null);
  const [confirming, setConfirming] = useState<{ all: boolean; n: number } | null>(null);
  const [siteFilter, setSiteFilter] = useState("");
  const [skillFilter, setSkillFilter] = useState("");
  const [{ cap, none }, setCapState] = useState(storedCap);
  const making = useAction();
  const approving = useAction();
  const minute = useMinute();
  const needs = needIndex(state.incidents, state.spikes, state.assignments, minute);
  const recentPlans = [...state.plans.values()].sort((a, b) => b.seq - a.seq).slice(0, 5);
  const capValue = Number(cap.replace(",", "."));
  const capValid = none || (Number.isFinite(capValue) && capValue > 0 && capValue <= 100);

  const siteOf = (l: PlanAssignment) => l.explain.siteId;
  const siteName = (siteId: string, needId: string) => {
    const ref = needs.get(needId);
    return ref ? siteTitle(state, ref.siteKind, ref.siteId) : siteId;
  };
  const all = plan?.result.assignments ?? [];
  // Grouped: by site (its title), then skill, then person, so one incident's lines sit together.
  const sorted = useMemo(() => [...all].sort((a, b) =>
    siteName(siteOf(a), a.needId).localeCompare(siteName(siteOf(b), b.needId)) || a.explain.skill.localeCompare(b.explain.skill) || a.staffId.localeCompare(b.staffId),
  // eslint-disable-next-line react-hooks/exhaustive-deps
  ), [plan]);
  const lines = sorted.filter((l) => (!siteFilter || siteOf(l) === siteFilter) && (!skillFilter || l.explain.skill === skillFilter));
  const page = usePage(lines, 50);
  const sites = useMemo(() => {
    const m = new Map<string, { name: string; count: number }>();
    for (const l of sorted) {
      const s = m.get(siteOf(l)) ?? { name: siteName(siteOf(l), l.needId), count: 0 };
      s.count++;
      m.set(siteOf(l), s);
    }
    return [...m.entries()];
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sorted]);
  const skills = [...new Set(sorted.map((l) => l.explain.skill))].sort();

  function setCap(next: { cap: string; none: boolean }) {
    setCapState(next);
    try { localStorage.setItem(CAP_KEY, next.none ? "none" : next.cap); } catch { /* storage may be off */ }
  }

  async function make(needIds?: string[]) {
    if (!capValid) return;
    const body = { donorLoadCap: none ? null : capValue, ...(needIds ? { needIds } : {}) };
    const created = await making.run(async () => Plan.parse(await api<unknown>("POST", "/plans", body)));
    if (created) show(created);
  }

  useEffect(function planRequested() {
    if (request) void make(request.needIds);
    // once per request
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request?.n]);

  async function open(id: string) {
    const loaded = await making.run(async () => Plan.parse(await api<unknown>("GET", `/plans/${encodeURIComponent(id)}`)));
    if (loaded) show(loaded);
  }

  function show(p: Plan) {
    setPrevious(plan);
    setPlan(p);
    setSelected(new Set());
    setResult(null);
    setConfirming(null);
    setSiteFilter("");
    setSkillFilter("");
    page.setPage(0);
  }

  function ask(all: boolean) {
    if (!plan) return;
    const n = all ? plan.result.assignments.length : selected.size;
    if (n > CONFIRM_ABOVE) setConfirming({ all, n });
    else void approve(all);
  }

  async function approve(everything: boolean) {
    if (!plan) return;
    setConfirming(null);
    const body = everything ? {} : { staffIds: [...selected] };
    const res = await approving.run(async () =>
      PlanApproveResponse.parse(await api<unknown>("POST", `/plans/${encodeURIComponent(plan.id)}/approve`, body)));
    if (res) {
      setResult(res);
      setSelected(new Set());
    }
  }

  const toggle = (ids: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids) if (on) next.add(id); else next.delete(id);
      return next;
    });
  const shownIds = lines.map((l) => l.staffId);
  const allShown = shownIds.length > 0 && shownIds.every((id) => selected.has(id));
  // plan.seq is the state the plan was computed from; the plan's own plan.created event comes after it
  // and is no change to warn about.
  const staleBy = plan ? Math.max(0, state.seq - plan.seq - 1) : 0;
  const figures = plan ? planFigures(plan.result) : null;
  const unitName = (id: string) => state.units.get(id)?.name ?? id;

  return (
    <section aria-labelledby="plan-title" data-testid="plan-panel">
      <div className="section-head">
        <h2 id="plan-title">{t("plan.title")}</h2>
        <button type="button" className="primary" onClick={() => make()} disabled={making.busy || !capValid} data-testid="plan-create">
          {making.busy ? t("plan.computing") : t("plan.create")}
        </button>
      </div>
      <p className="muted small">{t("plan.hint")}</p>
      <div className="cap-row" data-testid="plan-cap">
        <label>
          {t("plan.cap")}{" "}
          <input type="number" min={0.1} max={100} step={0.1} inputMode="decimal" value={cap} disabled={none}
            onChange={(e) => setCap({ cap: e.target.value, none })} aria-invalid={!capValid} data-testid="plan-cap-input" />
        </label>
        <label className="check">
          <input type="checkbox" checked={none} onChange={(e) => setCap({ cap, none: e.target.checked })} data-testid="plan-cap-none" />
          {t("plan.capNone")}
        </label>
        <span className="muted small">{t("plan.capHint")}</span>
        {!capValid && <div className="field-error" role="alert">{t("plan.capInvalid")}</div>}
      </div>
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
      {plan && figures && (
        <>
          <div className="plan-summary" data-testid="plan-summary">
            <Metric label={t("plan.lines")} value={f.number(figures.lines)} testId="plan-lines" />
            <Metric label={t("plan.coverage")} value={f.percent(figures.coverage)} />
            <Metric label={t("plan.unfilled")} value={f.number(figures.unfilled)} />
            <Metric label={t("plan.maxLoad")} value={`${f.number(figures.maxLoadBefore, 2)} → ${f.number(figures.maxLoadAfter, 2)}`} />
          </div>
          <p className="muted small">
            {t("plan.meta", { time: f.dateTime(plan.createdAt), by: plan.createdBy, ms: f.number(plan.result.stats.solveMs, 0) })}
            {" · "}{figures.cap === null ? t("plan.capWasNone") : t("plan.capWas", { cap: f.number(figures.cap, 2) })}
            {staleBy > 0 && <> · <span className="warn-text">{t("plan.stale", { n: staleBy })}</span></>}
          </p>
          {(figures.raisesMax || figures.pushedOver.length > 0) && (
            <div className="plan-warning" role="alert" data-testid="plan-load-warning">
              {figures.raisesMax && <div>{t("plan.warnRaisesMax", { before: f.number(figures.maxLoadBefore, 2), after: f.number(figures.maxLoadAfter, 2) })}</div>}
              {figures.pushedOver.length > 0 && (
                <div>{t("plan.warnPushedOver", { n: figures.pushedOver.length, limit: f.number(LOAD_THRESHOLDS.over, 1), units: figures.pushedOver.map(unitName).join(", ") })}</div>
              )}
            </div>
          )}
          {figures.unfilledByCap > 0 && (
            <p className="warn-text small" data-testid="plan-cap-cost">{t("plan.capCost", { n: f.number(figures.unfilledByCap) })}</p>
          )}
          {previous && <Compare before={planFigures(previous.result)} after={figures} i18n={i18n} />}
          {plan.result.unfilled.length > 0 && (
            <details className="unfilled" open={plan.result.unfilled.some((u) => u.reason === "donor_cap")}>
              <summary>{t("plan.unfilledList", { n: plan.result.unfilled.length })}</summary>
              <ul className="plain">
                {plan.result.unfilled.map((u) => {
                  const ref = needs.get(u.needId);
                  return (
                    <li key={u.needId} data-testid={`plan-unfilled-${u.needId}`} data-reason={u.reason ?? ""}>
                      {ref ? `${siteTitle(state, ref.siteKind, ref.siteId)} · ${t(`skill.${ref.need.skill}`)}` : u.needId}: {t("plan.missing", { n: u.count })}
                      {u.reason === "donor_cap" && <span className="warn-text"> · {t("plan.missingByCap", { n: u.byCap ?? u.count })}</span>}
                    </li>
                  );
                })}
              </ul>
            </details>
          )}
          <LoadChart loadByUnit={plan.result.metrics.loadByUnit} units={state.units} />

          <div className="filters plan-filters">
            <label>
              {t("plan.filterSite")}{" "}
              <select value={siteFilter} onChange={(e) => { setSiteFilter(e.target.value); page.setPage(0); }} data-testid="plan-filter-site">
                <option value="">{t("plan.filterAll")}</option>
                {sites.map(([id, s]) => <option key={id} value={id}>{s.name} ({s.count})</option>)}
              </select>
            </label>
            <label>
              {t("plan.filterSkill")}{" "}
              <select value={skillFilter} onChange={(e) => { setSkillFilter(e.target.value); page.setPage(0); }} data-testid="plan-filter-skill">
                <option value="">{t("plan.filterAll")}</option>
                {skills.map((s) => <option key={s} value={s}>{t(`skill.${s}`)}</option>)}
              </select>
            </label>
          </div>
          <div className="approve-bar">
            <label className="check">
              <input type="checkbox" checked={allShown} onChange={() => toggle(shownIds, !allShown)} data-testid="plan-select-all" />
              {siteFilter || skillFilter ? t("plan.selectShown", { n: f.number(shownIds.length) }) : t("plan.selectAll")}
            </label>
            <span className="muted">{t("plan.selected", { n: f.number(selected.size), total: f.number(all.length) })}</span>
            <button type="button" className="primary" disabled={approving.busy || selected.size === 0} onClick={() => ask(false)}
              data-testid="plan-approve-selected">
              {t("plan.approveSelected", { n: f.number(selected.size) })}
            </button>
            <button type="button" className="secondary" disabled={approving.busy || all.length === 0} onClick={() => ask(true)} data-testid="plan-approve-all">
              {t("plan.approveAll")}
            </button>
          </div>
          {confirming && (
            <div className="confirm-box" role="alertdialog" aria-labelledby="plan-confirm-q" data-testid="plan-confirm">
              <p id="plan-confirm-q"><strong>{t("plan.confirmMany", { n: f.number(confirming.n) })}</strong></p>
              {(figures.raisesMax || figures.pushedOver.length > 0) && <p className="warn-text small">{t("plan.confirmLoad")}</p>}
              <button type="button" className="primary" onClick={() => approve(confirming.all)} data-testid="plan-confirm-yes" autoFocus>
                {t("plan.confirmYes", { n: f.number(confirming.n) })}
              </button>{" "}
              <button type="button" className="secondary" onClick={() => setConfirming(null)} data-testid="plan-confirm-back">{t("form.back")}</button>
            </div>
          )}
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
          {all.length === 0 ? <p className="empty">{t("plan.noLines")}</p> : (
            <div className="table-wrap">
              <table className="plan-table" data-testid="plan-table">
                <thead>
                  <tr>
                    <th scope="col"><span className="sr-only">{t("plan.select")}</span></th>
                    <th scope="col">{t("plan.col.person")}</th>
                    <th scope="col">{t("plan.col.to")}</th>
                    <th scope="col" className="num">{t("plan.col.km")}</th>
                    <th scope="col">{t("plan.col.load")}</th>
                    <th scope="col">{t("plan.col.why")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.rows.map((line, i) => {
                    const prev = page.rows[i - 1];
                    const site = siteOf(line);
                    const group = !prev || siteOf(prev) !== site;
                    const ids = sorted.filter((l) => siteOf(l) === site).map((l) => l.staffId);
                    const allOfSite = ids.every((id) => selected.has(id));
                    return (
                      <PlanGroupRows key={line.staffId} group={group ? { name: siteName(site, line.needId), n: ids.length, all: allOfSite, onToggle: () => toggle(ids, !allOfSite), site } : null}
                        line={line} state={state} needRef={needs.get(line.needId)} i18n={i18n} checked={selected.has(line.staffId)}
                        onToggle={() => toggle([line.staffId], !selected.has(line.staffId))} />
                    );
                  })}
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

/** The plan before and this one side by side: what relaxing (or tightening) the cap bought and cost. */
function Compare({ before, after, i18n: { t, f } }: { before: PlanFigures; after: PlanFigures; i18n: I18n }) {
  const cap = (x: PlanFigures) => (x.cap === null ? t("plan.capNoneShort") : f.number(x.cap, 2));
  const rows: [string, string, string][] = [
    [t("plan.cap"), cap(before), cap(after)],
    [t("plan.lines"), f.number(before.lines), f.number(after.lines)],
    [t("plan.coverage"), f.percent(before.coverage), f.percent(after.coverage)],
    [t("plan.maxLoadAfter"), f.number(before.maxLoadAfter, 2), f.number(after.maxLoadAfter, 2)],
    [t("plan.unitsOver", { limit: f.number(LOAD_THRESHOLDS.over, 1) }), f.number(before.over), f.number(after.over)],
  ];
  return (
    <div className="table-wrap">
      <table className="plan-compare" data-testid="plan-compare">
        <caption>{t("plan.compare")}</caption>
        <thead><tr><th scope="col" /><th scope="col">{t("plan.comparePrevious")}</th><th scope="col">{t("plan.compareThis")}</th></tr></thead>
        <tbody>{rows.map(([k, a, b]) => <tr key={k}><th scope="row">{k}</th><td className="num">{a}</td><td className="num">{b}</td></tr>)}</tbody>
      </table>
    </div>
  );
}

/** Why a line could not be approved; a floor conflict names the person's home unit and its floor (live state). */
function failureMessage(failure: PlanLineFailure, state: LiveState, i18n: I18n): string {
  const unit = state.units.get(state.staff.get(failure.staffId)?.homeUnitId ?? "");
  return lineFailureMessage(failure, i18n, unit ? { unitId: unit.id, floor: unit.floor } : undefined, liveNames(state));
}

function PlanGroupRows({ group, line, state, needRef: ref, i18n, checked, onToggle }: {
  group: { name: string; n: number; all: boolean; onToggle: () => void; site: string } | null;
  line: PlanAssignment;
  state: LiveState;
  needRef: NeedRef | undefined;
  i18n: I18n;
  checked: boolean;
  onToggle: () => void;
}) {
  const { t, f } = i18n;
  const e = line.explain;
  const person = state.staff.get(line.staffId);
  return (
    <>
      {group && (
        <tr className="group-row" data-testid={`plan-group-${group.site}`}>
          <td>
            <input type="checkbox" checked={group.all} onChange={group.onToggle} aria-label={t("plan.selectSite", { site: group.name })}
              data-testid={`plan-select-site-${group.site}`} />
          </td>
          <th scope="rowgroup" colSpan={5}>{group.name} <span className="muted">· {t("plan.groupCount", { n: f.number(group.n) })}</span></th>
        </tr>
      )}
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
        <td><span className="load-change">{f.number(e.unitLoadBefore, 2)} → {f.number(e.unitLoadAfter, 2)}</span></td>
        <td className="small plan-why" data-testid={`plan-why-${line.staffId}`}>{explainLine(line, state, i18n)}</td>
      </tr>
    </>
  );
}
