/**
 * Declare or edit an incident. Checked with the shared schema before sending; a server 400's field paths
 * are shown next to the same fields.
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { IncidentCreate, IncidentPatch } from "../../../shared/api.js";
import { INCIDENT_STATUSES, INCIDENT_TYPES, type Incident, type IncidentStatus, type IncidentType, type LatLng } from "../../../shared/domain.js";
import { api, ApiError } from "../../app/api.js";
import { ErrorBox, Field, useAction } from "../../app/ui.js";
import { markServerFields, zodFieldErrors, type FieldErrors } from "../../app/validation.js";
import { useI18n } from "../../i18n/index.js";
import { KELURAHAN, kelurahanAt } from "../../map/geo.js";
import { NeedsEditor, needRowsToInput, type NeedRow } from "../NeedsEditor.js";
import { ImpactFields } from "./ImpactFields.js";

export type PickTarget = "location" | "post";

export function IncidentForm({ incident, location, commandPost, pickTarget, onPickTarget, onCommandPost, onLocation, onDone, onCancel, onReload }: {
  /** Editing this incident; a new one when absent. */
  incident?: Incident;
  location: LatLng | null;
  commandPost: LatLng | null;
  pickTarget: PickTarget;
  onPickTarget: (t: PickTarget) => void;
  onCommandPost: (p: LatLng | null) => void;
  /** Sets the incident's point without the map: a kelurahan's centroid or typed coordinates. */
  onLocation?: (p: LatLng) => void;
  onDone: (incident: Incident) => void;
  onCancel: () => void;
  /** Opens the form again on the incident's latest version (after someone else changed it). */
  onReload?: () => void;
}) {
  const i18n = useI18n();
  const { t, f } = i18n;
  const [type, setType] = useState<IncidentType>(incident?.type ?? "banjir");
  const [title, setTitle] = useState(incident?.title ?? "");
  const [severity, setSeverity] = useState(String(incident?.severity ?? 3));
  const [status, setStatus] = useState<IncidentStatus>(incident?.status ?? "active");
  // A new incident starts with a 500 m area; an edited one keeps exactly what it had.
  const [radius, setRadius] = useState(incident ? (incident.radiusM ? String(incident.radiusM) : "") : "500");
  const [kelurahan, setKelurahan] = useState<string[]>(incident?.kelurahan ?? []);
  const [needs, setNeeds] = useState<NeedRow[]>(
    incident?.needs.map((n) => ({ id: n.id, skill: n.skill, count: String(n.count), priority: String(n.priority) })) ?? [],
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const { error, setError, busy, run } = useAction();
  // The version the edit started from, not the live one: a change made meanwhile by someone else is
  // refused by the server (409 version) instead of being overwritten without anyone knowing.
  const [baseVersion] = useState(incident?.version);
  const [stale, setStale] = useState(false);

  const [lat, setLat] = useState("");
  const [lng, setLng] = useState("");
  const [coordError, setCoordError] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(function focusIntoForm() {
    first.current?.focus();
  }, []);

  // A map click (a new point, or the click that opened a new incident) ticks the kelurahan under it; an
  // edited incident's own point does not (its list is what was saved).
  const opened = useRef(incident ? location : null);
  useEffect(function tickKelurahanUnderPoint() {
    if (!location || location === opened.current) return;
    const code = kelurahanAt(location);
    if (code) setKelurahan((list) => (list.includes(code) ? list : [...list, code]));
  }, [location]);

  function chooseKelurahan(code: string) {
    const k = KELURAHAN.find((x) => x.code === code);
    if (!k?.centroid || !onLocation) return;
    onPickTarget("location");
    onLocation(k.centroid);
  }

  function useCoordinates() {
    const p = { lat: Number(lat.replace(",", ".")), lng: Number(lng.replace(",", ".")) };
    if (lat.trim() === "" || lng.trim() === "" || !Number.isFinite(p.lat) || !Number.isFinite(p.lng) || Math.abs(p.lat) > 90 || Math.abs(p.lng) > 180) {
      setCoordError(t("incident.coordsInvalid"));
      return;
    }
    setCoordError(null);
    if (pickTarget === "post") onCommandPost(p);
    else onLocation?.(p);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "Escape") {
      e.preventDefault();
      onCancel();
    }
  }

  const toggleKel = (code: string) =>
    setKelurahan((list) => (list.includes(code) ? list.filter((c) => c !== code) : [...list, code]));

  function body() {
    const radiusM = radius.trim() === "" ? undefined : Number(radius);
    const common = {
      type,
      title,
      severity: Number(severity),
      location: location ?? undefined,
      kelurahan,
      needs: needRowsToInput(needs),
    };
    if (!incident) {
      return IncidentCreate.safeParse({
        ...common,
        ...(radiusM !== undefined ? { radiusM } : {}),
        ...(commandPost ? { commandPost } : {}),
      });
    }
    return IncidentPatch.safeParse({
      ...common,
      version: baseVersion,
      status,
      radiusM: radiusM ?? null,
      commandPost: commandPost ?? null,
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setStale(false);
    const parsed = body();
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, i18n));
      setError(t("form.fixFields"));
      return;
    }
    setErrors({});
    const saved = await run(() => incident
      ? api<Incident>("PATCH", `/incidents/${encodeURIComponent(incident.id)}`, parsed.data)
      : api<Incident>("POST", "/incidents", parsed.data), (err) => {
      if (err instanceof ApiError && err.code === "conflict" && (err.details as { reason?: unknown } | undefined)?.reason === "version") setStale(true);
      return markServerFields(setErrors, i18n)(err);
    });
    if (saved !== undefined) onDone(saved);
  }

  const maulafa = KELURAHAN.filter((k) => k.inMaulafa);
  const others = KELURAHAN.filter((k) => !k.inMaulafa);
  const locError = errors.location ?? errors["location.lat"] ?? errors["location.lng"];

  return (
    <form className="panel-form" onSubmit={submit} onKeyDown={onKeyDown} noValidate data-testid="incident-form" aria-labelledby="incident-form-title">
      <h2 id="incident-form-title">{incident ? t("incident.edit") : t("incident.new")}</h2>
      <div className="grid2">
        <Field label={t("incident.type")} error={errors.type}>
          {(p) => (
            <select {...p} ref={first} value={type} onChange={(e) => setType(e.target.value as IncidentType)} data-testid="incident-type">
              {INCIDENT_TYPES.map((it) => <option key={it} value={it}>{t(`incidentType.${it}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t("incident.severity")} error={errors.severity}>
          {(p) => (
            <select {...p} value={severity} onChange={(e) => setSeverity(e.target.value)} data-testid="incident-severity">
              {[1, 2, 3, 4, 5].map((s) => <option key={s} value={String(s)}>{s} · {t(`severity.${s as 1 | 2 | 3 | 4 | 5}`)}</option>)}
            </select>
          )}
        </Field>
      </div>
      <Field label={t("incident.title")} error={errors.title}>
        {(p) => (
          <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200}
            placeholder={t("incident.titlePlaceholder")} data-testid="incident-title" />
        )}
      </Field>
      <fieldset className="location">
        <legend>{t("incident.location")}</legend>
        <div className="pick-row">
          <label className="radio">
            <input type="radio" name="pick" checked={pickTarget === "location"} onChange={() => onPickTarget("location")} />
            {t("incident.pickLocation")}
          </label>
          <label className="radio">
            <input type="radio" name="pick" checked={pickTarget === "post"} onChange={() => onPickTarget("post")} />
            {t("incident.pickPost")}
          </label>
        </div>
        <div className={`coords ${locError ? "has-error" : ""}`} data-testid="incident-location">
          {location
            ? t("incident.at", { lat: f.number(location.lat, 5), lng: f.number(location.lng, 5) })
            : t("incident.clickMap")}
        </div>
        {locError && <div className="field-error" role="alert">{locError}</div>}
        {onLocation && (
          <div className="keyboard-location">
            <label>
              {t("incident.chooseKelurahan")}{" "}
              <select value="" onChange={(e) => chooseKelurahan(e.target.value)} data-testid="incident-kelurahan-pick">
                <option value="">{t("incident.chooseKelurahanNone")}</option>
                {maulafa.map((k) => <option key={k.code} value={k.code}>{k.name}</option>)}
                <optgroup label={t("incident.kelurahanOtherGroup")}>
                  {others.map((k) => <option key={k.code} value={k.code}>{k.name} · {k.kecamatan}</option>)}
                </optgroup>
              </select>
            </label>
            <div className="coord-inputs">
              <label>{t("incident.lat")} <input inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} placeholder="-10.2085" data-testid="incident-lat" /></label>
              <label>{t("incident.lng")} <input inputMode="decimal" value={lng} onChange={(e) => setLng(e.target.value)} placeholder="123.6065" data-testid="incident-lng" /></label>
              <button type="button" className="secondary small" onClick={useCoordinates} data-testid="incident-coords-apply">
                {pickTarget === "post" ? t("incident.coordsApplyPost") : t("incident.coordsApply")}
              </button>
            </div>
            {coordError && <div className="field-error" role="alert">{coordError}</div>}
          </div>
        )}
        <div className="coords muted" data-testid="incident-post">
          {commandPost
            ? <>{t("incident.postAt", { lat: f.number(commandPost.lat, 5), lng: f.number(commandPost.lng, 5) })}{" "}
              <button type="button" className="link" onClick={() => onCommandPost(null)}>{t("incident.postClear")}</button></>
            : t("incident.postDefault")}
        </div>
        {(errors.commandPost || errors["commandPost.lat"]) && <div className="field-error" role="alert">{errors.commandPost ?? errors["commandPost.lat"]}</div>}
      </fieldset>
      <div className="grid2">
        <Field label={t("incident.radius")} error={errors.radiusM} hint={t("incident.radiusHint")}>
          {(p) => (
            <input {...p} type="number" min={1} step={50} inputMode="numeric" value={radius}
              onChange={(e) => setRadius(e.target.value)} data-testid="incident-radius" />
          )}
        </Field>
        {incident && (
          <Field label={t("incident.status")} error={errors.status}>
            {(p) => (
              <select {...p} value={status} onChange={(e) => setStatus(e.target.value as IncidentStatus)} data-testid="incident-status">
                {INCIDENT_STATUSES.map((s) => <option key={s} value={s}>{t(`incidentStatus.${s}`)}</option>)}
              </select>
            )}
          </Field>
        )}
      </div>
      <fieldset className="kelurahan" data-testid="incident-kelurahan">
        <legend>{t("incident.kelurahan")} <span className="muted">({kelurahan.length})</span></legend>
        <div className="check-grid">
          {maulafa.map((k) => (
            <label key={k.code} className="check">
              <input type="checkbox" checked={kelurahan.includes(k.code)} onChange={() => toggleKel(k.code)} data-testid={`kel-${k.code}`} />
              {k.name}
            </label>
          ))}
        </div>
        <details>
          <summary>{t("incident.kelurahanOther", { n: others.length })}</summary>
          <div className="check-grid">
            {others.map((k) => (
              <label key={k.code} className="check" title={k.kecamatan}>
                <input type="checkbox" checked={kelurahan.includes(k.code)} onChange={() => toggleKel(k.code)} data-testid={`kel-${k.code}`} />
                {k.name} <span className="muted">· {k.kecamatan}</span>
              </label>
            ))}
          </div>
        </details>
        {Object.entries(errors).filter(([k]) => k === "kelurahan" || k.startsWith("kelurahan.")).map(([k, m]) => (
          <div key={k} className="field-error" role="alert">{m}</div>
        ))}
      </fieldset>
      <ImpactFields onPropose={setNeeds} />
      <NeedsEditor rows={needs} onChange={setNeeds} errors={errors} />
      <ErrorBox message={error} />
      {stale && onReload && (
        <button type="button" className="secondary" onClick={onReload} data-testid="incident-reload">{t("incident.reload")}</button>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} data-testid="incident-submit">
          {busy ? t("form.saving") : incident ? t("form.save") : t("incident.declare")}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>{t("form.cancel")}</button>
      </div>
    </form>
  );
}
