/**
 * The Siaga map: bundled kelurahan boundaries (works offline), OSM tiles once reachable, units by load,
 * incidents by severity, flows from donor units, and optional picking and focus for the role views.
 * Vector layers draw on the map's canvas renderer (preferCanvas); each live layer keeps its Leaflet
 * objects by id and updates them field by field (useKeyedLayers).
 */
import "leaflet/dist/leaflet.css";
import { useCallback, useState } from "react";
import { MapContainer, ScaleControl } from "react-leaflet";
import type { LatLng } from "../../shared/domain.js";
import type { LiveState } from "../live/index.js";
import { useI18n } from "../i18n/index.js";
import { flows as deriveFlows, siteTitle, unitAggregates, LOAD_COLORS, SEVERITY_COLORS } from "../model/derive.js";
import { KUPANG_BOUNDS, MAULAFA_BOUNDS } from "./geo.js";
import { AutoResize } from "./AutoResize.js";
import { BoundariesLayer } from "./BoundariesLayer.js";
import { FlowsLayer } from "./FlowsLayer.js";
import { FocusLayer, ZoomTo } from "./FocusLayer.js";
import { IncidentsLayer } from "./IncidentsLayer.js";
import { PickLayer } from "./PickLayer.js";
import { TileProbe } from "./TileProbe.js";
import { UnitsLayer } from "./UnitsLayer.js";
import { useMinute } from "../model/clock.js";

export interface SiagaMapProps {
  state: LiveState | null;
  /** Initial view: Kecamatan Maulafa (default) or the whole city. */
  fit?: "maulafa" | "kupang";
  onPick?: (p: LatLng) => void;
  picked?: LatLng | null;
  onUnitClick?: (unitId: string) => void;
  selectedUnitId?: string | null;
  onIncidentClick?: (id: string) => void;
  selectedIncidentId?: string | null;
  focus?: { point: LatLng; label: string } | null;
  /** Zooms to a point each time `n` changes (the unit load table's click). */
  zoomTo?: { point: LatLng; n: number } | null;
  /** Hide units and flows (the staff view shows only the post and incidents). */
  minimal?: boolean;
  legend?: boolean;
  /** Dark palette for the command-center screen. */
  dark?: boolean;
  /** Zoom buttons; the screen has none. */
  controls?: boolean;
  className?: string;
}

export default function SiagaMap(props: SiagaMapProps) {
  const { state, fit = "maulafa", minimal = false, legend = true, dark = false, controls = true } = props;
  const { t } = useI18n();
  const [tiles, setTiles] = useState(false);
  const minute = useMinute();
  const aggs = state ? unitAggregates(state.units, state.staff, state.spikes, state.assignments, minute) : null;
  const flows = state ? deriveFlows(state.units, state.incidents, state.spikes, state.assignments) : null;
  const units = state?.units;
  const incidents = state?.incidents;
  const spikes = state?.spikes;
  const unitName = useCallback((id: string) => units?.get(id)?.name ?? id, [units]);
  const siteName = useCallback(
    (kind: string, id: string) => (incidents && spikes && units ? siteTitle({ incidents, spikes, units }, kind, id) : id),
    [incidents, spikes, units],
  );
  const bounds = fit === "kupang" ? KUPANG_BOUNDS : MAULAFA_BOUNDS;

  return (
    // data-seq / data-incidents: which state the canvas draws (live or a replayed seq) and how many incidents on it.
    <div className={`map-wrap ${props.className ?? ""}`} data-testid="map" data-tiles={tiles ? "on" : "off"}
      data-seq={state?.seq} data-incidents={incidents ? [...incidents.values()].filter((i) => i.status !== "closed").length : undefined}>
      <MapContainer bounds={bounds} boundsOptions={{ padding: [12, 12] }} preferCanvas zoomSnap={0.5} className="map" attributionControl zoomControl={controls}>
        <BoundariesLayer tiles={tiles} dark={dark} avoid={minimal ? undefined : units} />
        <TileProbe onTiles={setTiles} />
        {!minimal && flows && <FlowsLayer flows={flows} unitName={unitName} siteName={siteName} dark={dark} />}
        {incidents && (
          <IncidentsLayer incidents={incidents} onIncidentClick={props.onIncidentClick} selectedIncidentId={props.selectedIncidentId} />
        )}
        {!minimal && aggs && <UnitsLayer aggs={aggs} onUnitClick={props.onUnitClick} selectedUnitId={props.selectedUnitId} />}
        <PickLayer onPick={props.onPick} picked={props.picked} />
        {props.focus && <FocusLayer point={props.focus.point} label={props.focus.label} />}
        {props.zoomTo && <ZoomTo point={props.zoomTo.point} n={props.zoomTo.n} />}
        <ScaleControl imperial={false} />
        <AutoResize />
      </MapContainer>
      {legend && !minimal && (
        <div className="map-legend" aria-label={t("map.legend")}>
          <div className="legend-title">{t("map.legend.load")}</div>
          {(["ok", "warn", "over"] as const).map((level) => (
            <div key={level} className="legend-row">
              <span className="swatch round" style={{ background: LOAD_COLORS[level] }} />
              {t(`load.${level}.range`)}
            </div>
          ))}
          <div className="legend-title">{t("map.legend.severity")}</div>
          <div className="legend-row">
            {SEVERITY_COLORS.map((c, i) => (
              <span key={c} className="swatch sev" style={{ background: c }} title={String(i + 1)}>{i + 1}</span>
            ))}
          </div>
          <div className="legend-row"><span className="swatch line" />{t("map.legend.flow")}</div>
        </div>
      )}
    </div>
  );
}
