/** Rows of needs (skill, count, priority) for an incident or a demand spike. */
import { SKILLS, type Skill } from "../../shared/domain.js";
import { useI18n } from "../i18n/index.js";
import type { FieldErrors } from "../app/validation.js";

export interface NeedRow {
  /** Kept when editing so the server keeps the need (and its assignments). */
  id?: string;
  skill: Skill;
  count: string;
  priority: string;
}

export function needRowsToInput(rows: NeedRow[]) {
  return rows.map((r) => ({
    ...(r.id ? { id: r.id } : {}),
    skill: r.skill,
    count: r.count.trim() === "" ? undefined : Number(r.count),
    priority: r.priority.trim() === "" ? undefined : Number(r.priority),
  }));
}

export function NeedsEditor({ rows, onChange, errors, prefix = "needs" }: {
  rows: NeedRow[];
  onChange: (rows: NeedRow[]) => void;
  errors: FieldErrors;
  prefix?: string;
}) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<NeedRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () => {
    const used = new Set(rows.map((r) => r.skill));
    const skill = SKILLS.find((s) => !used.has(s)) ?? SKILLS[0];
    onChange([...rows, { skill, count: "1", priority: "3" }]);
  };
  const arrayError = errors[prefix];
  return (
    <fieldset className="needs" data-testid="needs-editor">
      <legend>{t("needs.title")}</legend>
      {rows.length === 0 && <p className="muted">{t("needs.empty")}</p>}
      {rows.map((row, i) => {
        const err = (field: string) => errors[`${prefix}.${i}.${field}`];
        const rowErr = errors[`${prefix}.${i}`];
        return (
          <div className="need-row" key={i} data-testid={`need-row-${i}`}>
            <label>
              <span className="sr-only">{t("needs.skill")} {i + 1}</span>
              <select value={row.skill} onChange={(e) => set(i, { skill: e.target.value as Skill })}
                aria-invalid={Boolean(err("skill"))} data-testid={`need-skill-${i}`}>
                {SKILLS.map((s) => <option key={s} value={s}>{t(`skill.${s}`)}</option>)}
              </select>
            </label>
            <label className="small">
              <span>{t("needs.count")}</span>
              <input type="number" min={1} step={1} inputMode="numeric" value={row.count}
                onChange={(e) => set(i, { count: e.target.value })} aria-invalid={Boolean(err("count"))} data-testid={`need-count-${i}`} />
            </label>
            <label className="small">
              <span>{t("needs.priority")}</span>
              <select value={row.priority} onChange={(e) => set(i, { priority: e.target.value })}
                aria-invalid={Boolean(err("priority"))} data-testid={`need-priority-${i}`}>
                {[5, 4, 3, 2, 1].map((p) => <option key={p} value={String(p)}>{t(`priority.${p as 1 | 2 | 3 | 4 | 5}`)}</option>)}
              </select>
            </label>
            <button type="button" className="ghost icon" onClick={() => onChange(rows.filter((_, j) => j !== i))}
              aria-label={t("needs.remove", { n: i + 1 })} title={t("needs.remove", { n: i + 1 })}>✕</button>
            {(err("skill") || err("count") || err("priority") || rowErr) && (
              <div className="field-error need-error" role="alert">
                {[err("skill"), err("count"), err("priority"), rowErr].filter(Boolean).join(" · ")}
              </div>
            )}
          </div>
        );
      })}
      {arrayError && <div className="field-error" role="alert">{arrayError}</div>}
      <button type="button" className="secondary" onClick={add} disabled={rows.length >= SKILLS.length} data-testid="need-add">
        + {t("needs.add")}
      </button>
    </fieldset>
  );
}
