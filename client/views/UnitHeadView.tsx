/**
 * The unit head's view: incoming requests for their staff (confirm, or decline with a reason), the staff
 * with status, fatigue and open assignment, temporary releases until a time, and recalls; and, while the
 * annual mutasi has a plan that moves people out of or into the unit, its moves and their review.
 */
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { ReleaseCreate } from "../../shared/api.js";
import type { Assignment, Release } from "../../shared/domain.js";
import { assignmentActionsFor, can } from "../../shared/policy.js";
import { releaseBlock } from "../../shared/rules.js";
import { api, assignmentStep } from "../app/api.js";
import { downloadFile } from "../app/files.js";
import { useLive } from "../app/live.js";
import { useSession } from "../app/session.js";
import { ErrorBox, Field, Flash, Pager, ReasonForm, StateBadge, useAction, useFlash, usePage } from "../app/ui.js";
import { markServerFields, zodFieldErrors, type FieldErrors } from "../app/validation.js";
import { useI18n } from "../i18n/index.js";
import { PushToggle } from "../pwa/PushToggle.js";
import type { LiveState } from "../live/index.js";
import { haversineKm } from "../../server/planner/geo.js";
import type { OPEN_STATES } from "../../shared/rules.js";
import { telLink, waLink } from "../app/contact.js";
import { needIndex, openAssignmentByStaff, releasedStaff, severityColor, severityTextColor, siteLocation, siteTitle, unitAggregates, LOAD_COLORS } from "../model/derive.js";
import { isoToWitaInput, witaInputToIso } from "./time.js";
import { useMinute } from "../model/clock.js";
import { UnitReview } from "./mutasi/UnitReview.js";

/** How long "Setujui" can be undone before it is sent. */
const UNDO_MS = 6_000;

type OpenState = (typeof OPEN_STATES)[number];
/** A person held by an open assignment reads what holds them, never "Tersedia". */
const PERSON_STATUS = { requested: "unitHead.status.requested", confirmed: "unitHead.status.confirmed", active: "unitHead.status.active" } as const;

/** Call or WhatsApp the person, for the one who must reach them. */
function PersonContacts({ phone, text, id }: { phone: string; text: string; id: string }) {
  const { t } = useI18n();
  return (
    <span className="person-contacts">
      <a className="button-link" href={telLink(phone)} data-testid={`tel-${id}`}>{t("contact.call")}</a>
      <a className="button-link" href={waLink(phone, text)} target="_blank" rel="noopener" data-testid={`wa-${id}`}>{t("contact.whatsapp")}</a>
    </span>
  );
}

export default function UnitHeadView() {
  const { t, f } = useI18n();
  const session = useSession();
  const { state } = useLive();
  const minute = useMinute();
  const unitId = session?.user.unitId;
  if (!unitId) return <main className="page"><ErrorBox message={t("unitHead.noUnit")} /></main>;
  if (!state) return <main className="page"><p className="loading" role="status">{t("state.loading")}</p></main>;
  const unit = state.units.get(unitId);
  const agg = unitAggregates(state.units, state.staff, state.spikes, state.assignments, minute).get(unitId);
  return (
    <main className="page unit-head" data-testid="unit-head-view">
      <header className="page-head">
        <h1>{unit?.name ?? unitId}</h1>
        {agg && (
          <div className="unit-stats" data-testid="unit-stats">
            <span className="stat"><span className="stat-value" style={{ color: LOAD_COLORS[agg.level] }}>{f.number(agg.load, 2)}</span> {t("unitHead.load")}</span>
            <span className="stat"><span className="stat-value">{f.number(agg.atHome)}</span> {t("unitHead.atHome")}</span>
            <span className="stat"><span className="stat-value">{f.number(agg.unit.floor)}</span> {t("unitHead.floor")}</span>
            <span className="stat"><span className="stat-value">{f.number(agg.lentOut)}</span> {t("unitHead.lentOut")}</span>
          </div>
        )}
        <PushToggle />
      </header>
      <Requests state={state} unitId={unitId} />
      <StaffSection state={state} unitId={unitId} />
      <UnitReview state={state} unitId={unitId} />
    </main>
  );
}

