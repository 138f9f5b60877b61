/**
 * The Mutasi area: the cycle's timeline and steps, EJ per unit before and after, the plan with each move's
 * explanation, the fairness report, reviews, the PPK's decision and the SK. Coordinators see it as a tab of
 * their workspace, the PPK as their home page (/mutasi). Live: cycles and plans come from the live store.
 */
import { Fragment, useState } from "react";
import { MUTASI_PHASES, PHASE_STEPS, SETTING_BASIS, withMoves, type MutasiCycle, type MutasiPhase, type MutasiPlanWire } from "../../../shared/mutasi-cycle.js";
import { can } from "../../../shared/policy.js";
import { api } from "../../app/api.js";
import { getSession, useSession } from "../../app/session.js";
import { ErrorBox, Pager, useAction, usePage } from "../../app/ui.js";
import { useI18n } from "../../i18n/index.js";
import type { LiveState } from "../../live/index.js";
import { currentCycle, ejByUnit, latestPlan } from "./derive.js";
import { EjChart } from "./EjChart.js";
import { MoveWhy } from "./MoveWhy.js";
import { Objections } from "./Objections.js";
import { Reviews } from "./Reviews.js";

export function MutasiPanel({ state }: { state: LiveState }) {
  const { t } = useI18n();
  const cycle = currentCycle(state);
  if (!cycle) return <p className="empty" data-testid="mutasi-none">{t("mutasi.noCycle")}</p>;
  const plan = latestPlan(state, cycle.id);
  const unitName = (id: string) => state.units.get(id)?.name ?? id;
  const wishes = [...state.wishes.values()].filter((w) => w.cycleId === cycle.id).length;
  return (
    <div className="mutasi" data-testid="mutasi-panel" data-phase={cycle.phase}>
      <section className="card">
        <h2>{t("mutasi.cycleTitle", { year: cycle.year })}</h2>
        <Timeline phase={cycle.phase} />
        <p className="muted small" data-testid="mutasi-wishes">{t("mutasi.wishesSent", { n: wishes })}</p>
        <Settings cycle={cycle} />
        <CycleActions cycle={cycle} />
      </section>
      <section className="card"><EjChart rows={ejByUnit(state, plan)} unitName={unitName} /></section>
      {withMoves(plan) && <PlanSection state={state} plan={plan} cycle={cycle} unitName={unitName} />}
      {/* Points are contested while wishes are open, before any plan: the objections are the cycle's, not a plan's. */}
      <Objections state={state} cycle={cycle} />
    </div>
  );
}

function Timeline({ phase }: { phase: MutasiPhase }) {
  const { t } = useI18n();
  const at = MUTASI_PHASES.indexOf(phase);
  return (
    <ol className="timeline" data-testid="mutasi-timeline">
      {MUTASI_PHASES.map((p, i) => (
        <li key={p} className={i < at ? "done" : i === at ? "current" : ""} aria-current={i === at ? "step" : undefined}>{t(`mutasi.phase.${p}`)}</li>
      ))}
    </ol>
  );
}

function Settings({ cycle }: { cycle: MutasiCycle }) {
  const { t, f } = useI18n();
  const s = cycle.settings;
  return (
    <details className="small">
      <summary>{t("mutasi.settings")}</summary>
      <dl className="facts">
        <dt>{t("mutasi.setting.months")}</dt><dd>{t("mutasi.setting.monthsValue", { min: s.minMonths, max: s.maxMonths })} <span className="muted">({SETTING_BASIS.minMonths})</span></dd>
        <dt>{t("mutasi.setting.tmt")}</dt><dd>{f.date(s.tmt)}</dd>
        <dt>{t("mutasi.setting.abk")}</dt><dd>{f.number(s.abkMinutes)} <span className="muted">({SETTING_BASIS.abkMinutes})</span></dd>
        {s.blackouts.map((b, i) => (<Fragment key={i}><dt>{t(`mutasi.blackout.${b.kind}`)}</dt><dd>{f.date(b.from)} – {f.date(b.until)} <span className="muted">({b.basis})</span></dd></Fragment>))}
      </dl>
    </details>
  );
}

function CycleActions({ cycle }: { cycle: MutasiCycle }) {
  const { t } = useI18n();
  const session = useSession();
  const { busy, error, run } = useAction();
  if (!session || !can(session.user, "mutasi.cycle.phase")) return null;
  const steps = Object.entries(PHASE_STEPS[cycle.phase]) as [MutasiPhase, string][];
  return (
    <div className="actions">
      {steps.filter(([, by]) => by === "phase").map(([to]) => (
        <button key={to} type="button" className="primary" disabled={busy} data-testid={`phase-${to}`}
          onClick={() => run(() => api("POST", `/mutasi/cycles/${cycle.id}/phase`, { to, version: cycle.version }))}>
          {t(`mutasi.to.${to}`)}
        </button>
      ))}
      {steps.some(([, by]) => by === "plan") && (
        <button type="button" disabled={busy} data-testid="mutasi-plan" onClick={() => run(() => api("POST", `/mutasi/cycles/${cycle.id}/plans`, {}))}>{t("mutasi.makePlan")}</button>
      )}
      <ErrorBox message={error} />
    </div>
  );
}

