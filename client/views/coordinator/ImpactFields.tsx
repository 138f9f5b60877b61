/**
 * BPBD's impact figures in the incident form (issue 15): the server proposes needs per skill from the
 * ratios of shared/estimate.ts, each shown with the ratio it came from; the coordinator edits them after.
 */
import { useState } from "react";
import { EstimateBody, IMPACT_FIGURES, type EstimateResponse, type ImpactFigure } from "../../../shared/estimate.js";
import { api } from "../../app/api.js";
import { ErrorBox, useAction } from "../../app/ui.js";
import { useI18n, type MessageKey } from "../../i18n/index.js";
import type { NeedRow } from "../NeedsEditor.js";

export function ImpactFields({ onPropose }: { onPropose: (rows: NeedRow[]) => void }) {
  const { t, f } = useI18n();
  const [figures, setFigures] = useState<Record<ImpactFigure, string>>({ affected: "", evacuees: "", households: "", shelters: "", kitchens: "" });
  const [bases, setBases] = useState<EstimateResponse["needs"]>([]);
  const { busy, error, run } = useAction();

  async function propose() {
    const parsed = EstimateBody.safeParse(Object.fromEntries(IMPACT_FIGURES.map((k) => [k, Number(figures[k] || 0)])));
    if (!parsed.success) return;
    const res = await run(() => api<EstimateResponse>("POST", "/estimate/needs", parsed.data));
    if (!res) return;
    setBases(res.needs);
    // One row per skill (two ratios of one skill add up); priority 3 until the coordinator says otherwise.
    const bySkill = new Map<string, number>();
    for (const n of res.needs) bySkill.set(n.skill, (bySkill.get(n.skill) ?? 0) + n.count);
    onPropose([...bySkill].map(([skill, count]) => ({ skill: skill as NeedRow["skill"], count: String(count), priority: "3" })));
  }

  return (
    <fieldset className="impact" data-testid="incident-impact">
      <legend>{t("estimate.title")}</legend>
      <div className="impact-grid">
        {IMPACT_FIGURES.map((k) => (
          <label key={k}>
            <span>{t(`estimate.figure.${k}`)}</span>
            <input type="number" min={0} step={1} inputMode="numeric" value={figures[k]} data-testid={`impact-${k}`}
              onChange={(e) => setFigures({ ...figures, [k]: e.target.value })} />
          </label>
        ))}
      </div>
      <button type="button" className="secondary" disabled={busy} onClick={propose} data-testid="impact-propose">{t("estimate.propose")}</button>
      <ErrorBox message={error} />
      {bases.length > 0 && (
        <ul className="muted small" data-testid="impact-bases">
          {bases.map((n) => (
            <li key={n.basis}>{t(`skill.${n.skill}`)} {f.number(n.count)}: {t(`estimate.ratio.${n.basis}` as MessageKey)}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
