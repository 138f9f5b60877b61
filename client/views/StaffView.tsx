/** A staff member's own assignment: where, what for, the post on the map; check in and finish. */
import type { Assignment } from "../../shared/domain.js";
import { assignmentActionsFor } from "../../shared/policy.js";
import { SYSTEM_ACTOR, SYSTEM_REASONS, type SystemReason } from "../../shared/rules.js";
import { assignmentStep } from "../app/api.js";
import { useLive } from "../app/live.js";
import { useSession } from "../app/session.js";
import { ErrorBox, StateBadge, useAction } from "../app/ui.js";
import { useI18n, type MessageKey } from "../i18n/index.js";
import SiagaMap from "../map/SiagaMap.js";
import { isOpen, needIndex, siteLocation, siteTitle } from "../model/derive.js";
import { useMinute } from "../model/clock.js";

/** The reasons the server writes on its own, in the user's language; a person's words stay as written. */
const SYSTEM_REASON_KEYS: Record<SystemReason, MessageKey> = {
  [SYSTEM_REASONS.released]: "history.released",
  [SYSTEM_REASONS.incidentClosed]: "history.incidentClosed",
  [SYSTEM_REASONS.spikeEnded]: "history.spikeEnded",
  [SYSTEM_REASONS.demobilised]: "history.demobilised",
  [SYSTEM_REASONS.relieved]: "history.relieved",
};
function historyReason(reason: string, t: (key: MessageKey) => string): string {
  return Object.hasOwn(SYSTEM_REASON_KEYS, reason) ? t(SYSTEM_REASON_KEYS[reason as SystemReason]) : reason;
}

export default function StaffView() {
  const { t, f } = useI18n();
  const session = useSession();
  const { state } = useLive();
  const { busy, error, run } = useAction();
  const minute = useMinute();
  const staffId = session?.user.staffId;
  if (!state) return <main className="page"><p className="loading" role="status">{t("state.loading")}</p></main>;
  const me = staffId ? state.staff.get(staffId) : undefined;
  const mine = [...state.assignments.values()].filter((a) => a.staffId === staffId).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  // The open one (at most one, invariant 1), else the latest, so a finished task still shows as done.
  const current = mine.find(isOpen) ?? mine[0];
  const ref = current ? needIndex(state.incidents, state.spikes, state.assignments, minute).get(current.needId) : undefined;
  const post = current ? siteLocation(state, current.siteKind, current.siteId) : null;
  const site = current ? siteTitle(state, current.siteKind, current.siteId) : "";
  const incident = current?.siteKind === "incident" ? state.incidents.get(current.siteId) : undefined;
  const actions = current && session ? assignmentActionsFor(session.user, current) : [];

  async function act(a: Assignment, action: "checkin" | "complete") {
    await run(() => assignmentStep(a, action));
  }

  return (
    <main className="page staff-view" data-testid="staff-view">
      <header className="page-head">
        <h1>{me?.name ?? session?.user.username}</h1>
        {me && <p className="muted">{me.jabatan} · {state.units.get(me.homeUnitId)?.name ?? me.homeUnitId}</p>}
      </header>
      <div className="staff-grid">
        <section className="card assignment-card" aria-labelledby="my-assignment" data-testid="my-assignment">
          <h2 id="my-assignment">{t("staffView.assignment")}</h2>
          {!current ? <p className="empty">{t("staffView.none")}</p> : (
            <>
              <div className="assignment-state" data-testid="my-assignment-state" data-state={current.state}>
                <StateBadge state={current.state} />
              </div>
              <dl className="facts">
                <dt>{t("staffView.site")}</dt>
                <dd data-testid="my-assignment-site">{site}</dd>
                {incident && (<><dt>{t("staffView.incident")}</dt><dd>{t(`incidentType.${incident.type}`)} · {t("incident.severityN", { n: incident.severity })}</dd></>)}
                {ref && (<><dt>{t("staffView.need")}</dt><dd>{t(`skill.${ref.need.skill}`)} · {t(`priority.${ref.need.priority as 1 | 2 | 3 | 4 | 5}`)}</dd></>)}
                {post && (<><dt>{t("staffView.post")}</dt><dd>{f.number(post.lat, 5)}, {f.number(post.lng, 5)}</dd></>)}
                {current.until && (<><dt>{t("staffView.until")}</dt><dd data-testid="my-assignment-until">{f.dateTime(current.until)}</dd></>)}
                {current.restAt && isOpen(current) && (<><dt>{t("staffView.restAt")}</dt><dd data-testid="my-rest-at"><strong>{f.dateTime(current.restAt)}</strong></dd></>)}
                <dt>{t("staffView.updated")}</dt>
                <dd>{f.dateTime(current.updatedAt)}</dd>
              </dl>
              <p className="next-step">{t(`staffView.next.${current.state}`)}</p>
              <ErrorBox message={error} />
              <div className="actions big-actions">
                {actions.includes("checkin") && (
                  <button type="button" className="primary big" disabled={busy} onClick={() => act(current, "checkin")} data-testid="checkin">
                    {t("staffView.checkin")}
                  </button>
                )}
                {actions.includes("complete") && (
                  <button type="button" className="primary big" disabled={busy} onClick={() => act(current, "complete")} data-testid="complete">
                    {t("staffView.complete")}
                  </button>
                )}
              </div>
              {current.history.length > 0 && (
                <details>
                  <summary>{t("staffView.history")}</summary>
                  <ol className="history">
                    {current.history.map((h, i) => (
                      <li key={i}>
                        <StateBadge state={h.state} />{" "}
                        <span className="muted small">{f.dateTime(h.at)} · {h.by === SYSTEM_ACTOR ? t("history.bySystem") : h.by}</span>
                        {h.reason && <div className="small">{historyReason(h.reason, t)}</div>}
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </>
          )}
        </section>
        <section className="staff-map" aria-label={t("staffView.mapLabel")}>
          <SiagaMap state={state} minimal legend={false} focus={post ? { point: post, label: t("staffView.postLabel") } : null} />
        </section>
      </div>
    </main>
  );
}
