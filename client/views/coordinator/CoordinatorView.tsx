/** The coordinator's workspace: the live map on the left, incidents / spikes / plan / assignments on the right. */
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { LatLng } from "../../../shared/domain.js";
import { useLive } from "../../app/live.js";
import { useI18n } from "../../i18n/index.js";
import SiagaMap from "../../map/SiagaMap.js";
import { Kpis } from "../Kpis.js";
import { AssignmentsPanel } from "./AssignmentsPanel.js";
import { IncidentForm, type PickTarget } from "./IncidentForm.js";
import { IncidentList } from "./IncidentList.js";
import { PlanPanel } from "./PlanPanel.js";
import { ReplayBar } from "./ReplayBar.js";
import type { LiveState } from "../../live/index.js";
import { SpikePanel } from "./SpikePanel.js";

type Tab = "incidents" | "spikes" | "plan" | "assignments";
/** `opened` counts the times an edit was (re)opened: reloading the latest version remounts the form. */
type Editing = { mode: "new" } | { mode: "edit"; id: string; opened: number } | null;

export default function CoordinatorView() {
  const { t } = useI18n();
  const { state: live } = useLive();
  // While the replay bar is open the map, the load and the lists show the state at the chosen seq, read-only.
  const [replayed, setReplayed] = useState<LiveState | null>(null);
  const state = replayed ?? live;
  const [tab, setTab] = useState<Tab>("incidents");
  const [editing, setEditing] = useState<Editing>(null);
  const [location, setLocation] = useState<LatLng | null>(null);
  const [commandPost, setCommandPost] = useState<LatLng | null>(null);
  const [pickTarget, setPickTarget] = useState<PickTarget>("location");
  const [selectedIncident, setSelectedIncident] = useState<string | null>(null);
  const [spikeUnit, setSpikeUnit] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);

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
    <main className={`workspace ${tab === "plan" || tab === "assignments" ? "wide-panel" : ""}`} data-testid="coordinator-view">
      <section className="map-pane" aria-label={t("map.label")}>
        <SiagaMap
          state={state}
          onPick={tab === "spikes" ? undefined : onPick}
          picked={editing ? (pickTarget === "post" ? commandPost ?? location : location) : null}
          onUnitClick={(id) => { setSpikeUnit(id); if (tab !== "spikes" && !editing) setTab("spikes"); }}
          selectedUnitId={tab === "spikes" ? spikeUnit : null}
          onIncidentClick={(id) => { setSelectedIncident(id); if (!editing) setTab("incidents"); }}
          selectedIncidentId={selectedIncident}
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
                  onDone={(i) => { setSelectedIncident(i.id); done(); }}
                  onCancel={done}
                  {...(editing.mode === "edit" ? { onReload: () => startEdit(editing.id) } : {})}
                />
              ) : (
                <IncidentList state={state} selectedId={selectedIncident} onSelect={setSelectedIncident} onEdit={startEdit} onNew={() => startNew(null)} />
              ))}
              {tab === "spikes" && <SpikePanel state={state} unitId={spikeUnit} onUnit={setSpikeUnit} />}
              {/* kept mounted: a plan under review survives a look at another tab */}
              <div hidden={tab !== "plan"}><PlanPanel state={state} /></div>
              {tab === "assignments" && <AssignmentsPanel state={state} />}
            </>
          )}
        </div>
      </aside>
    </main>
  );
}
