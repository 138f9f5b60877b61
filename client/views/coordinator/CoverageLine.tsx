/**
 * One need's or one incident's coverage in honest numbers (shared/rules.ts Coverage): the bar fills with
 * people confirmed or on site only; requests show as their own, paler part. `data-incident-kpi` carries each
 * number (the header's `data-kpi` stays unique on the page).
 */
import type { Coverage } from "../../../shared/rules.js";
import { useI18n } from "../../i18n/index.js";

export function CoverageLine({ coverage: c, wanted }: { coverage: Coverage; wanted: number }) {
  const { t } = useI18n();
  const pct = (n: number) => `${Math.min(100, Math.round((n / Math.max(1, wanted)) * 100))}%`;
  const filled = c.confirmed + c.onSite;
  return (
    <span className="fill coverage">
      <span className="fill-bar" aria-hidden="true">
        <span style={{ width: pct(filled) }} />
        <span className="fill-requested" style={{ width: pct(Math.min(c.requested, Math.max(0, wanted - filled))) }} />
      </span>
      <span className="coverage-counts">
        <span data-incident-kpi="unmet" data-value={c.unmet} className={c.unmet > 0 ? "warn-text" : ""}>{t("coverage.unmet", { n: c.unmet, wanted })}</span>
        {" · "}<span data-incident-kpi="requested" data-value={c.requested}>{t("coverage.requested", { n: c.requested })}</span>
        {" · "}<span data-incident-kpi="confirmed" data-value={c.confirmed}>{t("coverage.confirmed", { n: c.confirmed })}</span>
        {" · "}<span data-incident-kpi="on_site" data-value={c.onSite}>{t("coverage.onSite", { n: c.onSite })}</span>
        {c.declined > 0 && <>{" · "}<span data-incident-kpi="declined" data-value={c.declined} className="warn-text">{t("coverage.declined", { n: c.declined })}</span></>}
      </span>
    </span>
  );
}
