/** Why a mutasi move is in the plan, in words: the wish it meets or why it is forced, its balance term, the wishes missed and why. */
import type { MutasiMove } from "../../../shared/mutasi.js";
import { useI18n } from "../../i18n/index.js";

export function MoveWhy({ move }: { move: MutasiMove }) {
  const { t, f } = useI18n();
  const x = move.explanation;
  return (
    <>
      {move.wishRank !== null ? t("mutasi.wishRank", { n: move.wishRank + 1 }) : move.forced ? t(`mutasi.forcedReason.${x.forcedReason ?? "balance"}`) : t("mutasi.openMove")}
      {" · "}{t("mutasi.balanceTerm", { value: f.number(x.balance, 2) })}
      {x.missed.map((m) => <div key={m.positionId}>{t("mutasi.missed", { n: m.rank + 1, rule: t(`mutasi.missRule.${m.rule}`) })}</div>)}
    </>
  );
}
