/**
 * The wall's board: one block per active incident, one row per skill it needs, with needed, requested,
 * confirmed, on site and declined — counted by the one coverage rule (shared/rules.ts via
 * client/model/derive.ts needIndex). Declines and overloaded donor units stand out in colour. Type is
 * large enough to read from 5 m (≥ 32 px at 1920×1080).
 */
import type { Incident } from "../../../shared/domain.js";
import { emptyCoverage, incidentTakesPeople, type Coverage } from "../../../shared/rules.js";
import { useI18n } from "../../i18n/index.js";
import type { LiveState } from "../../live/index.js";
import { useMinute } from "../../model/clock.js";
import { needIndex, severityColor, severityTextColor, unitAggregates } from "../../model/derive.js";

const COLUMNS = ["requested", "confirmed", "onSite", "declined"] as const satisfies readonly (keyof Coverage)[];

export function IncidentBoard({ state }: { state: LiveState }) {
  const { t, f } = useI18n();
  const minute = useMinute();
  const needs = needIndex(state.incidents, state.spikes, state.assignments, minute);
  const incidents = [...state.incidents.values()].filter(incidentTakesPeople).sort((a, b) => b.severity - a.severity || a.createdAt.localeCompare(b.createdAt));
  const overloaded = [...unitAggregates(state.units, state.staff, state.spikes, state.assignments, minute).values()]
    .filter((u) => u.level === "over").sort((a, b) => b.load - a.load);

  return (
    <section className="board" data-board="incidents" aria-labelledby="board-title">
      <h2 id="board-title">{t("board.title")}</h2>
      {incidents.length === 0 ? <p className="board-empty">{t("board.none")}</p> : incidents.map((incident) => (
        <IncidentBlock key={incident.id} incident={incident} rows={incident.needs.map((n) => ({ skill: n.skill, count: n.count, coverage: needs.get(n.id)?.coverage ?? emptyCoverage() }))} />
      ))}
      {overloaded.length > 0 && (
        <p className="board-overloaded" data-testid="board-overloaded">
          {t("board.overloaded", { units: overloaded.slice(0, 3).map((u) => `${u.unit.name} ${f.number(u.load, 1)}`).join(", ") })}
        </p>
      )}
    </section>
  );
}

function IncidentBlock({ incident, rows }: { incident: Incident; rows: { skill: string; count: number; coverage: Coverage }[] }) {
  const { t, f } = useI18n();
  return (
    <table className="board-incident" data-testid={`board-${incident.id}`}>
      <caption>
        <span className="board-sev" style={{ background: severityColor(incident.severity), color: severityTextColor(incident.severity) }}>{incident.severity}</span> {incident.title}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t("board.skill")}</th>
          <th scope="col">{t("board.needed")}</th>
          {COLUMNS.map((c) => <th scope="col" key={c}>{t(`board.${c}`)}</th>)}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.skill} data-skill={r.skill}>
            <th scope="row">{t(`skill.${r.skill as "medis"}`)}</th>
            <td data-col="needed">{f.number(r.count)}</td>
            {COLUMNS.map((c) => (
              <td key={c} data-col={c} className={c === "declined" && r.coverage.declined > 0 ? "board-bad" : c === "onSite" && r.coverage.onSite >= r.count ? "board-good" : ""}>
                {f.number(r.coverage[c])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
