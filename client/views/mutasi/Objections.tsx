/**
 * The cycle's objections with their text, for the coordinators who answer them and the PPK who reads them
 * before deciding. The live feed says that one was filed or answered (never what it says), and the list is
 * fetched again then.
 */
import { useEffect, useState } from "react";
import type { MutasiCycle, Objection } from "../../../shared/mutasi-cycle.js";
import { can } from "../../../shared/policy.js";
import { api } from "../../app/api.js";
import { useSession } from "../../app/session.js";
import { ErrorBox, useAction } from "../../app/ui.js";
import { useI18n } from "../../i18n/index.js";
import type { LiveState } from "../../live/index.js";

export function Objections({ state, cycle }: { state: LiveState; cycle: MutasiCycle }) {
  const { t, f } = useI18n();
  const user = useSession()?.user;
  const mayRead = user !== undefined && can(user, "mutasi.objection.read");
  const mayAnswer = user !== undefined && can(user, "mutasi.objection.answer");
  const [list, setList] = useState<Objection[] | null>(null);
  const { error, run } = useAction();
  // Changes whenever one of the cycle's objections is filed or answered.
  const seen = [...state.objections.values()].filter((o) => o.cycleId === cycle.id).map((o) => `${o.id}:${o.version}`).sort().join(",");
  useEffect(function loadObjections() {
    if (!mayRead) return;
    let live = true;
    void run(async () => {
      const got = await api<Objection[]>("GET", `/mutasi/cycles/${cycle.id}/objections`);
      if (live) setList(got);
    });
    return () => { live = false; };
  }, [cycle.id, seen, mayRead, run]);
  if (!mayRead) return null;
  const answered = (o: Objection) => setList((l) => l?.map((x) => (x.id === o.id ? o : x)) ?? null);
  return (
    <section className="card" data-testid="mutasi-objections">
      <h2>{t("mutasi.objectionsTitle")}</h2>
      {list !== null && list.length === 0 && <p className="empty">{t("mutasi.noObjections")}</p>}
      {list !== null && list.length > 0 && (
        <ul className="objections">
          {list.map((o) => (
            <li key={o.id} data-testid={`objection-${o.id}`} data-answered={String(o.answer !== undefined)}>
              <strong>{state.staff.get(o.staffId)?.name ?? o.staffId}</strong> · {t(`mutasi.objectionKind.${o.kind}`)} · <span className="muted small">{f.dateTime(o.createdAt)}</span>
              <div>{o.text}</div>
              {o.answer !== undefined
                ? <div className="answer">{t("mutasi.answeredBy", { by: o.answeredBy ?? "", at: o.answeredAt ? f.dateTime(o.answeredAt) : "" })}: {o.answer}</div>
                : mayAnswer ? <AnswerForm objection={o} onAnswered={answered} /> : <div className="muted small">{t("mutasi.notAnswered")}</div>}
            </li>
          ))}
        </ul>
      )}
      <ErrorBox message={error} />
    </section>
  );
}

function AnswerForm({ objection, onAnswered }: { objection: Objection; onAnswered: (o: Objection) => void }) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState("");
  const { busy, error, run } = useAction();
  async function send() {
    onAnswered(await api<Objection>("POST", `/mutasi/objections/${objection.id}/answer`, { answer, version: objection.version }));
  }
  return (
    <form className="actions" onSubmit={(e) => { e.preventDefault(); void run(send); }}>
      <label className="grow">{t("mutasi.answer")}<input value={answer} maxLength={2000} onChange={(e) => setAnswer(e.target.value)} data-testid="answer-text" /></label>
      <button type="submit" disabled={busy || !answer.trim()} data-testid="answer-send">{t("mutasi.answerSend")}</button>
      <ErrorBox message={error} />
    </form>
  );
}
