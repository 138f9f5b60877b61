/**
 * "Notifikasi di perangkat ini": Web Push on or off for this device, shown only where the server has it
 * (GET /api/push/key). Asked after the view is on screen, so it never delays the assignment on a weak link.
 */
import { useEffect, useState } from "react";
import { ApiError } from "../app/api.js";
import { useSession } from "../app/session.js";
import { errorMessage } from "../app/validation.js";
import { useI18n } from "../i18n/index.js";
import { currentPushState, disablePush, enablePush, getPushKey, keepText, pushSupported, updatePushText, type PushState } from "./push.js";

type Shown = PushState | "checking" | "busy";

export function PushToggle() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const session = useSession();
  const username = session?.user.username;
  const [publicKey, setPublicKey] = useState<string | null>(null);
  const [state, setState] = useState<Shown>("checking");
  const [error, setError] = useState<string | null>(null);

  useEffect(function askServerAndDevice() {
    if (!username) return;
    let live = true;
    void (async () => {
      try {
        const key = await getPushKey();
        if (!live || !key.enabled) return;
        setPublicKey(key.publicKey);
        const now = await currentPushState(username, key.publicKey, locale);
        if (live) setState(now);
      } catch {
        // No signal or no answer: the toggle stays away until the next visit; the page's own alerts still ring.
      }
    })();
    return () => { live = false; };
    // Once per user: a language switch only rewords (the effect below), it asks nothing again.
  }, [username]); // eslint-disable-line react-hooks/exhaustive-deps

  useKeepPushText();
  // Where push is offered the words are kept even before it is on: the first push is never wordless.
  useEffect(function keepWordsWhereOffered() {
    if (publicKey && pushSupported() && typeof caches !== "undefined") void keepText(locale).catch(() => undefined);
  }, [publicKey, locale]);

  if (!publicKey || !username) return null;
  const on = state === "on";
  async function flip() {
    setError(null);
    const before = state;
    setState("busy");
    try {
      setState(on ? await disablePush() : await enablePush(username!, publicKey!, locale));
    } catch (err) {
      setState(before);
      setError(err instanceof ApiError ? errorMessage(err, i18n) : t("push.failed"));
    }
  }
  const note = state === "denied" ? t("push.denied") : state === "unsupported" || !pushSupported() ? t("push.unsupported") : t("push.hint");
  return (
    <div className="push-toggle" data-testid="push-toggle" data-state={state}>
      <label>
        <input type="checkbox" role="switch" checked={on} aria-checked={on} aria-describedby="push-toggle-note"
          disabled={state === "checking" || state === "busy" || state === "unsupported" || state === "denied"}
          onChange={() => void flip()} data-testid="push-switch" />
        {" "}{t("push.toggle")}
      </label>
      <p id="push-toggle-note" className="muted small">{note}</p>
      {error && <p className="error-box" role="alert" data-testid="push-error">{error}</p>}
    </div>
  );
}

/** Keeps the words of this device's pushes in the language the user switches to, wherever the switch is made. */
export function useKeepPushText(): void {
  const { locale } = useI18n();
  useEffect(function wordPushesInThisLanguage() {
    void updatePushText(locale).catch(() => undefined);
  }, [locale]);
}
