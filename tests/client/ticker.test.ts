import { beforeAll, describe, expect, it } from "vitest";
import { loadLocale, makeFormatters, translate, type Locale, type MessageKey, type Params } from "../../client/i18n/index.js";
import { LiveStore } from "../../client/live/store.js";
import { describeEvent, describeLine, newsworthy, tickerLines } from "../../client/views/ticker.js";
import { ev, incident, snapshot, unit } from "./fixtures.js";

// The English words load on demand (client/i18n/saved.ts).
beforeAll(() => loadLocale("en"));

const i18n = (locale: Locale) => ({ t: (k: MessageKey, p?: Params) => translate(locale, k, p), f: makeFormatters(locale) });

describe("ticker sentences", () => {
  const store = new LiveStore();
  store.applySnapshot({ ...snapshot(0, [unit("U1")]), incidents: [incident("I1", "Banjir Sikumana")] }, 0);
  const state = store.getState()!;
  const assignment = {
    id: "A1", staffId: "S9", needId: "N1", siteKind: "incident", siteId: "I1", fromUnitId: "U1", released: false,
    state: "requested", history: [], createdAt: "2025-01-10T08:00:00+08:00", updatedAt: "2025-01-10T08:00:00+08:00", version: 1,
  };

  it("tells an incident and an assignment in the user's language", () => {
    const created = ev(1, "incident.created", incident("I1", "Banjir Sikumana", 1, { severity: 4 }));
    expect(describeEvent(created, state, i18n("id"))).toBe("Kejadian baru: Banjir Sikumana (Banjir, tingkat 4)");
    expect(describeEvent(created, state, i18n("en"))).toBe("New incident: Banjir Sikumana (Flood, severity 4)");
    expect(describeEvent(ev(2, "assignment.created", assignment), state, i18n("id"))).toBe("S9 (Unit U1) diminta untuk Banjir Sikumana");
    expect(describeEvent(ev(3, "assignment.active", { ...assignment, state: "active" }), state, i18n("en"))).toBe("S9 arrived at Banjir Sikumana");
  });

  it("never shows a raw event type: an unknown fact reads as a generic sentence", () => {
    expect(describeEvent(ev(4, "session.opened", {}), state, i18n("id"))).toBe("Data diperbarui");
    expect(describeEvent(ev(4, "session.opened", {}), state, i18n("en"))).toBe("Records updated");
    expect(describeEvent(ev(4, "assignment.reshuffled", { ...assignment, state: "weird" }), state, i18n("id"))).toBe("Data diperbarui");
  });

  it("an assignment created in a state tells that state", () => {
    expect(describeEvent(ev(5, "assignment.created", { ...assignment, state: "confirmed" }), state, i18n("id"))).toBe("S9 (Unit U1) disetujui ke Banjir Sikumana");
  });

  it("tells the two stages of an escalation apart: to the stand-in (Plh), then to the coordinator", () => {
    const at = { escalatedAt: "2025-01-10T08:30:00+08:00", escalatedTo: "plh.pkm1" };
    expect(describeEvent(ev(6, "assignment.escalated", { ...assignment, ...at, escalationStage: "stand_in" }), state, i18n("id")))
      .toBe("Permintaan S9 (Unit U1) untuk Banjir Sikumana belum dijawab kepala unit: dieskalasi ke Plh plh.pkm1");
    expect(describeEvent(ev(7, "assignment.escalated", { ...assignment, ...at, escalationStage: "coordinator" }), state, i18n("en")))
      .toBe("The request for S9 (Unit U1) to Banjir Sikumana went unanswered: escalated to the coordinator");
  });

  it("leaves account events (user.*) and unknown entities out of the ticker", () => {
    expect(newsworthy(ev(10, "user.created", { username: "kepala.x", role: "unit_head" }), undefined)).toBe(false);
    expect(newsworthy(ev(11, "user.revoked", { username: "kepala.x" }), undefined)).toBe(false);
    expect(newsworthy(ev(12, "session.opened", {}), undefined)).toBe(false);
    expect(newsworthy(ev(13, "incident.updated", incident("I1", "Banjir Sikumana")), undefined)).toBe(true);
  });

  it("says created for a new unit or person, not updated", () => {
    expect(describeEvent(ev(5, "staff.created", { id: "S9", name: "Maria Manafe" }), state, i18n("id"))).toBe("Pegawai baru terdaftar: Maria Manafe");
    expect(describeEvent(ev(6, "unit.created", unit("U2")), state, i18n("en"))).toMatch(/^New unit: /);
  });

  it("leaves out the seed load and the status change an assignment event already told", () => {
    const checkin = ev(7, "assignment.active", { ...assignment, state: "active" });
    const status = ev(8, "staff.updated", { id: "S9", name: "S9", status: "deployed" });
    expect(newsworthy(status, checkin)).toBe(false);
    expect(newsworthy(ev(8, "staff.updated", { id: "S7", name: "S7" }), checkin)).toBe(true);
    expect(newsworthy(ev(9, "staff.updated", { id: "S9", name: "S9" }), checkin)).toBe(true);
    expect(newsworthy({ ...ev(1, "staff.created", { id: "S1" }), actor: "seed" }, undefined)).toBe(false);
    expect(newsworthy(checkin, undefined)).toBe(true);
  });
});

describe("ticker lines", () => {
  const store = new LiveStore();
  store.applySnapshot({ ...snapshot(0, [unit("U1")]), incidents: [incident("I1", "Banjir Sikumana")] }, 0);
  const state = store.getState()!;
  const line = (seq: number, planId?: string, actor = "koordinator") => ({ ...ev(seq, "assignment.created", {
    id: `A${seq}`, staffId: `S${seq}`, needId: "N1", siteKind: "incident", siteId: "I1", fromUnitId: "U1", released: false, ...(planId ? { planId } : {}),
    state: "requested", history: [], createdAt: "2025-01-10T08:00:00+08:00", updatedAt: "2025-01-10T08:00:00+08:00", version: 1,
  }), actor });

  it("one plan approval is one line, however many people it requests", () => {
    const events = [ev(1, "incident.created", incident("I1", "Banjir Sikumana")), ...Array.from({ length: 100 }, (_, i) => line(2 + i, "P1")), line(102)];
    const lines = tickerLines(events);
    expect(lines.map((l) => l.events.length)).toEqual([1, 100, 1]);
    expect(lines[1]!.seq).toBe(101);
    expect(describeLine(lines[1]!, state, i18n("id"))).toBe("Rencana disetujui: 100 penugasan diminta");
    expect(describeLine(lines[1]!, state, i18n("en"))).toBe("Plan approved: 100 assignments requested");
    expect(describeLine(lines[2]!, state, i18n("id"))).toBe(describeEvent(events[101]!, state, i18n("id")));
  });

  it("two plans, or two approvers, stay apart", () => {
    expect(tickerLines([line(1, "P1"), line(2, "P2"), line(3, "P2", "lain")]).map((l) => l.events.length)).toEqual([1, 1, 1]);
  });
});