function PlanSection({ state, plan, cycle, unitName }: { state: LiveState; plan: MutasiPlanWire; cycle: MutasiCycle; unitName: (id: string) => string }) {
  const { t, f } = useI18n();
  const m = plan.result.metrics;
  const moves = usePage(plan.result.moves, 25);
  const position = (id: string) => {
    const p = state.positions.get(id);
    return p ? `${p.jabatan} · ${unitName(p.unitId)}` : id;
  };
  const person = (id: string) => state.staff.get(id)?.name ?? id;
  return (
    <>
      <section className="card" data-testid="mutasi-fairness">
        <h2>{t("mutasi.fairness")}</h2>
        <dl className="facts">
          <dt>{t("mutasi.moved")}</dt><dd data-testid="mutasi-moved">{m.moved}</dd>
          <dt>{t("mutasi.forced")}</dt><dd>{m.forced}</dd>
          <dt>{t("mutasi.wishesMet")}</dt><dd>{t("mutasi.wishesMetValue", { first: m.wishesMet[0], second: m.wishesMet[1], third: m.wishesMet[2] })}</dd>
          <dt>{t("mutasi.envy")}</dt><dd>{m.envy.length}</dd>
          <dt>{t("mutasi.objective")}</dt><dd>{f.number(plan.result.objective, 2)}</dd>
        </dl>
        {m.envy.length > 0 && (
          <ul className="small">{m.envy.slice(0, 20).map((e) => <li key={`${e.staffId}:${e.positionId}`}>{t("mutasi.envyLine", { name: person(e.staffId), position: position(e.positionId), by: person(e.byStaffId) })}</li>)}</ul>
        )}
      </section>
      <section className="card">
        <h2>{t("mutasi.moves")}</h2>
        {plan.result.moves.length === 0 ? <p className="empty">{t("mutasi.noMoves")}</p> : (
          <table className="table mutasi-moves" data-testid="mutasi-moves">
            <thead><tr><th>{t("mutasi.person")}</th><th>{t("mutasi.from")}</th><th>{t("mutasi.to")}</th><th>{t("mutasi.why")}</th></tr></thead>
            <tbody>
              {moves.rows.map((mv) => (
                <tr key={mv.staffId} data-staff={mv.staffId}>
                  <td>{person(mv.staffId)}</td>
                  <td>{position(mv.from)}</td>
                  <td>{position(mv.to)}</td>
                  <td className="small"><MoveWhy move={mv} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager page={moves.page} pages={moves.pages} setPage={moves.setPage} />
      </section>
      <Reviews state={state} plan={plan} cycle={cycle} />
      <Decision plan={plan} cycle={cycle} />
    </>
  );
}

/** Opens the SK PDF: fetched with the token (an <a href> would carry none), shown from a blob URL. */
async function openSk(planId: string) {
  const res = await fetch(`/api/mutasi/plans/${encodeURIComponent(planId)}/sk.pdf`, { headers: { Authorization: `Bearer ${getSession()?.token ?? ""}` } });
  if (!res.ok) throw new Error(`SK ${res.status}`);
  window.open(URL.createObjectURL(await res.blob()), "_blank");
}

function Decision({ plan, cycle }: { plan: MutasiPlanWire; cycle: MutasiCycle }) {
  const { t, f } = useI18n();
  const session = useSession();
  const { busy, error, run } = useAction();
  const [reason, setReason] = useState("");
  const user = session?.user;
  const mayDecide = user && can(user, "mutasi.plan.decide", {}) && cycle.phase === "in_review" && !plan.decision;
  return (
    <section className="card" data-testid="mutasi-decision">
      <h2>{t("mutasi.decision")}</h2>
      <p className="muted small">{SETTING_BASIS.decision}</p>
      {plan.decision ? (
        <p data-testid="mutasi-decided" data-approve={String(plan.decision.approve)}>
          {t(plan.decision.approve ? "mutasi.approved" : "mutasi.refused", { by: plan.decision.by, n: plan.decision.staffIds.length })} · {f.dateTime(plan.decision.at)}
          {plan.decision.reason && <span> · {plan.decision.reason}</span>}
        </p>
      ) : <p className="empty">{t("mutasi.undecided")}</p>}
      {user?.role === "ppk" && user.acting && <p className="notice" data-testid="mutasi-acting">{t("mutasi.actingNotice", { acting: user.acting.toUpperCase() })}</p>}
      {mayDecide && (
        <div className="actions">
          <label className="grow">{t("mutasi.reason")}<input value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} /></label>
          <button type="button" className="primary" disabled={busy} data-testid="decide-approve" onClick={() => run(() => api("POST", `/mutasi/plans/${plan.id}/decide`, { approve: true, ...(reason ? { reason } : {}) }))}>{t("mutasi.approve")}</button>
          <button type="button" disabled={busy} data-testid="decide-refuse" onClick={() => run(() => api("POST", `/mutasi/plans/${plan.id}/decide`, { approve: false, ...(reason ? { reason } : {}) }))}>{t("mutasi.refuse")}</button>
        </div>
      )}
      {plan.sk && user && can(user, "mutasi.sk.read") && (
        <p><button type="button" disabled={busy} data-testid="sk-download" onClick={() => run(() => openSk(plan.id))}>{t("mutasi.sk", { number: plan.sk.number })}</button></p>
      )}
      <ErrorBox message={error} />
    </section>
  );
}
