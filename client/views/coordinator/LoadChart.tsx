/** Before/after load per unit of a plan as plain SVG bars, with the 0.8 and 1.1 thresholds. */
import { useState } from "react";
import type { Unit } from "../../../shared/domain.js";
import { useI18n } from "../../i18n/index.js";
import { LOAD_COLORS, LOAD_THRESHOLDS, loadLevel } from "../../model/derive.js";

const ROW = 26;
const LABEL_W = 170;
const BAR_W = 300;
const TOP = 22;

export function LoadChart({ loadByUnit, units }: {
  loadByUnit: Record<string, { before: number; after: number; taken: number }>;
  units: ReadonlyMap<string, Unit>;
}) {
  const { t, f } = useI18n();
  const [all, setAll] = useState(false);
  const rows = Object.entries(loadByUnit)
    .filter(([, v]) => v.taken > 0 || v.after !== v.before)
    .sort(([, a], [, b]) => b.after - a.after);
  if (rows.length === 0) return null;
  const shown = all ? rows : rows.slice(0, 15);
  const max = Math.max(1.2, ...shown.map(([, v]) => Math.max(v.before, v.after)));
  const x = (v: number) => LABEL_W + (Math.min(v, max) / max) * BAR_W;
  const height = TOP + shown.length * ROW + 8;
  const name = (id: string) => units.get(id)?.name ?? id;
  const short = (s: string) => (s.length > 24 ? `${s.slice(0, 23)}…` : s);

  return (
    <figure className="load-chart" data-testid="load-chart">
      <figcaption>{t("chart.title")}</figcaption>
      <svg viewBox={`0 0 ${LABEL_W + BAR_W + 90} ${height}`} role="img" aria-label={t("chart.aria", { n: shown.length })}>
        <g className="legend" fontSize="11">
          <rect x={LABEL_W} y={4} width={10} height={10} className="bar-before" />
          <text x={LABEL_W + 14} y={13}>{t("chart.before")}</text>
          <rect x={LABEL_W + 90} y={4} width={10} height={10} fill={LOAD_COLORS.warn} />
          <text x={LABEL_W + 104} y={13}>{t("chart.after")}</text>
        </g>
        {[LOAD_THRESHOLDS.warn, LOAD_THRESHOLDS.over].filter((v) => v <= max).map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={TOP - 4} y2={height - 4} className="threshold" />
            <text x={x(v) + 2} y={height - 1} fontSize="9" className="muted-text">{f.number(v, 1)}</text>
          </g>
        ))}
        {shown.map(([id, v], i) => {
          const y = TOP + i * ROW;
          return (
            <g key={id}>
              <title>{`${name(id)}: ${f.number(v.before, 2)} → ${f.number(v.after, 2)} (${t("chart.taken", { n: v.taken })})`}</title>
              <text x={LABEL_W - 6} y={y + 15} textAnchor="end" fontSize="11">{short(name(id))}</text>
              <rect x={LABEL_W} y={y + 2} width={Math.max(1, x(v.before) - LABEL_W)} height={9} className="bar-before" />
              <rect x={LABEL_W} y={y + 12} width={Math.max(1, x(v.after) - LABEL_W)} height={9} fill={LOAD_COLORS[loadLevel(v.after)]} />
              <text x={x(Math.max(v.before, v.after)) + 4} y={y + 15} fontSize="11">
                {f.number(v.before, 2)} → {f.number(v.after, 2)} (−{v.taken})
              </text>
            </g>
          );
        })}
      </svg>
      {rows.length > 15 && (
        <button type="button" className="link" onClick={() => setAll(!all)}>
          {all ? t("chart.fewer") : t("chart.all", { n: rows.length })}
        </button>
      )}
    </figure>
  );
}
