/** The coordinator's workspace: the live map on the left, incidents / spikes / plan / assignments on the right. */
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { attentionItems } from "../../model/attention.js";
import { useMinute } from "../../model/clock.js";
import type { LatLng } from "../../../shared/domain.js";
import { useLive } from "../../app/live.js";
import { TAB_HASH } from "../../app/router.js";
import { useKeepPushText } from "../../pwa/PushToggle.js";
import { useI18n } from "../../i18n/index.js";
import SiagaMap from "../../map/SiagaMap.js";
import { Kpis } from "../Kpis.js";
import { AssignmentsPanel } from "./AssignmentsPanel.js";
import { IncidentForm, type PickTarget } from "./IncidentForm.js";
import { IncidentList } from "./IncidentList.js";
import { PlanPanel, type PlanRequest } from "./PlanPanel.js";
import { RosterPanel } from "./RosterPanel.js";
import { ReplayBar } from "./ReplayBar.js";
import type { LiveState } from "../../live/index.js";
import { SpikePanel } from "./SpikePanel.js";
import { MutasiPanel } from "../mutasi/MutasiPanel.js";
import { UnitHeads } from "./UnitHeads.js";
import { UnitLoadTable } from "./UnitLoadTable.js";

type Tab = "incidents" | "spikes" | "plan" | "assignments" | "units" | "mutasi" | "data";
/** `opened` counts the times an edit was (re)opened: reloading the latest version remounts the form. */
type Editing = { mode: "new" } | { mode: "edit"; id: string; opened: number } | null;

/** The tab a link names (client/app/router.ts TAB_HASH), if any. */
function tabOfHash(): Tab | undefined {
  return window.location.hash === TAB_HASH.assignments ? "assignments" : undefined;
}