function Requests({ state, unitId }: { state: LiveState; unitId: string }) {
  const { t, f } = useI18n();
  const user = useSession()?.user;
  const { busy, error, run } = useAction();
  const [declining, setDeclining] = useState<string | null>(null);
  const minute = useMinute();
  const needs = needIndex(state.incidents, state.spikes, state.assignments, minute);
  const unit = state.units.get(unitId);
  const agg = unitAggregates(state.units, state.staff, state.spikes, state.assignments, minute).get(unitId);
  const requests = useMemo(() => [...state.assignments.values()]
    .filter((a) => a.fromUnitId === unitId && a.state === "requested")
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt)), [state.assignments, unitId]);

  // Setujui waits a few seconds with "Urungkan" before it is sent: undoing is not sending.
  const [pending, setPending] = useState<{ a: Assignment; timer: ReturnType<typeof setTimeout> } | null>(null);
  function confirmRequest(a: Assignment) {
    if (pending) { clearTimeout(pending.timer); void run(() => assignmentStep(pending.a, "confirm")); }
    const timer = setTimeout(() => { setPending(null); void run(() => assignmentStep(a, "confirm")); }, UNDO_MS);
    setPending({ a, timer });
  }
  useEffect(() => () => { if (pending) clearTimeout(pending.timer); }, [pending]);
  async function decline(a: Assignment, reason: string) {
    const ok = await run(() => assignmentStep(a, "decline", reason));
    if (ok !== undefined) setDeclining(null);
  }

  return (
    <section className="card" aria-labelledby="requests-title" data-testid="requests">
      <h2 id="requests-title">{t("unitHead.requests")} <span className="count">{requests.length}</span></h2>
      <ErrorBox message={error} />
      {requests.length === 0 ? <p className="empty">{t("unitHead.noRequests")}</p> : (
        <ul className="item-list">
          {requests.map((a) => {
            const ref = needs.get(a.needId);
            const person = state.staff.get(a.staffId);
            const actions = user ? assignmentActionsFor(user, a) : [];
            const site = siteLocation(state, a.siteKind, a.siteId);
            const incident = a.siteKind === "incident" ? state.incidents.get(a.siteId) : undefined;
            const km = site && unit ? haversineKm(unit.location.lat, unit.location.lng, site.lat, site.lng) : null;
            const waiting = pending?.a.id === a.id;
            return (
              <li key={a.id} className="request-item request-card" data-testid={`request-${a.id}`}>
                <div className="item-text">
                  <strong>{person?.name ?? a.staffId}</strong>
                  <span>
                    {siteTitle(state, a.siteKind, a.siteId)}
                    {ref ? ` · ${t(`skill.${ref.need.skill}`)} · ${t(`priority.${ref.need.priority as 1 | 2 | 3 | 4 | 5}`)}` : ""}
                  </span>
                  <span className="request-facts small" data-testid={`request-facts-${a.id}`}>
                    {incident && <span className="badge" style={{ background: severityColor(incident.severity), color: severityTextColor(incident.severity) }}>{t("incident.severityN", { n: incident.severity })}</span>}
                    {km !== null && <span>{t("unitHead.distance", { km: f.number(km, 1) })}</span>}
                    {agg && <span>{t("unitHead.afterMove", { load: f.number(agg.load, 2), room: f.number(agg.atHome - agg.unit.floor) })}</span>}
                  </span>
                  <span className="muted small">{t("unitHead.requestedAt", { time: f.dateTime(a.createdAt) })}</span>
                  {person?.phone && <PersonContacts phone={person.phone} text={t("unitHead.waText", { name: person.name, site: siteTitle(state, a.siteKind, a.siteId) })} id={a.id} />}
                </div>
                {declining === a.id && actions.includes("decline") ? (
                  <ReasonForm action="decline" id={a.id} label={t("unitHead.declineReason")} submitLabel={t("unitHead.decline")} busy={busy}
                    onSubmit={(reason) => decline(a, reason)} onBack={() => setDeclining(null)} />
                ) : waiting ? (
                  <div className="toast" role="status" data-testid={`confirm-toast-${a.id}`}>
                    <span>{t("unitHead.confirming")}</span>
                    <button type="button" className="secondary" onClick={() => { clearTimeout(pending.timer); setPending(null); }} data-testid={`confirm-undo-${a.id}`}>{t("toast.undo")}</button>
                  </div>
                ) : (
                  <div className="item-actions">
                    {actions.includes("confirm") && (
                      <button type="button" className="primary small" disabled={busy} onClick={() => confirmRequest(a)} data-testid={`confirm-${a.id}`}>
                        {t("unitHead.confirm")}
                      </button>
                    )}
                    {actions.includes("decline") && (
                      <button type="button" className="secondary small" onClick={() => setDeclining(a.id)} data-testid={`decline-${a.id}`}>
                        {t("unitHead.decline")}
                      </button>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function defaultUntil(): string {
  // Tomorrow 17:00 WITA: the end of the next working day.
  const tomorrow = isoToWitaInput(Date.now() + 24 * 3600_000).slice(0, 10);
  return `${tomorrow}T17:00`;
}

function StaffSection({ state, unitId }: { state: LiveState; unitId: string }) {
  const i18n = useI18n();
  const { t, f } = i18n;
  const user = useSession()?.user;
  const mayRelease = user ? can(user, "release.create", { unitId }) : false;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [until, setUntil] = useState(defaultUntil);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const releasing = useAction();
  const { error, setError, busy } = releasing;
  const [recalling, setRecalling] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [flash, setFlash] = useFlash();
  const action = useAction();
  const minute = useMinute();
  const open = openAssignmentByStaff(state.assignments);
  const released = releasedStaff(state.releases, minute);
  const staff = useMemo(() => {
    const q = query.trim().toLowerCase();
    return [...state.staff.values()]
      .filter((s) => s.homeUnitId === unitId)
      .filter((s) => !q || s.name.toLowerCase().includes(q) || s.jabatan.toLowerCase().includes(q))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [state.staff, unitId, query]);
  const page = usePage(staff, 50);
  const releases = [...state.releases.values()].filter((r) => r.unitId === unitId && r.status === "active");

  // The list as a whole, or one person of it (the server names `staffIds.<i>`).
  const staffIdsError = errors.staffIds ?? Object.entries(errors).find(([k]) => k.startsWith("staffIds."))?.[1];

  const toggle = (id: string) => setSelected((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  async function release(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const parsed = ReleaseCreate.safeParse({
      staffIds: [...selected],
      until: until ? witaInputToIso(until) : undefined,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, i18n));
      setError(t("form.fixFields"));
      return;
    }
    if (Date.parse(parsed.data.until) <= Date.now()) {
      setErrors({ until: t("fieldReason.future") });
      return;
    }
    setErrors({});
    const released = await releasing.run(() => api<Release[]>("POST", `/units/${encodeURIComponent(unitId)}/releases`, parsed.data), markServerFields(setErrors, i18n));
    if (released !== undefined) {
      setFlash(t("unitHead.released", { n: selected.size }));
      setSelected(new Set());
      setNote("");
    }
  }

  async function endRelease(r: Release) {
    await action.run(() => api("POST", `/units/${encodeURIComponent(unitId)}/releases/${encodeURIComponent(r.id)}/end`, {}));
  }

  async function recall(a: Assignment, reason: string) {
    const ok = await action.run(() => assignmentStep(a, "recall", reason));
    if (ok !== undefined) {
      setRecalling(null);
      setFlash(t("unitHead.recallSent"));
    }
  }

  return (
    <>
      <section className="card" aria-labelledby="staff-title" data-testid="unit-staff">
        <div className="section-head">
          <h2 id="staff-title">{t("unitHead.staff")} <span className="count">{staff.length}</span></h2>
          <label>
            <span className="sr-only">{t("unitHead.search")}</span>
            <input type="search" placeholder={t("unitHead.search")} value={query} onChange={(e) => { setQuery(e.target.value); page.setPage(0); }} />
          </label>
        </div>
        <Flash message={flash} />
        <ErrorBox message={action.error} />
        <div className="release-box">
          <h3 id="release-title">{t("unitHead.releaseTitle")}</h3>
          <p className="muted small">{t("unitHead.releaseHint")}</p>
          <form className="release-form" aria-labelledby="release-title" onSubmit={release} noValidate data-testid="release-form">
            <div className="grid3">
              <div className="field">
                <span className="label-like">{t("unitHead.selectedN", { n: selected.size })}</span>
                {staffIdsError && <div className="field-error" role="alert">{staffIdsError}</div>}
              </div>
              <Field label={t("unitHead.until")} error={errors.until} hint={t("time.wita")}>
                {(p) => <input {...p} type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} data-testid="release-until" />}
              </Field>
              <Field label={t("unitHead.note")} error={errors.note}>
                {(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} data-testid="release-note" />}
              </Field>
            </div>
            <ErrorBox message={error} />
            <div className={`sticky-bar ${selected.size > 0 ? "has-selection" : ""}`}>
              <button type="submit" className="primary" disabled={busy || selected.size === 0} data-testid="release-submit">
                {t("unitHead.release", { n: selected.size })}
              </button>
            </div>
          </form>
        </div>
        <ul className="person-cards" data-testid="staff-table">
          {page.rows.map((s) => {
            const a = open.get(s.id);
            const rel = released.get(s.id);
            const canRelease = mayRelease && releaseBlock(s, Boolean(a), Boolean(rel)) === null;
            const mayRecall = Boolean(a && user && assignmentActionsFor(user, a).includes("recall"));
            const site = a ? siteTitle(state, a.siteKind, a.siteId) : "";
            return (
              <li key={s.id} className="person-card" data-testid={`staff-${s.id}`}>
                <label className="person-head">
                  <input type="checkbox" checked={selected.has(s.id)} disabled={!canRelease} onChange={() => toggle(s.id)}
                    aria-label={t("unitHead.selectStaff", { name: s.name })} data-testid={`release-check-${s.id}`} />
                  <span className="person-name">{s.name}{s.volunteer && <span className="badge flag">{t("plan.flag.volunteer")}</span>}</span>
                </label>
                <div className="muted small">{s.jabatan} · {s.golongan} · {s.skills.map((k) => t(`skill.${k}`)).join(", ")} · {t("unitHead.fatigueH", { n: f.number(s.fatigueHours) })}</div>
                <div className="person-status" data-testid={`staff-status-${s.id}`}>
                  {a ? <><StateBadge state={a.state} /> {t(PERSON_STATUS[a.state as OpenState], { site })}</>
                    : rel ? <span className="badge status-released">{t("unitHead.releasedUntilCap", { time: f.dateTime(rel) })}</span>
                    : <span className={`badge status-${s.status}`}>{t(`staffStatus.${s.status}`)}</span>}
                  {a?.recallRequested && <div className="warn-text small">{t("unitHead.recallPending")}</div>}
                </div>
                {a && (a.state === "confirmed" || a.state === "active") && user && can(user, "letter.read", a) && (
                  <button type="button" className="link small" disabled={action.busy}
                    onClick={() => action.run(() => downloadFile(`/assignments/${encodeURIComponent(a.id)}/letter.pdf`, "surat-tugas.pdf"))}
                    data-testid={`letter-${a.id}`}>{t("letter.downloadShort")}</button>
                )}
                {s.phone && <PersonContacts phone={s.phone} text={t("unitHead.waTextStaff", { name: s.name })} id={s.id} />}
                {mayRecall && recalling !== a!.id && (
                  <button type="button" className="secondary" onClick={() => setRecalling(a!.id)} data-testid={`recall-${a!.id}`}>{t("unitHead.recall")}</button>
                )}
                {mayRecall && recalling === a!.id && (
                  <ReasonForm action="recall" id={a!.id} label={t("unitHead.recallReason")} submitLabel={t("unitHead.recall")}
                    busy={action.busy} onSubmit={(reason) => recall(a!, reason)} onBack={() => setRecalling(null)} />
                )}
              </li>
            );
          })}
        </ul>
        <Pager page={page.page} pages={page.pages} setPage={page.setPage} />
      </section>

      <section className="card" aria-labelledby="releases-title">
        <h2 id="releases-title">{t("unitHead.activeReleases")}</h2>
        {releases.length === 0 ? <p className="empty">{t("unitHead.noReleases")}</p> : (
          <ul className="item-list">
            {releases.map((r) => (
              <li key={r.id} data-testid={`release-${r.id}`}>
                <div className="item-text">
                  <strong>{state.staff.get(r.staffId)?.name ?? r.staffId}</strong>
                  <span className="muted small">{t("unitHead.releasedUntil", { time: f.dateTime(r.until) })}{r.note ? ` · ${r.note}` : ""}</span>
                </div>
                <button type="button" className="secondary small" disabled={action.busy} onClick={() => endRelease(r)}>{t("unitHead.endRelease")}</button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
