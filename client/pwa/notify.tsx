/**
 * Rings the alerts of client/pwa/alerts.ts by every means the platform gives without an outside
 * service: a service-worker notification (seen with the app in the background or installed), a
 * vibration, a short tone (WebAudio, no file), and the count in the tab title until the tab is looked at.
 * A closed app hears through Web Push where the deployment has it (client/pwa/push.ts, server/push/).
 */
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/index.js";
import { useLive } from "../app/live.js";
import { useSession } from "../app/session.js";
import { alertFor, type Alert } from "./alerts.js";

let audio: AudioContext | null = null;
function beep() {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.2, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.4);
  } catch {
    // no sound where the browser allows none yet (no gesture so far)
  }
}

async function ring(alert: Alert) {
  beep();
  navigator.vibrate?.([200, 100, 200]);
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  const registration = await navigator.serviceWorker?.getRegistration();
  if (registration) await registration.showNotification(alert.title, { body: alert.body, tag: alert.tag, data: { url: location.pathname } });
  else new Notification(alert.title, { body: alert.body, tag: alert.tag });
}

/** Watches the live feed for this user's alerts; returns how many came since the tab was last looked at. */
export function useAlerts(): { unseen: number; last: Alert | null } {
  const i18n = useI18n();
  const session = useSession();
  const { state } = useLive();
  const lastSeq = useRef<number | null>(null);
  const [unseen, setUnseen] = useState(0);
  const [last, setLast] = useState<Alert | null>(null);

  useEffect(function ringNewAlerts() {
    if (!state || !session) return;
    // The first state is the past: only what arrives after it rings.
    if (lastSeq.current === null) { lastSeq.current = state.seq; return; }
    const fresh = state.recent.filter((e) => e.seq > lastSeq.current!);
    lastSeq.current = state.seq;
    for (const e of fresh) {
      const alert = alertFor(e, session.user, state, i18n);
      if (!alert) continue;
      setLast(alert);
      if (document.hidden) setUnseen((n) => n + 1);
      void ring(alert);
    }
  }, [state, session, i18n]);

  useEffect(function countInTitle() {
    const base = i18n.t("app.name");
    document.title = unseen > 0 ? `(${unseen}) ${base}` : base;
    const seen = () => { if (!document.hidden) setUnseen(0); };
    document.addEventListener("visibilitychange", seen);
    return () => document.removeEventListener("visibilitychange", seen);
  }, [unseen, i18n]);

  return { unseen, last };
}

/** Asks for notification permission from a tap (browsers allow the question only then). */
export function NotifyButton() {
  const { t } = useI18n();
  // Read after the first paint: asking the browser costs tens of ms on a phone.
  const [permission, setPermission] = useState<NotificationPermission | null>(null);
  useEffect(() => setPermission(typeof Notification === "undefined" ? "denied" : Notification.permission), []);
  if (permission !== "default") return null;
  return (
    <button type="button" className="ghost" data-testid="notify-enable"
      onClick={async () => { setPermission(await Notification.requestPermission()); beep(); }}>
      {t("alert.enable")}
    </button>
  );
}