export default function CoordinatorView() {
  const { t } = useI18n();
  const { state: live } = useLive();
  // While the replay bar is open the map, the load and the lists show the state at the chosen seq, read-only.
  const [replayed, setReplayed] = useState<LiveState | null>(null);
  const state = replayed ?? live;
  useKeepPushText();
  const [tab, setTab] = useState<Tab>(() => tabOfHash() ?? "incidents");
  // A notification's tap opens /koordinator#penugasan (client/pwa/push.ts), also in a window already open.
  useEffect(function tabFromLink() {
    const follow = () => { const linked = tabOfHash(); if (linked) setTab(linked); };
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);
  const [editing, setEditing] = useState<Editing>(null);
  const [location, setLocation] = useState<LatLng | null>(null);
  const [commandPost, setCommandPost] = useState<LatLng | null>(null);
  const [pickTarget, setPickTarget] = useState<PickTarget>("location");
  const [selectedIncident, setSelectedIncident] = useState<string | null>(null);
  const [spikeUnit, setSpikeUnit] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const [planRequest, setPlanRequest] = useState<PlanRequest | null>(null);
  const [zoomTo, setZoomTo] = useState<{ point: LatLng; n: number } | null>(null);
  const [zoomUnit, setZoomUnit] = useState<string | null>(null);
  const minute = useMinute();
  const attention = state ? attentionItems(state, minute) : [];
  const [toasts, setToasts] = useState<{ key: string; text: string }[]>([]);
  const seen = useRef<Set<string> | null>(null);

  // A decline or a recall that arrives while the page is open is told at once (in-page; nothing to click).
  useEffect(function toastNewAttention() {
    if (!state) return;
    const keys = new Set(attention.map((x) => x.key));
    if (seen.current === null) {
      seen.current = keys;
      return;
    }
    const fresh = attention.filter((x) => !seen.current!.has(x.key));
    seen.current = keys;
    if (fresh.length === 0) return;
    setToasts((list) => [...list, ...fresh.map((x) => ({
      key: x.key,
      text: t(x.kind === "declined" ? "attention.declined" : "attention.recall", {
        name: state.staff.get(x.assignment.staffId)?.name ?? x.assignment.staffId,
        unit: state.units.get(x.assignment.fromUnitId)?.name ?? x.assignment.fromUnitId,
        reason: x.reason,
      }),
    }))].slice(-4));
  }, [attention]); // eslint-disable-line react-hooks/exhaustive-deps

  function replace(needId: string) {
    setTab("plan");
    setPlanRequest((r) => ({ needIds: [needId], n: (r?.n ?? 0) + 1 }));
  }

  function zoomToUnit(id: string) {
    const u = state?.units.get(id);
    if (!u) return;
    setZoomUnit(id);
    setZoomTo((z) => ({ point: u.location, n: (z?.n ?? 0) + 1 }));
  }

  useEffect(function scrollPanelToTop() {
    panel.current?.scrollTo({ top: 0 });
  }, [tab, editing]);

  function startNew(at: LatLng | null) {
    setTab("incidents");
    setEditing({ mode: "new" });
    setLocation(at);
    setCommandPost(null);
    setPickTarget("location");
  }

  function startEdit(id: string) {
    const i = state?.incidents.get(id);
    if (!i) return;
    setTab("incidents");
    setEditing((e) => ({ mode: "edit", id, opened: (e?.mode === "edit" ? e.opened : 0) + 1 }));
    setSelectedIncident(id);
    setLocation(i.location);
    setCommandPost(i.commandPost ?? null);
    setPickTarget("location");
  }

  function onPick(p: LatLng) {
    if (tab === "incidents" && editing) {
      if (pickTarget === "post") setCommandPost(p);
      else setLocation(p);
    } else if (tab === "incidents" || tab === "plan" || tab === "assignments") {
      startNew(p);
    }
  }

  function done() {
    setEditing(null);
    setLocation(null);
    setCommandPost(null);
  }

  const editingIncident = editing?.mode === "edit" ? state?.incidents.get(editing.id) : undefined;
  const tabs: { id: Tab; label: string }[] = [
    { id: "incidents", label: t("tab.incidents") },
    { id: "spikes", label: t("tab.spikes") },
    { id: "plan", label: t("tab.plan") },
    { id: "assignments", label: t("tab.assignments") },
    { id: "units", label: t("tab.units") },
    { id: "mutasi", label: t("tab.mutasi") },
    { id: "data", label: t("tab.data") },
  ];

  // WAI-ARIA tabs: arrow keys move between tabs, Home/End jump to the ends.
  function onTabKey(e: KeyboardEvent) {
    const i = tabs.findIndex((x) => x.id === tab);
    const next = e.key === "ArrowRight" ? (i + 1) % tabs.length : e.key === "ArrowLeft" ? (i - 1 + tabs.length) % tabs.length
      : e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    setTab(tabs[next]!.id);
    document.getElementById(`tab-${tabs[next]!.id}`)?.focus();
  }

  return (
    <main className={`workspace ${tab === "plan" || tab === "assignments" || tab === "mutasi" || tab === "data" ? "wide-panel" : ""}`} data-testid="coordinator-view">
      <section className="map-pane" aria-label={t("map.label")}>
        <SiagaMap
          state={state}
          onPick={tab === "spikes" ? undefined : onPick}
          picked={editing ? (pickTarget === "post" ? commandPost ?? location : location) : null}
          onUnitClick={(id) => { setSpikeUnit(id); if (tab !== "spikes" && !editing) setTab("spikes"); }}
          selectedUnitId={tab === "spikes" ? spikeUnit : tab === "units" ? zoomUnit : null}
          onIncidentClick={(id) => { setSelectedIncident(id); if (!editing) setTab("incidents"); }}
          selectedIncidentId={selectedIncident}
          zoomTo={zoomTo}
        />
      </section>
      <aside className="side-pane">
        {live && <ReplayBar liveSeq={live.seq} onState={setReplayed} />}
        {state && <Kpis state={state} />}
        <div className="tabs" role="tablist" aria-label={t("tab.label")} onKeyDown={onTabKey}>
          {tabs.map((x) => (
            <button key={x.id} type="button" role="tab" id={`tab-${x.id}`} aria-selected={tab === x.id} aria-controls={`panel-${x.id}`}
              tabIndex={tab === x.id ? 0 : -1}
              className={tab === x.id ? "active" : ""} onClick={() => setTab(x.id)} data-testid={`tab-${x.id}`}>
              {x.label}
              {x.id === "assignments" && attention.length > 0 && (
                <span className="tab-badge" data-testid="assignments-badge" data-count={attention.length} aria-label={t("attention.badge", { n: attention.length })}>{attention.length}</span>
              )}
            </button>
          ))}
        </div>
        <div className="tab-panel" ref={panel} role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {replayed ? <AssignmentsPanel state={replayed} readOnly /> : !state ? <p className="loading" role="status">{t("state.loading")}</p> : (
            <>
              {tab === "incidents" && (editing ? (
                <IncidentForm
                  key={editing.mode === "edit" ? `${editing.id}:${editing.opened}` : "new"}
                  incident={editingIncident}
                  location={location}
                  commandPost={commandPost}
                  pickTarget={pickTarget}
                  onPickTarget={setPickTarget}
                  onCommandPost={setCommandPost}
                  onLocation={setLocation}
                  onDone={(i) => { setSelectedIncident(i.id); done(); }}
                  onCancel={done}
                  {...(editing.mode === "edit" ? { onReload: () => startEdit(editing.id) } : {})}
                />
              ) : (
                <IncidentList state={state} selectedId={selectedIncident} onSelect={setSelectedIncident} onEdit={startEdit} onNew={() => startNew(null)} onReplace={replace} />
              ))}
              {tab === "spikes" && <SpikePanel state={state} unitId={spikeUnit} onUnit={setSpikeUnit} />}
              {/* kept mounted: a plan under review survives a look at another tab */}
              <div hidden={tab !== "plan"}><PlanPanel state={state} request={planRequest} /></div>
              {tab === "assignments" && <AssignmentsPanel state={state} onReplace={replace} />}
              {tab === "units" && <><UnitLoadTable state={state} onZoom={zoomToUnit} selectedId={zoomUnit} /><UnitHeads /></>}
              {tab === "mutasi" && <MutasiPanel state={state} />}
              {tab === "data" && <RosterPanel />}
            </>
          )}
        </div>
      </aside>
      {toasts.length > 0 && (
        <div className="toasts" role="status" aria-live="assertive" data-testid="toasts">
          {toasts.map((x) => (
            <div key={x.key} className="toast" data-testid="toast">
              <span>{x.text}</span>
              <button type="button" className="link" onClick={() => { setToasts((l) => l.filter((y) => y.key !== x.key)); setTab("assignments"); }}>{t("attention.show")}</button>
              <button type="button" className="link" aria-label={t("attention.dismiss")} onClick={() => setToasts((l) => l.filter((y) => y.key !== x.key))}>×</button>
            </div>
          ))}
        </div>
      )}
    </main>
  );
}
