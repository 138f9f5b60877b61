/**
 * The Tim Penilai Kinerja's reviews of a plan, and the form to add one: for coordinators, and for the heads
 * of the units the plan moves people from or to (shared/policy.ts mutasi.plan.review, on the same units the
 * server checks: shared/mutasi-rules.ts affectedUnitIds).
 */
import { useState } from "react";
import type { MutasiCycle, MutasiPlanWire } from "../../../shared/mutasi-cycle.js";
import { affectedUnitIds } from "../../../shared/mutasi-rules.js";
import { can } from "../../../shared/policy.js";
import { api } from "../../app/api.js";
import { useSession } from "../../app/session.js";
import { ErrorBox, useAction } from "../../app/ui.js";
import { useI18n } from "../../i18n/index.js";
import type { LiveState } from "../../live/index.js";

export function Reviews({ state, plan, cycle }: { state: LiveState; plan: MutasiPlanWire; cycle: MutasiCycle }) {
  const { t, f } = useI18n();
  const session = useSession();
  const { busy, error, run } = useAction();
  const [note, setNote] = useState("");
  const open = !plan.decision && (cycle.phase === "planned" || cycle.phase === "in_review");
  const unitIds = affectedUnitIds({ input: { positions: [...state.positions.values()] }, result: plan.result });
  const mayReview = session && can(session.user, "mutasi.plan.review", { unitIds }) && open;
  return (
    <section className="card" data-testid="mutasi-reviews">
      <h2>{t("mutasi.reviews")}</h2>
      {plan.reviews.length === 0 ? <p className="empty">{t("mutasi.noReviews")}</p> : (
        <ul>{plan.reviews.map((r, i) => <li key={i}><strong>{t(`mutasi.vote.${r.vote}`)}</strong> · {r.by} · <span className="muted small">{f.dateTime(r.at)}</span>{r.note && <div>{r.note}</div>}</li>)}</ul>
      )}
      {mayReview && (
        <form className="actions" onSubmit={(e) => { e.preventDefault(); }}>
          <label className="grow">{t("mutasi.note")}<input value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} data-testid="review-note" /></label>
          {(["agree", "object"] as const).map((vote) => (
            <button key={vote} type="button" disabled={busy} data-testid={`review-${vote}`}
              onClick={() => run(async () => { await api("POST", `/mutasi/plans/${plan.id}/reviews`, { vote, note }); setNote(""); })}>{t(`mutasi.vote.${vote}`)}</button>
          ))}
        </form>
      )}
      <ErrorBox message={error} />
    </section>
  );
}
