/**
 * A unit head's part of the annual mutasi, on their own page: the newest plan's moves out of and into their
 * unit, with why, and the Tim Penilai Kinerja's reviews, where they add theirs. Nothing when the plan leaves
 * their unit as it is.
 */
import { withMoves } from "../../../shared/mutasi-cycle.js";
import { useI18n } from "../../i18n/index.js";
import type { LiveState } from "../../live/index.js";
import { currentCycle, latestPlan } from "./derive.js";
import { MoveWhy } from "./MoveWhy.js";
import { Reviews } from "./Reviews.js";

export function UnitReview({ state, unitId }: { state: LiveState; unitId: string }) {
  const { t } = useI18n();
  const cycle = currentCycle(state);
  const plan = cycle && latestPlan(state, cycle.id);
  if (!cycle || !withMoves(plan)) return null;
  const unitOf = (positionId: string) => state.positions.get(positionId)?.unitId;
  const moves = plan.result.moves.filter((m) => unitOf(m.from) === unitId || unitOf(m.to) === unitId);
  if (moves.length === 0) return null;
  const position = (id: string) => {
    const p = state.positions.get(id);
    return p ? `${p.jabatan} · ${state.units.get(p.unitId)?.name ?? p.unitId}` : id;
  };
  return (
    <>
      <section className="card" aria-labelledby="unit-mutasi-title" data-testid="unit-mutasi">
        <h2 id="unit-mutasi-title">{t("mutasi.unitMoves", { year: cycle.year })}</h2>
        <p className="muted small">{t(`mutasi.phase.${cycle.phase}`)}</p>
        <table className="table small">
          <thead><tr><th>{t("mutasi.person")}</th><th>{t("mutasi.direction")}</th><th>{t("mutasi.from")}</th><th>{t("mutasi.to")}</th><th>{t("mutasi.why")}</th></tr></thead>
          <tbody>
            {moves.map((m) => (
              <tr key={m.staffId} data-staff={m.staffId}>
                <td>{state.staff.get(m.staffId)?.name ?? m.staffId}</td>
                <td>{t(unitOf(m.from) === unitId ? "mutasi.out" : "mutasi.in")}</td>
                <td>{position(m.from)}</td>
                <td>{position(m.to)}</td>
                <td><MoveWhy move={m} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <Reviews state={state} plan={plan} cycle={cycle} />
    </>
  );
}
