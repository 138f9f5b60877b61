/**
 * A staff member's side of the cycle, on their phone: while wishes are open, the wish form (stay / either /
 * move, up to three positions of their own jabatan, reasons); always, their points sheet and why they may or
 * may not move, and a way to contest the points; once there is a plan, where it leaves them, why, and a way
 * to object to it; and their objections with the coordinators' answers.
 */
import { useEffect, useState } from "react";
import { MUTASI_CHOICES, type MutasiChoice } from "../../../shared/mutasi.js";
import { WISH_REASONS, type MutasiCycle, type MyCycle, type MyLine, type WishReason } from "../../../shared/mutasi-cycle.js";
import { api } from "../../app/api.js";
import { ErrorBox, useAction, useFlash, Flash } from "../../app/ui.js";
import { useI18n } from "../../i18n/index.js";
import type { LiveState } from "../../live/index.js";
import { MoveWhy } from "./MoveWhy.js";

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
  const [objection, setObjection] = useState("");
  // Changes when a plan of the cycle is made or decided, or one of the person's objections filed or answered.
  const plans = [...state.mutasiPlans.values()].filter((p) => p.cycleId === cycle.id).map((p) => `${p.id}:${p.version}`);
  const objections = [...state.objections.values()].filter((o) => o.cycleId === cycle.id).map((o) => `${o.id}:${o.version}`);
  const seen = [...plans, ...objections].sort().join(",");

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
  }, [cycle.id, cycle.version, seen]);

  if (!me) return null;
  const open = cycle.phase === "wishes_open";
  const unitName = (id: string) => state.units.get(id)?.name ?? id;
  const position = (id: string | null) => {
    const p = id === null ? undefined : me.options.find((o) => o.id === id) ?? state.positions.get(id);
    return p ? `${p.jabatan} · ${unitName(p.unitId)}` : t("mutasi.noPosition");
  };
  async function send() {
    const body = { choice, wishes: choice === "stay" ? [] : wishes.filter(Boolean), reasons: reason ? [{ code: reason, note }] : [] };
    const wish = await api<MyCycle["wish"]>("PUT", `/mutasi/cycles/${cycle.id}/wishes/me`, body);
    setMe({ ...me!, wish });
    setFlash(t("mutasi.wishSaved"));
    setMe(await api<MyCycle>("GET", `/mutasi/cycles/${cycle.id}/me`));
  }
  async function sendObjection(line: MyLine) {
    await api("POST", `/mutasi/plans/${line.planId}/objections`, { text: objection });
    setObjection("");
    setFlash(t("mutasi.objectionSent"));
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
      {me.line && (
        <section className="my-line" data-testid="my-line" data-approved={String(me.line.approved)}>
          <h3>{t("mutasi.myLine")}</h3>
          <p data-testid="my-line-text">{me.line.move ? t("mutasi.lineMove", { to: position(me.line.to) }) : t("mutasi.lineStay", { position: position(me.line.from) })}</p>
          {me.line.move && <p className="small"><MoveWhy move={me.line.move} /></p>}
          <p className="muted small">{t(me.line.approved === null ? "mutasi.lineUndecided" : me.line.approved ? "mutasi.lineApproved" : "mutasi.lineRefused")}</p>
          {cycle.phase !== "effective" && (
            <form className="actions" onSubmit={(e) => { e.preventDefault(); void run(() => sendObjection(me.line!)); }}>
              <label className="grow">{t("mutasi.object")}<input value={objection} maxLength={2000} onChange={(e) => setObjection(e.target.value)} data-testid="objection-text" /></label>
              <button type="submit" disabled={busy || !objection.trim()} data-testid="objection-send">{t("mutasi.objectSend")}</button>
            </form>
          )}
        </section>
      )}
      {me.objections.length > 0 && (
        <>
          <h3>{t("mutasi.objections", { n: me.objections.length })}</h3>
          <ul className="small" data-testid="my-objections">
            {me.objections.map((o) => (
              <li key={o.id} data-answered={String(o.answer !== undefined)}>
                <strong>{t(`mutasi.objectionKind.${o.kind}`)}</strong>: {o.text}
                <div className={o.answer === undefined ? "muted" : "answer"}>{o.answer === undefined ? t("mutasi.notAnswered") : t("mutasi.answerIs", { answer: o.answer })}</div>
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorBox message={error} />
      <Flash message={flash} />
    </section>
  );
}
