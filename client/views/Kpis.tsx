/**
 * The command-center numbers (kpis in derive.ts: computed once per state and minute), counted honestly
 * (shared/rules.ts Coverage): a request is not an arrival. Each count carries `data-kpi` with the bare
 * number, for tests and for screens scraped by other tools.
 */
import { useI18n } from "../i18n/index.js";
import type { LiveState } from "../live/index.js";
import { kpis, loadLevel } from "../model/derive.js";
import { useMinute } from "../model/clock.js";

export function Kpis({ state, large = false }: { state: LiveState; large?: boolean }) {
  const { t, f } = useI18n();
  const minute = useMinute();
  const k = kpis(state, minute);
  const c = k.coverage;
  const maxUnit = k.maxLoadUnitId ? state.units.get(k.maxLoadUnitId)?.name : null;
  const items: { id: string; kpi?: string; n: number; label: string; value: string; warn?: boolean; level?: string; sub?: string }[] = [
    { id: "active-incidents", n: k.activeIncidents, label: t("kpi.activeIncidents"), value: f.number(k.activeIncidents) },
    // Counts as bare digits (no thousands dot): what a scraper reads is the number itself.
    { id: "unmet-need", kpi: "unmet", n: k.unmetNeed, label: t("kpi.unmetNeed"), value: String(k.unmetNeed), warn: k.unmetNeed > 0 },
    { id: "requested", kpi: "requested", n: c.requested, label: t("kpi.requested"), value: String(c.requested) },
    { id: "confirmed", kpi: "confirmed", n: c.confirmed, label: t("kpi.confirmed"), value: String(c.confirmed) },
    { id: "on-site", kpi: "on_site", n: c.onSite, label: t("kpi.onSite"), value: String(c.onSite) },
    { id: "declined", kpi: "declined", n: c.declined, label: t("kpi.declined"), value: String(c.declined), warn: c.declined > 0 },
    {
      id: "max-load", n: k.maxLoad, label: t("kpi.maxLoad"), value: f.number(k.maxLoad, 2), level: loadLevel(k.maxLoad),
      sub: maxUnit ?? undefined,
    },
  ];
  return (
    <div className={`kpis ${large ? "kpis-large" : ""}`} role="group" aria-label={t("kpi.label")}>
      {items.map((it) => (
        <div key={it.id} className={`kpi ${it.warn ? "kpi-warn" : ""} ${it.level ? `kpi-load-${it.level}` : ""}`} data-testid={`kpi-${it.id}`}>
          <div className="kpi-value" data-testid={`kpi-${it.id}-value`} {...(it.kpi ? { "data-kpi": it.kpi, "data-value": String(it.n) } : {})}>{it.value}</div>
          <div className="kpi-label">{it.label}</div>
          {it.sub && <div className="kpi-sub" title={it.sub}>{it.sub}</div>}
        </div>
      ))}
    </div>
  );
}
