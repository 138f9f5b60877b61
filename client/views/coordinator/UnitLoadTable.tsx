/**
 * Every unit's load beside the map (issue 13, item 6): load, people present, floor, lent, released;
 * sortable by any column; a click on a unit zooms the map to it.
 */
import { useState } from "react";
import { useI18n } from "../../i18n/index.js";
import type { LiveState } from "../../live/index.js";
import { LOAD_COLORS, releasedStaff, unitAggregates } from "../../model/derive.js";
import { useMinute } from "../../model/clock.js";

type Key = "name" | "load" | "atHome" | "floor" | "lentOut" | "released";

export function UnitLoadTable({ state, onZoom, selectedId }: { state: LiveState; onZoom: (unitId: string) => void; selectedId: string | null }) {
  const { t, f } = useI18n();
  const minute = useMinute();
  const [sort, setSort] = useState<{ key: Key; desc: boolean }>({ key: "load", desc: true });
  const aggs = unitAggregates(state.units, state.staff, state.spikes, state.assignments, minute);
  const released = new Map<string, number>();
  for (const staffId of releasedStaff(state.releases, minute).keys()) {
    const unit = state.staff.get(staffId)?.homeUnitId;
    if (unit) released.set(unit, (released.get(unit) ?? 0) + 1);
  }
  const rows = [...aggs.values()].map((a) => ({
    id: a.unit.id, name: a.unit.name, load: a.load, level: a.level, atHome: a.atHome, floor: a.unit.floor, lentOut: a.lentOut, released: released.get(a.unit.id) ?? 0,
  }));
  const dir = sort.desc ? -1 : 1;
  rows.sort((a, b) => (sort.key === "name" ? a.name.localeCompare(b.name) : a[sort.key] - b[sort.key]) * dir || a.name.localeCompare(b.name));
  const header = (key: Key, label: string, num = true) => (
    <th scope="col" className={num ? "num" : ""} aria-sort={sort.key === key ? (sort.desc ? "descending" : "ascending") : "none"}>
      <button type="button" className="link sort" onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== "name" }))} data-testid={`unit-sort-${key}`}>
        {label}{sort.key === key ? (sort.desc ? " ▼" : " ▲") : ""}
      </button>
    </th>
  );
  return (
    <section aria-labelledby="unit-load-title" data-testid="unit-load-table">
      <h2 id="unit-load-title">{t("units.title")}</h2>
      <p className="muted small">{t("units.hint")}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              {header("name", t("units.col.name"), false)}
              {header("load", t("units.col.load"))}
              {header("atHome", t("units.col.available"))}
              {header("floor", t("units.col.floor"))}
              {header("lentOut", t("units.col.lent"))}
              {header("released", t("units.col.released"))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={selectedId === r.id ? "row-selected" : ""} data-testid={`unit-row-${r.id}`} data-load={r.load}>
                <td><button type="button" className="link" onClick={() => onZoom(r.id)} data-testid={`unit-zoom-${r.id}`}>{r.name}</button></td>
                <td className="num"><span className="swatch round" style={{ background: LOAD_COLORS[r.level] }} aria-hidden="true" /> {f.number(r.load, 2)}</td>
                <td className="num">{f.number(r.atHome)}</td>
                <td className="num">{f.number(r.floor)}</td>
                <td className="num">{f.number(r.lentOut)}</td>
                <td className="num">{f.number(r.released)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
