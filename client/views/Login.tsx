/** Login: username (or NIP for staff) and password; errors in the user's language. */
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { LoginBody, LoginResponse } from "../../shared/api.js";
import type { FieldIssue } from "../../shared/errors.js";
import { api, ApiError } from "../app/api.js";
import { getEndReason, setSession } from "../app/session.js";
import { Field } from "../app/ui.js";
import { errorMessage, zodFieldErrors, serverFieldErrors, type FieldErrors } from "../app/validation.js";
import { LocaleSwitch, useI18n, type MessageKey } from "../i18n/index.js";

/** What went wrong, kept rather than its words: the page has a language switch right beside the form. */
type Failure = { key: MessageKey } | { err: unknown };
type Issues = { zod: z.ZodError } | { server: FieldIssue[] } | null;

export default function Login() {
  const i18n = useI18n();
  const { t } = i18n;
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [issues, setIssues] = useState<Issues>(null);
  const [failure, setFailure] = useState<Failure | null>(getEndReason() === "expired" ? { key: "login.expired" } : null);
  const errors: FieldErrors = !issues ? {} : "zod" in issues ? zodFieldErrors(issues.zod, i18n) : serverFieldErrors(issues.server, i18n);
  const error = !failure ? null : "key" in failure ? t(failure.key) : errorMessage(failure.err, i18n);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const body = LoginBody.safeParse({ username: username.trim(), password });
    if (!body.success) {
      setIssues({ zod: body.error });
      return;
    }
    setIssues(null);
    setBusy(true);
    try {
      const res = LoginResponse.parse(await api<unknown>("POST", "/auth/login", body.data, { token: null }));
      setSession(res);
    } catch (err) {
      // Sign-in failures get their own words; anything else reads as it does everywhere.
      if (err instanceof ApiError && err.code === "unauthenticated") setFailure({ key: "login.invalid" });
      else if (err instanceof ApiError && err.code === "rate_limited") setFailure({ key: "login.rateLimited" });
      else {
        if (err instanceof ApiError && err.code === "validation") setIssues({ server: err.issues });
        setFailure({ err });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login-page">
      <div className="login-card">
        <div className="login-head">
          <h1><span className="logo" aria-hidden="true">◆</span> {t("app.name")}</h1>
          <LocaleSwitch />
        </div>
        <p className="login-sub">{t("login.subtitle")}</p>
        <form onSubmit={submit} noValidate data-testid="login-form">
          <Field label={t("login.username")} error={errors.username} hint={t("login.usernameHint")}>
            {(p) => (
              <input {...p} name="username" autoComplete="username" value={username} autoFocus
                onChange={(e) => setUsername(e.target.value)} data-testid="login-username" />
            )}
          </Field>
          <Field label={t("login.password")} error={errors.password}>
            {(p) => (
              <input {...p} name="password" type="password" autoComplete="current-password" value={password}
                onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
            )}
          </Field>
          {error && <div className="error-box" role="alert" data-testid="login-error">{error}</div>}
          <button type="submit" className="primary wide" disabled={busy} data-testid="login-submit">
            {busy ? t("login.busy") : t("login.submit")}
          </button>
        </form>
      </div>
      <p className="login-foot">{t("login.footer")}</p>
    </main>
  );
}
