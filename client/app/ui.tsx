/** Small building blocks shared by the role views. */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { AssignmentState } from "../../shared/domain.js";
import { TRANSITIONS, type AssignmentAction } from "../../shared/rules.js";
import { useI18n } from "../i18n/index.js";
import type { LiveState, LiveStatus } from "../live/index.js";
import { useLive } from "./live.js";
import { useOnline } from "./network.js";
import { errorMessage, type Names } from "./error-words.js";

/** A labelled form field with its error message underneath (linked by aria-describedby). */
export function Field({ label, error, hint, children, className }: {
  label: string;
  error?: string | undefined;
  hint?: string;
  className?: string;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field ${error ? "has-error" : ""} ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": Boolean(error), ...(describedBy ? { "aria-describedby": describedBy } : {}) })}
      {hint && <div className="hint" id={hintId}>{hint}</div>}
      {error && <div className="field-error" id={errId} role="alert">{error}</div>}
    </div>
  );
}

/**
 * An action that cannot be undone, asked in place instead of by the browser's confirm(): the button
 * turns into the question with a confirming button and "Back". `onConfirm` resolving true closes it.
 */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, onAsk, disabled, testId }: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<boolean>;
  /** Called when the question opens: the caller keeps the version the user is deciding about. */
  onAsk?: () => void;
  disabled?: boolean;
  testId: string;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  // Focus follows the question: onto "Back" (the safe choice, so a second Enter does not confirm)
  // and back onto the button when the question is withdrawn.
  const back = useRef<HTMLButtonElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const withdrawn = useRef(false);
  useEffect(() => {
    if (asking) back.current?.focus();
    else if (withdrawn.current) button.current?.focus();
  }, [asking]);
  if (!asking) {
    return <button ref={button} type="button" className="danger small" disabled={disabled} onClick={() => { onAsk?.(); setAsking(true); }} data-testid={testId}>{label}</button>;
  }
  return (
    <span className="confirm-inline" role="group" aria-label={question}>
      <span className="small">{question}</span>
      <button type="button" className="danger small" disabled={disabled} data-testid={`${testId}-yes`}
        onClick={async () => { if (await onConfirm()) setAsking(false); }}>{confirmLabel}</button>
      <button ref={back} type="button" className="secondary small" data-testid={`${testId}-back`}
        onClick={() => { withdrawn.current = true; setAsking(false); }}>{t("form.back")}</button>
    </span>
  );
}

/**
 * The small in-place form that asks why (decline, recall, cancel): a reason, the action, and "Back".
 * Whether the reason is required is the rulebook's (TRANSITIONS); a required one is checked before
 * anything is sent. Test ids: `<action>-reason-<id>`, `<action>-submit-<id>`.
 */
export function ReasonForm({ action, id, label, submitLabel, busy, onSubmit, onBack }: {
  action: AssignmentAction;
  id: string;
  label: string;
  submitLabel: string;
  busy: boolean;
  onSubmit: (reason: string) => void | Promise<void>;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const required = TRANSITIONS[action].reason === "required";
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (required && !reason.trim()) return setError(t("validation.reasonRequired"));
    setError(undefined);
    await onSubmit(reason.trim());
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <Field label={label} error={error}>
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus maxLength={500} aria-required={required}
          data-testid={`${action}-reason-${id}`} />}
      </Field>
      <div className="actions">
        <button type="submit" className="danger small" disabled={busy} data-testid={`${action}-submit-${id}`}>{submitLabel}</button>
        <button type="button" className="secondary small" onClick={onBack}>{t("form.back")}</button>
      </div>
    </form>
  );
}

/** The live connection as a coloured badge with its time. */
export function ConnBadge({ status, large = false }: { status: LiveStatus | null; large?: boolean }) {
  const { t, f } = useI18n();
  // No link (navigator.onLine, heartbeat) is offline at once, before the socket notices.
  const online = useOnline();
  // No status yet: the live layer is still loading (a phone's first seconds on a weak link), not offline.
  const conn = online ? status?.conn ?? "reconnecting" : "offline";
  return (
    <div className={`conn conn-${conn} ${large ? "conn-large" : ""}`} data-testid="conn-state" data-conn={conn} data-seq={status?.seq ?? undefined} role="status" aria-live="polite">
      <span className="dot" aria-hidden="true" />
      <span className="conn-label">{t(`conn.${conn}`)}</span>
      {status && conn !== "live" && <span className="conn-since">{t("conn.since", { time: f.time(status.since) })}</span>}
      {status?.lastUpdate != null && (
        <span className="conn-updated" data-testid="last-update">{t("conn.lastUpdate", { time: f.time(status.lastUpdate) })}</span>
      )}
    </div>
  );
}

export function StateBadge({ state }: { state: AssignmentState }) {
  const { t } = useI18n();
  return <span className={`badge state-${state}`} data-state={state}>{t(`assignmentState.${state}`)}</span>;
}

/**
 * Runs an async action with a busy flag and a message in the user's language on failure. The failure is
 * kept, not its sentence: the message follows a language switch, and names units from the live state.
 */
export function useAction() {
  const i18n = useI18n();
  const { state } = useLive();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ err: unknown } | string | null>(null);
  const setError = useCallback((message: string | null) => setFailure(message), []);
  const run = useCallback(async <T,>(fn: () => Promise<T>, onError?: (err: unknown) => boolean): Promise<T | undefined> => {
    setBusy(true);
    setFailure(null);
    try {
      return await fn();
    } catch (err) {
      if (!onError?.(err)) setFailure({ err });
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const error = failure === null || typeof failure === "string" ? failure : errorMessage(failure.err, i18n, liveNames(state));
  return { busy, error, setError, run };
}

/** What an error message may name from the live state. */
export function liveNames(state: LiveState | null): Names {
  return { unit: (id) => state?.units.get(id)?.name };
}

export function ErrorBox({ message }: { message: string | null }) {
  if (!message) return null;
  return <div className="error-box" role="alert" data-testid="error">{message}</div>;
}

/** A message that disappears after a few seconds. */
export function useFlash(ms = 5_000): [string | null, (msg: string) => void] {
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(function clearFlash() {
    if (!msg) return;
    const t = setTimeout(() => setMsg(null), ms);
    return () => clearTimeout(t);
  }, [msg, ms]);
  return [msg, setMsg];
}

export function Flash({ message }: { message: string | null }) {
  return <div className="flash" role="status" aria-live="polite" data-testid="flash">{message}</div>;
}

/** Client-side pages over a long list (plans and assignments can hold thousands of rows). */
export function usePage<T>(items: readonly T[], size = 50) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(page, pages - 1);
  return {
    rows: items.slice(current * size, current * size + size),
    page: current,
    pages,
    setPage,
  };
}

export function Pager({ page, pages, setPage }: { page: number; pages: number; setPage: (p: number) => void }) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t("pager.label")}>
      <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>{t("pager.prev")}</button>
      <span>{t("pager.position", { page: page + 1, pages })}</span>
      <button type="button" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>{t("pager.next")}</button>
    </nav>
  );
}
