/** EJ per unit before and after the plan: two bars a row, in CSS, with the overload line at EJ = 1. */
import { ejBand } from "../../../shared/mutasi-cycle.js";
import { useI18n } from "../../i18n/index.js";
import type { UnitEj } from "./derive.js";

const MAX = 2;

export function EjChart({ rows, unitName }: { rows: UnitEj[]; unitName: (id: string) => string }) {
  const { t, f } = useI18n();
  const bar = (value: number | null, kind: "before" | "after") => (
    <div className={`ej-bar ej-${kind} ej-band-${ejBand(value) ?? "none"}`} style={{ width: `${Math.min(100, ((value ?? 0) / MAX) * 100)}%` }}
      title={`${t(`mutasi.ej.${kind}`)}: ${value === null ? "–" : f.number(value, 2)}`} />
  );
  return (
    <figure className="ej-chart" data-testid="ej-chart" aria-label={t("mutasi.ej.title")}>
      <figcaption>{t("mutasi.ej.title")} <span className="muted small">{t("mutasi.ej.legend")}</span></figcaption>
      <table className="ej-table">
        <thead><tr><th>{t("mutasi.unit")}</th><th>{t("mutasi.ej.need")}</th><th>{t("mutasi.ej.staff")}</th><th className="ej-bars-head">EJ</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.unitId} data-unit={r.unitId}>
              <td>{unitName(r.unitId)}</td>
              <td>{f.number(r.need, 1)}</td>
              <td>{r.before === r.after ? r.before : `${r.before} → ${r.after}`}</td>
              <td className="ej-bars">
                <div className="ej-track"><div className="ej-one" style={{ left: `${100 / MAX}%` }} />{bar(r.ejBefore, "before")}{bar(r.ejAfter, "after")}</div>
                <span className="small">{r.ejBefore === null ? "–" : f.number(r.ejBefore, 2)} → {r.ejAfter === null ? "–" : f.number(r.ejAfter, 2)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
