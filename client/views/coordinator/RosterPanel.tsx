/**
 * Data in and out: roster import (choose or drop a file, a dry run previews it with every bad row
 * marked, then the real run) with its templates, and the exports for the Camat, the Wali Kota and the
 * auditors (assignments CSV/XLSX with filters, person-days per unit, the event log).
 */
import { useState, type DragEvent } from "react";
import type { ImportResult } from "../../../shared/roster.js";
import { downloadFile, fileType, saveBlob, uploadFile } from "../../app/files.js";
import { useLive } from "../../app/live.js";
import { ErrorBox, useAction } from "../../app/ui.js";
import { issueMessage } from "../../app/validation.js";
import { useI18n } from "../../i18n/index.js";

type Kind = "staff" | "units";

export function RosterPanel() {
  return (
    <div className="roster-panel" data-testid="roster-panel">
      <ImportSection />
      <ExportSection />
    </div>
  );
}

function ImportSection() {
  const i18n = useI18n();
  const { t, f } = i18n;
  const { busy, error, setError, run } = useAction();
  const [kind, setKind] = useState<Kind>("staff");
  const [file, setFile] = useState<{ file: File; type: string } | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [dragging, setDragging] = useState(false);

  async function choose(chosen: File | undefined) {
    setResult(null);
    if (!chosen) return;
    const type = fileType(chosen);
    if (!type) {
      setFile(null);
      setError(t("roster.badType"));
      return;
    }
    setFile({ file: chosen, type });
    const preview = await run(() => uploadFile<ImportResult>(`/import/${kind}?dryRun=1`, chosen, type));
    if (preview) setResult(preview);
  }
  async function confirm() {
    if (!file) return;
    const done = await run(() => uploadFile<ImportResult>(`/import/${kind}`, file.file, file.type));
    if (done) setResult(done);
  }
  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void choose(e.dataTransfer.files[0]);
  }
  function downloadLogins(r: ImportResult) {
    const lines = ["nip,username,kata_sandi", ...(r.logins ?? []).map((l) => `${l.nip},${l.username},${l.password}`)];
    saveBlob(new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv" }), "akun-pegawai-baru.csv");
  }
  const canConfirm = result?.dryRun && result.failed === 0 && result.created + result.updated > 0;

  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title">{t("roster.import")}</h2>
      <div className="field-row">
        <label>
          {t("roster.kind")}{" "}
          <select value={kind} onChange={(e) => { setKind(e.target.value as Kind); setFile(null); setResult(null); }} data-testid="import-kind">
            <option value="staff">{t("roster.kind.staff")}</option>
            <option value="units">{t("roster.kind.units")}</option>
          </select>
        </label>
        <button type="button" className="link" onClick={() => run(() => downloadFile(`/import/${kind}/template.csv`, "templat.csv"))}>{t("roster.templateCsv")}</button>
        <button type="button" className="link" onClick={() => run(() => downloadFile(`/import/${kind}/template.xlsx`, "templat.xlsx"))}>{t("roster.templateXlsx")}</button>
      </div>
      <label
        className={`drop-zone ${dragging ? "dragging" : ""}`}
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="import-drop"
      >
        <span>{file ? file.file.name : t("roster.drop")}</span>
        <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => void choose(e.target.files?.[0])} data-testid="import-file" />
      </label>
      <p className="muted small">{t("roster.hint")}</p>
      <ErrorBox message={error} />
      {result && (
        <div data-testid="import-result" data-failed={result.failed}>
          <p role="status">
            {result.dryRun ? t("roster.preview") : result.written ? t("roster.done") : t("roster.notWritten")}{" "}
            {t("roster.counts", { created: f.number(result.created), updated: f.number(result.updated), unchanged: f.number(result.unchanged), failed: f.number(result.failed) })}
          </p>
          {result.failed > 0 && <p className="error-box" role="alert">{t("roster.fixRows")}</p>}
          <table className="table import-rows">
            <thead><tr><th>{t("roster.row")}</th><th>{kind === "staff" ? "NIP" : t("roster.code")}</th><th>{t("roster.status")}</th><th>{t("roster.problems")}</th></tr></thead>
            <tbody>
              {result.rows.filter((r) => r.status !== "unchanged" || result.rows.length <= 50).map((r) => (
                <tr key={r.row} className={r.status === "error" ? "row-error" : ""} data-row={r.row} data-status={r.status}>
                  <td>{r.row}</td>
                  <td>{r.nip ?? r.code ?? ""}</td>
                  <td>{t(`roster.status.${r.status}`)}</td>
                  <td>{r.errors.map((e, i) => <div key={i}><strong>{e.column}</strong>: {issueMessage({ ...e, path: e.column }, i18n)}</div>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canConfirm && (
            <button type="button" className="primary" disabled={busy} onClick={confirm} data-testid="import-confirm">{t("roster.confirm")}</button>
          )}
          {result.logins && result.logins.length > 0 && (
            <div className="logins">
              <p>{t("roster.logins", { n: f.number(result.logins.length) })}</p>
              <button type="button" onClick={() => downloadLogins(result)} data-testid="import-logins">{t("roster.downloadLogins")}</button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function ExportSection() {
  const { t } = useI18n();
  const { state } = useLive();
  const { busy, error, run } = useAction();
  const [incident, setIncident] = useState("");
  const [unit, setUnit] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const query = new URLSearchParams(Object.entries({ incident, unit, from, to }).filter(([, v]) => v !== "")).toString();
  const q = query ? `?${query}` : "";
  const seasonQ = new URLSearchParams(Object.entries({ from, to }).filter(([, v]) => v !== "")).toString();
  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title">{t("roster.export")}</h2>
      <div className="field-row wrap">
        <label>{t("roster.filter.incident")}{" "}
          <select value={incident} onChange={(e) => setIncident(e.target.value)}>
            <option value="">{t("roster.filter.all")}</option>
            {[...(state?.incidents.values() ?? [])].map((i) => <option key={i.id} value={i.id}>{i.title}</option>)}
          </select>
        </label>
        <label>{t("roster.filter.unit")}{" "}
          <select value={unit} onChange={(e) => setUnit(e.target.value)}>
            <option value="">{t("roster.filter.all")}</option>
            {[...(state?.units.values() ?? [])].map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </label>
        <label>{t("roster.filter.from")} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
        <label>{t("roster.filter.to")} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} /></label>
      </div>
      <ErrorBox message={error} />
      <div className="actions wrap">
        <button type="button" disabled={busy} onClick={() => run(() => downloadFile(`/export/assignments.csv${q}`, "penugasan.csv"))} data-testid="export-assignments-csv">{t("roster.exportAssignmentsCsv")}</button>
        <button type="button" disabled={busy} onClick={() => run(() => downloadFile(`/export/assignments.xlsx${q}`, "penugasan.xlsx"))} data-testid="export-assignments-xlsx">{t("roster.exportAssignmentsXlsx")}</button>
        <button type="button" disabled={busy} onClick={() => run(() => downloadFile(`/export/person-days.csv${seasonQ ? `?${seasonQ}` : ""}`, "hari-orang.csv"))} data-testid="export-person-days">{t("roster.exportPersonDays")}</button>
        <button type="button" disabled={busy} onClick={() => run(() => downloadFile("/export/events.csv", "log.csv"))} data-testid="export-events">{t("roster.exportEvents")}</button>
      </div>
    </section>
  );
}
