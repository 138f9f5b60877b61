/**
 * Every assignment with its live state and the steps the coordinator may take on it now
 * (assignmentActionsFor): cancel a request, record a check-in or a finish, agree to a recall.
 */
import { useMemo, useState } from "react";
import { ASSIGNMENT_STATES, type Assignment, type AssignmentState } from "../../../shared/domain.js";
import { assignmentActionsFor } from "../../../shared/policy.js";
import { escalationStageOf, type AssignmentAction } from "../../../shared/rules.js";
import { assignmentStep } from "../../app/api.js";
import { useSession } from "../../app/session.js";
import { ErrorBox, Pager, ReasonForm, StateBadge, useAction, usePage } from "../../app/ui.js";
import { useI18n } from "../../i18n/index.js";
import { PushToggle } from "../../pwa/PushToggle.js";
import type { LiveState } from "../../live/index.js";
import { attentionItems } from "../../model/attention.js";
import { isOpen, needIndex, siteTitle } from "../../model/derive.js";
import { useMinute } from "../../model/clock.js";

type Filter = "open" | "recall" | "all" | AssignmentState;
/** The steps taken with one click; cancel asks for its (optional) reason first. */
const ONE_CLICK = ["recall-approve", "checkin", "complete"] as const satisfies readonly AssignmentAction[];
const LABEL = { "recall-approve": "assignment.recallApprove", checkin: "assignment.checkin", complete: "assignment.complete" } as const;

