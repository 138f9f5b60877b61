/** Raise a unit's demand spike (pick the unit on the map or in the list) and end active ones. */
import { useState, type FormEvent } from "react";
import { SpikeCreate } from "../../../shared/api.js";
import type { DemandSpike } from "../../../shared/domain.js";
import { api } from "../../app/api.js";
import { ConfirmButton, ErrorBox, Field, useAction } from "../../app/ui.js";
import { markServerFields, zodFieldErrors, type FieldErrors } from "../../app/validation.js";
import { useI18n } from "../../i18n/index.js";
import type { LiveState } from "../../live/index.js";
import { unitAggregates, unitsByName } from "../../model/derive.js";
import { NeedsEditor, needRowsToInput, type NeedRow } from "../NeedsEditor.js";
import { witaInputToIso } from "../time.js";
import { useMinute } from "../../model/clock.js";

export function SpikePanel({ state, unitId, onUnit }: { state: LiveState; unitId: string | null; onUnit: (id: string | null) => void }) {
  const i18n = useI18n();
  const { t, f } = i18n;
  const [reason, setReason] = useState("");
  const [extra, setExtra] = useState("5");
  const [until, setUntil] = useState("");
  const [needs, setNeeds] = useState<NeedRow[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const { error, setError, busy, run } = useAction();
  const ending = useAction();
  const units = unitsByName(state.units);
  const minute = useMinute();
  const aggs = unitAggregates(state.units, state.staff, state.spikes, state.assignments, minute);
  const agg = unitId ? aggs.get(unitId) : undefined;
  const spikes = [...state.spikes.values()].filter((s) => s.status === "active").sort((a, b) => b.from.localeCompare(a.from));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const errs: FieldErrors = {};
    if (!unitId) errs.unitId = t("validation.required");
    const parsed = SpikeCreate.safeParse({
      reason,
      extraWorkload: extra.trim() === "" ? undefined : Number(extra),
      needs: needRowsToInput(needs),
      ...(until ? { until: witaInputToIso(until) } : {}),
    });
    if (!parsed.success) Object.assign(errs, zodFieldErrors(parsed.error, i18n));
    setErrors(errs);
    if (Object.keys(errs).length || !parsed.success || !unitId) {
      setError(t("form.fixFields"));
      return;
    }
    const created = await run(() => api<DemandSpike>("POST", `/units/${encodeURIComponent(unitId)}/spikes`, parsed.data), markServerFields(setErrors, i18n));
    if (created !== undefined) {
      setReason("");
      setNeeds([]);
      setUntil("");
    }
  }

  async function end(s: DemandSpike): Promise<boolean> {
    return (await ending.run(() => api("POST", `/units/${encodeURIComponent(s.unitId)}/spikes/${encodeURIComponent(s.id)}/end`, {}))) !== undefined;
  }

  return (
    <section aria-labelledby="spike-title">
      <form className="panel-form" onSubmit={submit} noValidate data-testid="spike-form">
        <h2 id="spike-title">{t("spike.new")}</h2>
        <p className="muted small">{t("spike.hint")}</p>
        <Field label={t("spike.unit")} error={errors.unitId}>
          {(p) => (
            <select {...p} value={unitId ?? ""} onChange={(e) => onUnit(e.target.value || null)} data-testid="spike-unit">
              <option value="">{t("spike.chooseUnit")}</option>
              {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          )}
        </Field>
        {agg && (
          <p className="unit-facts" data-testid="spike-unit-facts">
            {t("spike.unitFacts", {
              load: f.number(agg.load, 2), workload: f.number(agg.unit.workload, 1), home: f.number(agg.atHome), floor: f.number(agg.unit.floor),
            })}
          </p>
        )}
        <Field label={t("spike.reason")} error={errors.reason}>
          {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="spike-reason" />}
        </Field>
        <div className="grid2">
          <Field label={t("spike.extra")} error={errors.extraWorkload} hint={t("spike.extraHint")}>
            {(p) => <input {...p} type="number" min={0} step={0.5} value={extra} onChange={(e) => setExtra(e.target.value)} data-testid="spike-extra" />}
          </Field>
          <Field label={t("spike.until")} error={errors.until} hint={t("time.wita")}>
            {(p) => <input {...p} type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} data-testid="spike-until" />}
          </Field>
        </div>
        <NeedsEditor rows={needs} onChange={setNeeds} errors={errors} />
        <ErrorBox message={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} data-testid="spike-submit">{t("spike.raise")}</button>
        </div>
      </form>
      <h3>{t("spike.active")}</h3>
      <ErrorBox message={ending.error} />
      {spikes.length === 0 ? <p className="empty">{t("spike.none")}</p> : (
        <ul className="item-list">
          {spikes.map((s) => (
            <li key={s.id} className="spike-item" data-testid={`spike-${s.id}`}>
              <div className="item-text">
                <strong>{state.units.get(s.unitId)?.name ?? s.unitId}</strong>
                <span>{s.reason}</span>
                <span className="muted">
                  {t("spike.extraN", { n: f.number(s.extraWorkload, 1) })} · {t("spike.since", { time: f.dateTime(s.from) })}
                  {s.until ? ` · ${t("spike.untilTime", { time: f.dateTime(s.until) })}` : ""}
                </span>
                {s.needs.length > 0 && (
                  <span className="muted">{s.needs.map((n) => `${t(`skill.${n.skill}`)} ×${n.count}`).join(", ")}</span>
                )}
              </div>
              <ConfirmButton label={t("spike.end")} question={t("spike.endConfirm", { unit: state.units.get(s.unitId)?.name ?? s.unitId })}
                confirmLabel={t("spike.endYes")} onConfirm={() => end(s)} disabled={ending.busy} testId={`spike-end-${s.id}`} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
