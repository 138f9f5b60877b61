/** The command-center numbers (kpis in derive.ts: computed once per state and minute). */
import { useI18n } from "../i18n/index.js";
import type { LiveState } from "../live/index.js";
import { kpis, loadLevel } from "../model/derive.js";
import { useMinute } from "../model/clock.js";

export function Kpis({ state, large = false }: { state: LiveState; large?: boolean }) {
  const { t, f } = useI18n();
  const minute = useMinute();
  const k = kpis(state, minute);
  const maxUnit = k.maxLoadUnitId ? state.units.get(k.maxLoadUnitId)?.name : null;
  const items = [
    { id: "active-incidents", label: t("kpi.activeIncidents"), value: f.number(k.activeIncidents) },
    { id: "deployed", label: t("kpi.deployed"), value: f.number(k.deployed) },
    { id: "unmet-need", label: t("kpi.unmetNeed"), value: f.number(k.unmetNeed), warn: k.unmetNeed > 0 },
    {
      id: "max-load", label: t("kpi.maxLoad"), value: f.number(k.maxLoad, 2), level: loadLevel(k.maxLoad),
      sub: maxUnit ?? undefined,
    },
  ];
  return (
    <div className={`kpis ${large ? "kpis-large" : ""}`} role="group" aria-label={t("kpi.label")}>
      {items.map((it) => (
        <div key={it.id} className={`kpi ${it.warn ? "kpi-warn" : ""} ${it.level ? `kpi-load-${it.level}` : ""}`} data-testid={`kpi-${it.id}`}>
          <div className="kpi-value" data-testid={`kpi-${it.id}-value`}>{it.value}</div>
          <div className="kpi-label">{it.label}</div>
          {it.sub && <div className="kpi-sub" title={it.sub}>{it.sub}</div>}
        </div>
      ))}
    </div>
  );
}