/** `readOnly`: a replayed state (the after-action review) offers no steps. */
export function AssignmentsPanel({ state, onReplace, readOnly = false }: { state: LiveState; onReplace?: (needId: string) => void; readOnly?: boolean }) {
  const { t, f } = useI18n();
  const session = useSession()?.user;
  const user = readOnly ? undefined : session;
  const [filter, setFilter] = useState<Filter>("open");
  const [query, setQuery] = useState("");
  const { busy, error, run } = useAction();
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [confirmingFor, setConfirmingFor] = useState<string | null>(null);
  const minute = useMinute();
  const needs = needIndex(state.incidents, state.spikes, state.assignments, minute);
  const attention = attentionItems(state, minute);

  const list = useMemo(() => {
    const q = query.trim().toLowerCase();
    return [...state.assignments.values()]
      .filter((a) => filter === "all" ? true : filter === "open" ? isOpen(a) : filter === "recall" ? Boolean(a.recallRequested) && isOpen(a) : a.state === filter)
      .filter((a) => !q || (state.staff.get(a.staffId)?.name ?? "").toLowerCase().includes(q) || (state.units.get(a.fromUnitId)?.name ?? "").toLowerCase().includes(q))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }, [state.assignments, state.staff, state.units, filter, query]);
  const page = usePage(list, 50);
  const recalls = useMemo(() => [...state.assignments.values()].filter((a) => a.recallRequested && isOpen(a)).length, [state.assignments]);

  async function step(a: Assignment, action: AssignmentAction) {
    await run(() => assignmentStep(a, action));
  }
  /** An escalated request: confirmed for the unit, with the reason the history keeps. */
  async function confirmForUnit(a: Assignment, reason: string) {
    const ok = await run(() => assignmentStep(a, "confirm-for-unit", reason));
    if (ok !== undefined) setConfirmingFor(null);
  }
  async function cancel(a: Assignment, reason: string) {
    const ok = await run(() => assignmentStep(a, "cancel", reason));
    if (ok !== undefined) setCancelling(null);
  }

  return (
    <section aria-labelledby="assignments-title" data-testid="assignments-panel">
      <div className="section-head">
        <h2 id="assignments-title">{t("assignment.list")}</h2>
        <span className="muted">{t("assignment.count", { n: f.number(list.length) })}</span>
      </div>
      {!readOnly && <PushToggle />}
      {attention.length > 0 && (
        <section className="attention" aria-labelledby="attention-title" data-testid="attention-panel">
          <h3 id="attention-title">{t("attention.title", { n: attention.length })}</h3>
          <ul className="plain">
            {attention.map((x) => {
              const a = x.assignment;
              const ref = needs.get(a.needId);
              const who = state.staff.get(a.staffId)?.name ?? a.staffId;
              const unit = state.units.get(a.fromUnitId)?.name ?? a.fromUnitId;
              return (
                <li key={x.key} className="attention-item" data-kind={x.kind} data-testid={`attention-row-${a.id}`}>
                  <div>
                    <strong className="warn-text">{t(x.kind === "declined" ? "attention.declined" : "attention.recall", { name: who, unit, reason: x.reason })}</strong>
                    <div className="muted small">{siteTitle(state, a.siteKind, a.siteId)}{ref ? ` · ${t(`skill.${ref.need.skill}`)}` : ""} · {f.dateTime(x.at)}</div>
                  </div>
                  {x.kind === "declined" ? (onReplace && !readOnly &&
                    <button type="button" className="primary small" onClick={() => onReplace(a.needId)} data-testid={`attention-replace-${a.id}`}>{t("attention.replace")}</button>
                  ) : !readOnly && user && assignmentActionsFor(user, a).includes("recall-approve") && (
                    <button type="button" className="primary small" disabled={busy} onClick={() => step(a, "recall-approve")}
                      data-testid={`attention-recall-approve-${a.id}`}>{t("assignment.recallApprove")}</button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <div className="filters">
        <label>
          <span className="sr-only">{t("assignment.filter")}</span>
          <select value={filter} onChange={(e) => { setFilter(e.target.value as Filter); page.setPage(0); }} data-testid="assignment-filter">
            <option value="open">{t("assignment.filter.open")}</option>
            <option value="recall">{t("assignment.filter.recall", { n: recalls })}</option>
            <option value="all">{t("assignment.filter.all")}</option>
            {ASSIGNMENT_STATES.map((s) => <option key={s} value={s}>{t(`assignmentState.${s}`)}</option>)}
          </select>
        </label>
        <label className="grow">
          <span className="sr-only">{t("assignment.search")}</span>
          <input type="search" placeholder={t("assignment.search")} value={query} onChange={(e) => { setQuery(e.target.value); page.setPage(0); }} />
        </label>
      </div>
      <ErrorBox message={error} />
      {list.length === 0 ? <p className="empty">{t("assignment.none")}</p> : (
        <div className="table-wrap">
          <table data-testid="assignments-table">
            <thead>
              <tr>
                <th scope="col">{t("plan.col.person")}</th>
                <th scope="col">{t("plan.col.to")}</th>
                <th scope="col">{t("assignment.col.state")}</th>
                <th scope="col">{t("assignment.col.updated")}</th>
                <th scope="col"><span className="sr-only">{t("assignment.col.actions")}</span></th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((a) => {
                const ref = needs.get(a.needId);
                const actions = user ? assignmentActionsFor(user, a) : [];
                return (
                  <tr key={a.id} data-testid={`assignment-${a.id}`} data-state={a.state}>
                    <td>
                      <div>{state.staff.get(a.staffId)?.name ?? a.staffId}</div>
                      <div className="muted small">{state.units.get(a.fromUnitId)?.name ?? a.fromUnitId}</div>
                    </td>
                    <td>
                      <div>{siteTitle(state, a.siteKind, a.siteId)}</div>
                      {ref && <div className="muted small">{t(`skill.${ref.need.skill}`)}</div>}
                    </td>
                    <td>
                      <StateBadge state={a.state} />
                      {(a.state === "declined" || a.state === "cancelled" || a.state === "recalled") && a.history.at(-1)?.reason && (
                        <div className="warn-text small" data-testid={`assignment-reason-${a.id}`}>{a.history.at(-1)!.reason}</div>
                      )}
                      {a.escalatedAt && a.state === "requested" && (
                        <div className="warn-text small" data-testid={`escalated-${a.id}`} data-stage={escalationStageOf(a)}>
                          {escalationStageOf(a) === "stand_in" ? t("assignment.escalatedTo", { who: a.escalatedTo ?? "" })
                            : a.escalatedTo ? t("assignment.escalatedPastStandIn", { who: a.escalatedTo }) : t("assignment.escalated")}
                        </div>
                      )}
                      {a.reliefDueAt && isOpen(a) && <div className="warn-text small" data-testid={`relief-${a.id}`}>{t("assignment.reliefDue")}</div>}
                      {a.recallRequested && isOpen(a) && (
                        <div className="warn-text small" title={a.recallRequested.reason}>{t("assignment.recallAsked", { reason: a.recallRequested.reason })}</div>
                      )}
                    </td>
                    <td className="muted small">{f.dateTime(a.updatedAt)}</td>
                    <td className="row-actions">
                      {ONE_CLICK.filter((x) => actions.includes(x)).map((x) => (
                        <button key={x} type="button" className={x === "recall-approve" ? "primary small" : "secondary small"} disabled={busy}
                          onClick={() => step(a, x)} data-testid={`${x}-${a.id}`}>{t(LABEL[x])}</button>
                      ))}
                      {actions.includes("confirm-for-unit") && (confirmingFor === a.id ? (
                        <ReasonForm action="confirm-for-unit" id={a.id} label={t("assignment.confirmForUnitReason")} submitLabel={t("assignment.confirmForUnit")}
                          busy={busy} onSubmit={(reason) => confirmForUnit(a, reason)} onBack={() => setConfirmingFor(null)} />
                      ) : (
                        <button type="button" className="primary small" disabled={busy} onClick={() => setConfirmingFor(a.id)}
                          data-testid={`confirm-for-unit-${a.id}`}>{t("assignment.confirmForUnit")}</button>
                      ))}
                      {actions.includes("cancel") && (cancelling === a.id ? (
                        <ReasonForm action="cancel" id={a.id} label={t("assignment.cancelReason")} submitLabel={t("assignment.cancelSubmit")}
                          busy={busy} onSubmit={(reason) => cancel(a, reason)} onBack={() => setCancelling(null)} />
                      ) : (
                        <button type="button" className="secondary small" disabled={busy} onClick={() => setCancelling(a.id)}
                          data-testid={`cancel-${a.id}`}>{t("assignment.cancel")}</button>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page.page} pages={page.pages} setPage={page.setPage} />
    </section>
  );
}
