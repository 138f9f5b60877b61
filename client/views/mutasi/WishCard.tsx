/**
 * A staff member's side of the cycle, on their phone: while wishes are open, the wish form (stay / either /
 * move, up to three positions of their own jabatan, reasons); always, their points sheet and why they may or
 * may not move, and a way to contest the points.
 */
import { useEffect, useState } from "react";
import { MUTASI_CHOICES, type MutasiChoice } from "../../../shared/mutasi.js";
import { WISH_REASONS, type MutasiCycle, type MyCycle, type WishReason } from "../../../shared/mutasi-cycle.js";
import { api } from "../../app/api.js";
import { ErrorBox, useAction, useFlash, Flash } from "../../app/ui.js";
import { useI18n } from "../../i18n/index.js";
import type { LiveState } from "../../live/index.js";

export function WishCard({ state, cycle }: { state: LiveState; cycle: MutasiCycle }) {
  const { t } = useI18n();
  const [me, setMe] = useState<MyCycle | null>(null);
  const { busy, error, run } = useAction();
  const [flash, setFlash] = useFlash();
  const [choice, setChoice] = useState<MutasiChoice>("either");
  const [wishes, setWishes] = useState<string[]>([]);
  const [reason, setReason] = useState<WishReason["code"] | "">("");
  const [note, setNote] = useState("");
  const [contest, setContest] = useState("");

  useEffect(function loadMyCycle() {
    let live = true;
    void api<MyCycle>("GET", `/mutasi/cycles/${cycle.id}/me`).then((m) => {
      if (!live) return;
      setMe(m);
      if (m.wish) {
        setChoice(m.wish.choice);
        setWishes(m.wish.wishes);
        setReason(m.wish.reasons[0]?.code ?? "");
        setNote(m.wish.reasons[0]?.note ?? "");
      }
    }).catch(() => {});
    return () => { live = false; };
  }, [cycle.id, cycle.version]);

  if (!me) return null;
  const open = cycle.phase === "wishes_open";
  const unitName = (id: string) => state.units.get(id)?.name ?? id;
  async function send() {
    const body = { choice, wishes: choice === "stay" ? [] : wishes.filter(Boolean), reasons: reason ? [{ code: reason, note }] : [] };
    const wish = await api<MyCycle["wish"]>("PUT", `/mutasi/cycles/${cycle.id}/wishes/me`, body);
    setMe({ ...me!, wish });
    setFlash(t("mutasi.wishSaved"));
    setMe(await api<MyCycle>("GET", `/mutasi/cycles/${cycle.id}/me`));
  }
  async function sendContest() {
    await api("POST", `/mutasi/cycles/${cycle.id}/points/contest`, { text: contest });
    setContest("");
    setFlash(t("mutasi.contestSent"));
    setMe(await api<MyCycle>("GET", `/mutasi/cycles/${cycle.id}/me`));
  }
  return (
    <section className="card wish-card" data-testid="wish-card" aria-labelledby="wish-title">
      <h2 id="wish-title">{t("mutasi.myCycle", { year: cycle.year })}</h2>
      <p className="muted small">{t(`mutasi.phase.${cycle.phase}`)}</p>
      {open && (
        <form onSubmit={(e) => { e.preventDefault(); void run(send); }} data-testid="wish-form">
          <fieldset>
            <legend>{t("mutasi.choice")}</legend>
            {MUTASI_CHOICES.map((c) => (
              <label key={c} className="radio"><input type="radio" name="choice" value={c} checked={choice === c} onChange={() => setChoice(c)} data-testid={`choice-${c}`} /> {t(`mutasi.choice.${c}`)}</label>
            ))}
          </fieldset>
          {choice !== "stay" && [0, 1, 2].map((i) => (
            <label key={i} className="field">{t("mutasi.wishN", { n: i + 1 })}
              <select value={wishes[i] ?? ""} data-testid={`wish-${i}`} onChange={(e) => { const next = [...wishes]; next[i] = e.target.value; setWishes(next.filter((w, j) => w || j < i)); }}>
                <option value="">—</option>
                {me.options.map((p) => <option key={p.id} value={p.id} disabled={wishes.includes(p.id) && wishes[i] !== p.id}>{p.jabatan} · {unitName(p.unitId)}</option>)}
              </select>
            </label>
          ))}
          <label className="field">{t("mutasi.reasonCode")}
            <select value={reason} onChange={(e) => setReason(e.target.value as WishReason["code"] | "")} data-testid="wish-reason">
              <option value="">—</option>
              {WISH_REASONS.map((r) => <option key={r} value={r}>{t(`mutasi.reasonCode.${r}`)}</option>)}
            </select>
          </label>
          {reason && <label className="field">{t("mutasi.note")}<input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} /></label>}
          <button type="submit" className="primary big" disabled={busy} data-testid="wish-submit">{t("mutasi.sendWish")}</button>
        </form>
      )}
      {me.wish && <p className="small" data-testid="wish-sent">{t("mutasi.wishSent", { choice: t(`mutasi.choice.${me.wish.choice}`) })}</p>}
      <h3>{t("mutasi.points")}</h3>
      <table className="table small" data-testid="points-sheet">
        <tbody>
          {me.points.items.map((i) => <tr key={i.rule}><td>{t(`mutasi.pointsRule.${i.rule.startsWith("reason.") ? "reason" : i.rule as "rating" | "tenure"}`)}{i.rule.startsWith("reason.") && ` (${t(`mutasi.reasonCode.${i.rule.slice(7) as WishReason["code"]}`)})`}</td><td>{i.points}</td></tr>)}
          <tr><th>{t("mutasi.total")}</th><th data-testid="points-total">{me.points.total}</th></tr>
        </tbody>
      </table>
      <h3>{t("mutasi.eligibility")}</h3>
      <p data-testid="eligibility" data-movable={String(me.eligibility.movable)}>{t(me.eligibility.movable ? "mutasi.movable" : "mutasi.notMovable")}</p>
      <ul className="small">
        {me.eligibility.checks.filter((c) => !c.ok).map((c) => <li key={c.rule}>{t(`mutasi.rule.${c.rule}`)} <span className="muted">({c.basis})</span></li>)}
      </ul>
      {cycle.phase !== "decided" && cycle.phase !== "effective" && cycle.phase !== "draft" && (
        <form className="actions" onSubmit={(e) => { e.preventDefault(); void run(sendContest); }}>
          <label className="grow">{t("mutasi.contest")}<input value={contest} maxLength={2000} onChange={(e) => setContest(e.target.value)} data-testid="contest-text" /></label>
          <button type="submit" disabled={busy || !contest.trim()}>{t("mutasi.contestSend")}</button>
        </form>
      )}
      {me.objections.length > 0 && <p className="muted small">{t("mutasi.objections", { n: me.objections.length })}</p>}
      <ErrorBox message={error} />
      <Flash message={flash} />
    </section>
  );
}
