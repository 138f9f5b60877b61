/** The PPK's page (/mutasi): the cycle and its plan to decide, full width. */
import { useLive } from "../../app/live.js";
import { useI18n } from "../../i18n/index.js";
import { MutasiPanel } from "./MutasiPanel.js";

export default function MutasiView() {
  const { t } = useI18n();
  const { state } = useLive();
  return (
    <main className="page mutasi-page" data-testid="mutasi-view">
      <header className="page-head"><h1>{t("mutasi.title")}</h1></header>
      {!state ? <p className="loading" role="status">{t("state.loading")}</p> : <MutasiPanel state={state} />}
    </main>
  );
}
