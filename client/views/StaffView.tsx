/**
 * A staff member's phone: their assignment, the post with its address, map link and phones, the planned
 * duration; check in, "Saya tidak bisa hadir" with a reason, and "Selesai bertugas" with a confirmation
 * and a moment to undo. Opens without signal from the copy kept on the device (staff/card.ts); steps taken
 * offline wait in the outbox (app/outbox.ts) and go out once, with their Idempotency-Key, when the link returns.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { Assignment } from "../../shared/domain.js";
import { assignmentActionsFor } from "../../shared/policy.js";
import { isOpen, SYSTEM_ACTOR, SYSTEM_REASONS, type AssignmentAction, type SystemReason } from "../../shared/rules.js";
import { mapsLink, telLink, waLink } from "../app/contact.js";
import { useLive } from "../app/live.js";
import { useOnline } from "../app/network.js";
import { flushOutbox, stepOrQueue, useOutbox } from "../app/outbox.js";
import { useSession } from "../app/session.js";
import { ErrorBox, ReasonForm, StateBadge, useAction } from "../app/ui.js";
import { useI18n, type MessageKey } from "../i18n/index.js";
import { currentCycle } from "./mutasi/derive.js";
import { earlyBody, onEarlyBody } from "../app/kept.js";
import { cardFromSnapshot, deriveCard, loadCard, saveCard, type StaffCard } from "./staff/card.js";

// The map is the heaviest part of the page: it loads after the assignment is on screen (issue 14, weak link).
const SiagaMap = lazy(() => import("../map/SiagaMap.js"));
// The letter and the mutasi wish ask the server and load zod's schemas: after the assignment as well.
const LetterCard = lazy(() => import("./LetterCard.js").then((m) => ({ default: m.LetterCard })));
const WishCard = lazy(() => import("./mutasi/WishCard.js").then((m) => ({ default: m.WishCard })));
// The push toggle asks the server and words its errors through the schemas: after the assignment too.
const PushToggle = lazy(() => import("../pwa/PushToggle.js").then((m) => ({ default: m.PushToggle })));

/**
 * The card from the phone's first answer (GET /api/state, asked for by the page's first script), while the
 * live layer and its schemas are still loading: shown as the kept copy is, replaced by the live card as
 * soon as there is one.
 */
function useEarlyCard(token: string | undefined, staffId: string): StaffCard | null {
  const body = useSyncExternalStore(onEarlyBody, () => (token ? earlyBody(token) : undefined));
  return useMemo(() => (body ? cardFromSnapshot(body, staffId) : null), [body, staffId]);
}

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

/** How long "Selesai bertugas" can still be undone before it is sent. */
const UNDO_MS = 5_000;

