/** A plan line in words (Bahasa Indonesia by default): why this person, and not the runner-up. */
import type { PlanAssignment, PlanLineWhy } from "../../../shared/planner.js";
import type { I18n } from "../../i18n/index.js";
import type { LiveState } from "../../live/index.js";

export function explainLine(line: PlanAssignment, state: LiveState, { t, f }: Pick<I18n, "t" | "f">): string {
  const e = line.explain;
  const flags = [e.volunteer ? t("plan.flag.volunteer") : null, e.released ? t("plan.flag.released") : null].filter(Boolean);
  const base = t("plan.explain", {
    skill: t(`skill.${e.skill}`),
    km: f.number(line.km, 1),
    fatigue: f.number(e.fatigueHours, 0),
    flags: flags.length ? ` · ${flags.join(", ")}` : "",
    unit: state.units.get(e.unitId)?.name ?? e.unitId,
    before: f.number(e.unitLoadBefore, 2),
    after: f.number(e.unitLoadAfter, 2),
  });
  return line.why ? `${base}. ${whyWords(line, line.why, state, { t, f })}` : base;
}

function whyWords(line: PlanAssignment, why: PlanLineWhy, state: LiveState, { t, f }: Pick<I18n, "t" | "f">): string {
  const next = why.runnerUp;
  if (!next) return t("plan.why.only");
  const e = line.explain;
  const parts = why.reasons.map((r) => {
    switch (r) {
      case "closer": return t("plan.why.closer", { km: f.number(line.km, 1), other: f.number(next.km, 1) });
      case "less_tired": return t("plan.why.lessTired", { hours: f.number(e.fatigueHours, 0), other: f.number(next.fatigueHours, 0) });
      case "volunteer": return t("plan.why.volunteer");
      case "released": return t("plan.why.released");
      case "lighter_unit": return t("plan.why.lighterUnit", { after: f.number(e.unitLoadAfter, 2), other: f.number(next.unitLoadAfter, 2) });
      default: return t("plan.why.only");
    }
  });
  const name = state.staff.get(next.staffId)?.name ?? next.staffId;
  const unit = state.units.get(next.unitId)?.name ?? next.unitId;
  return parts.length
    ? t("plan.why.vs", { name, unit, reasons: parts.join(", ") })
    : t("plan.why.tie", { name, unit });
}
