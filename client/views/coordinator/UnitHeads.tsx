/** The coordinator's call list: every unit head's username and phone (GET /api/unit-heads, coordinator only). */
import { useEffect, useState } from "react";
import { z } from "zod";
import { UnitHeadContact } from "../../../shared/api.js";
import { api } from "../../app/api.js";
import { ErrorBox, useAction } from "../../app/ui.js";
import { useI18n } from "../../i18n/index.js";

export function UnitHeads() {
  const { t } = useI18n();
  const [heads, setHeads] = useState<UnitHeadContact[] | null>(null);
  const [query, setQuery] = useState("");
  const { error, run } = useAction();
  useEffect(function loadHeads() {
    void run(async () => setHeads(z.array(UnitHeadContact).parse(await api<unknown>("GET", "/unit-heads"))));
    // once, when the list is opened
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const q = query.trim().toLowerCase();
  const shown = (heads ?? []).filter((h) => !q || h.unitName.toLowerCase().includes(q) || h.username.includes(q) || (h.name ?? "").toLowerCase().includes(q));
  return (
    <details className="unit-heads" data-testid="unit-heads">
      <summary>{t("heads.title", { n: heads?.length ?? 0 })}</summary>
      <ErrorBox message={error} />
      <input type="search" placeholder={t("heads.search")} value={query} onChange={(e) => setQuery(e.target.value)} aria-label={t("heads.search")} />
      <div className="table-wrap">
        <table>
          <thead><tr><th scope="col">{t("heads.col.unit")}</th><th scope="col">{t("heads.col.username")}</th><th scope="col">{t("heads.col.contact")}</th></tr></thead>
          <tbody>
            {shown.map((h) => (
              <tr key={h.username} data-testid={`head-${h.unitId}`}>
                <td>{h.unitName}</td>
                <td><code>{h.username}</code></td>
                <td>{h.name ?? ""}{h.phone ? <> · <a href={`tel:${h.phone.replace(/[^+0-9]/g, "")}`}>{h.phone}</a></> : <span className="muted"> {t("heads.noPhone")}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