export default function StaffView() {
  const { t, f } = useI18n();
  const session = useSession();
  const { state } = useLive();
  const online = useOnline();
  const outbox = useOutbox();
  const { busy, error, setError, run } = useAction();
  const [asking, setAsking] = useState<"excuse" | "complete" | null>(null);
  const [undo, setUndo] = useState<{ until: number; timer: ReturnType<typeof setTimeout> } | null>(null);
  const [sentBeforeLive, setSentBeforeLive] = useState<string | null>(null);
  const staffId = session?.user.staffId ?? "";
  const live = state ? deriveCard(state, staffId) : null;
  const early = useEarlyCard(session?.token, staffId);
  const card: StaffCard | null = live ?? early ?? loadCard(staffId);

  useEffect(function keepCardForOffline() {
    if (live) saveCard(live);
  });
  // For bench:client's weak-link case: the first frame with the assignment on screen (live or kept).
  const shown = Boolean(card?.assignment);
  // The map (its chunk is the page's heaviest) is asked for only once the assignment has been painted.
  const [mapWanted, setMapWanted] = useState(false);
  useEffect(function markAssignmentReady() {
    if (!shown) return;
    if (performance.getEntriesByName("siaga:assignment-ready").length === 0) performance.mark("siaga:assignment-ready");
    const frame = requestAnimationFrame(() => setMapWanted(true));
    return () => cancelAnimationFrame(frame);
  }, [shown]);
  // Back online: what waited is sent, and an error from the dead link no longer stands.
  useEffect(function whenLinkReturns() {
    if (!online) return;
    setError(null);
    void flushOutbox();
  }, [online, setError]);

  if (!card) return <main className="page"><p className="loading" role="status">{t("state.loading")}</p></main>;
  const current = card.assignment;
  const queued = current ? outbox.filter((s) => s.assignmentId === current.id) : [];
  // A step sent from the first answer's card waits for the live state to show its result (not a second tap).
  const sentEarly = !live && current !== null && sentBeforeLive === current.id;
  const actions = current && session && queued.length === 0 && !sentEarly ? assignmentActionsFor(session.user, current) : [];
  const post = card.incident?.post;

  async function step(a: Assignment, action: AssignmentAction, reason?: string) {
    setAsking(null);
    if ((await run(() => stepOrQueue(a, action, reason))) === "sent" && !live) setSentBeforeLive(a.id);
  }
  function finishWithUndo(a: Assignment) {
    setAsking(null);
    const timer = setTimeout(() => { setUndo(null); void step(a, "complete"); }, UNDO_MS);
    setUndo({ until: Date.now() + UNDO_MS, timer });
  }

  const message = t("staffView.waText", { name: card.name ?? session?.user.username ?? "", site: card.site });
  return (
    <main className="page staff-view" data-testid="staff-view">
      <header className="page-head">
        <h1 data-testid="staff-name">{card.name ?? session?.user.username}</h1>
        {card.jabatan && <p className="muted">{card.jabatan} · {card.unitName}</p>}
        {!live && !online && <p className="offline-note" role="status" data-testid="offline-copy">{t("staffView.offlineCopy", { time: f.dateTime(new Date(card.savedAt).toISOString()) })}</p>}
        {online && <Suspense fallback={null}><PushToggle /></Suspense>}
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
                <dd data-testid="my-assignment-site">{card.site}</dd>
                {card.incident && (<><dt>{t("staffView.incident")}</dt><dd>{t(`incidentType.${card.incident.type}`)} · {t("incident.severityN", { n: card.incident.severity })}</dd></>)}
                {card.need && (<><dt>{t("staffView.need")}</dt><dd>{t(`skill.${card.need.skill}`)} · {t(`priority.${card.need.priority as 1 | 2 | 3 | 4 | 5}`)}</dd></>)}
                {card.post && (<>
                  <dt>{t("staffView.post")}</dt>
                  <dd data-testid="my-post">
                    {post?.name && <div className="post-name">{post.name}</div>}
                    {post?.address && <div>{post.address}</div>}
                    <a href={mapsLink(card.post.lat, card.post.lng)} target="_blank" rel="noopener" data-testid="maps-link">{t("staffView.openMap")}</a>
                  </dd>
                </>)}
                {post?.plannedHours && (<><dt>{t("staffView.duration")}</dt><dd data-testid="planned-duration">{t("staffView.hours", { n: post.plannedHours })}</dd></>)}
                {current.until && (<><dt>{t("staffView.until")}</dt><dd data-testid="my-assignment-until">{f.dateTime(current.until)}</dd></>)}
                {current.restAt && isOpen(current) && (<><dt>{t("staffView.restAt")}</dt><dd data-testid="my-rest-at"><strong>{f.dateTime(current.restAt)}</strong></dd></>)}
                <dt>{t("staffView.updated")}</dt>
                <dd>{f.dateTime(current.updatedAt)}</dd>
              </dl>
              {(post?.phone || post?.coordinatorPhone) && (
                <ul className="contacts" aria-label={t("staffView.contacts")}>
                  {post.phone && <Contact label={t("staffView.posko")} phone={post.phone} text={message} testId="posko" />}
                  {post.coordinatorPhone && <Contact label={t("staffView.coordinator")} phone={post.coordinatorPhone} text={message} testId="coordinator" />}
                </ul>
              )}
              <p className="next-step">{t(`staffView.next.${current.state}`)}</p>
              {queued.length > 0 && <p className="queued-note" role="status" data-testid="queued">{t("staffView.queued", { n: queued.length })}</p>}
              {sentEarly && <p className="queued-note" role="status" data-testid="sent-early">{t("staffView.sentEarly")}</p>}
              <ErrorBox message={error} />
              {undo ? (
                <div className="toast" role="status" data-testid="complete-undo-toast">
                  <span>{t("staffView.completing")}</span>
                  <button type="button" className="secondary" onClick={() => { clearTimeout(undo.timer); setUndo(null); }} data-testid="complete-undo">{t("toast.undo")}</button>
                </div>
              ) : asking === "excuse" ? (
                <ReasonForm action="excuse" id={current.id} label={t("staffView.excuseReason")} submitLabel={t("staffView.excuseSend")} busy={busy}
                  onSubmit={(reason) => step(current, "excuse", reason)} onBack={() => setAsking(null)} />
              ) : asking === "complete" ? (
                <div className="confirm-inline" role="group" aria-label={t("staffView.completeQuestion")}>
                  <p>{t("staffView.completeQuestion")}</p>
                  <button type="button" className="primary big" onClick={() => finishWithUndo(current)} data-testid="complete-yes">{t("staffView.completeYes")}</button>
                  <AutoFocusButton label={t("form.back")} onClick={() => setAsking(null)} />
                </div>
              ) : (
                <div className="actions big-actions">
                  {actions.includes("checkin") && (
                    <button type="button" className="primary big" disabled={busy} onClick={() => step(current, "checkin")} data-testid="checkin">{t("staffView.checkin")}</button>
                  )}
                  {actions.includes("complete") && (
                    <button type="button" className="primary big" disabled={busy} onClick={() => setAsking("complete")} data-testid="complete">{t("staffView.complete")}</button>
                  )}
                  {actions.includes("excuse") && (
                    <button type="button" className="secondary big" disabled={busy} onClick={() => setAsking("excuse")} data-testid="excuse">{t("staffView.excuse")}</button>
                  )}
                </div>
              )}
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
        {/* Both ask the server: shown with a link only, and opened afresh when it returns (no stale error). */}
        {online && (() => {
          // The mutasi cycle, while it asks or answers the person (not in draft, not once it took effect).
          const cycle = state ? currentCycle(state) : undefined;
          return state && cycle && cycle.phase !== "draft" && cycle.phase !== "effective" ? <Suspense fallback={null}><WishCard state={state} cycle={cycle} /></Suspense> : null;
        })()}
        {online && current && <Suspense fallback={null}><LetterCard assignment={current} /></Suspense>}
        {state && (mapWanted || !current) && (
          <section className="staff-map" aria-label={t("staffView.mapLabel")}>
            <Suspense fallback={null}>
              <SiagaMap state={state} minimal legend={false} focus={card.post ? { point: card.post, label: t("staffView.postLabel") } : null} />
            </Suspense>
          </section>
        )}
      </div>
    </main>
  );
}

function Contact({ label, phone, text, testId }: { label: string; phone: string; text: string; testId: string }) {
  const { t } = useI18n();
  return (
    <li className="contact" data-testid={`contact-${testId}`}>
      <span className="contact-label">{label}</span>
      <a className="button-link" href={telLink(phone)} data-testid={`tel-${testId}`}>{t("contact.call")} {phone}</a>
      <a className="button-link" href={waLink(phone, text)} target="_blank" rel="noopener" data-testid={`wa-${testId}`}>{t("contact.whatsapp")}</a>
    </li>
  );
}

/** Focus goes into an opened question, onto its safe answer. */
function AutoFocusButton({ label, onClick }: { label: string; onClick: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return <button ref={ref} type="button" className="secondary big" onClick={onClick}>{label}</button>;
}
