/** What the coordinator must not miss (client/model/attention.ts) and the honest KPIs (issue 13). */
import { describe, expect, it } from "vitest";
import type { Assignment } from "../../shared/domain.js";
import { LiveStore } from "../../client/live/store.js";
import { attentionItems } from "../../client/model/attention.js";
import { kpis } from "../../client/model/derive.js";
import { incident, snapshot, unit } from "./fixtures.js";

const AT = "2025-01-10T08:00:00.000+08:00";
const LATER = "2025-01-10T09:00:00.000+08:00";

function asg(id: string, state: Assignment["state"], extra: Partial<Assignment> = {}): Assignment {
  return {
    id, staffId: `S-${id}`, needId: "N1", siteKind: "incident", siteId: "I1", fromUnitId: "U1", released: false, state,
    history: state === "declined" ? [{ state: "declined", at: LATER, by: "kepala.u1", reason: "Kurang perawat" }] : [],
    createdAt: AT, updatedAt: AT, version: 1, ...extra,
  };
}

function stateWith(assignments: Assignment[], needCount = 2) {
  const store = new LiveStore();
  store.applySnapshot({
    ...snapshot(0, [unit("U1")]),
    incidents: [incident("I1", "Banjir", 1, { needs: [{ id: "N1", skill: "logistik", count: needCount, priority: 3 }] })],
    assignments,
  }, 0);
  return store.getState()!;
}

describe("needs attention", () => {
  it("lists a decline with its reason until its need has people asked for again, and a pending recall", () => {
    const declined = stateWith([asg("A1", "declined"), asg("A2", "confirmed")]);
    expect(attentionItems(declined, Date.parse(LATER))).toMatchObject([{ kind: "declined", reason: "Kurang perawat", needId: "N1" }]);
    // A replacement was requested: the need has its 2 people asked for, the decline is handled.
    const replaced = stateWith([asg("A1", "declined"), asg("A2", "confirmed"), asg("A3", "requested")]);
    expect(attentionItems(replaced, Date.parse(LATER))).toEqual([]);
    const recall = stateWith([asg("A2", "active", { recallRequested: { at: LATER, by: "kepala.u1", reason: "Dibutuhkan di unit" } })]);
    expect(attentionItems(recall, Date.parse(LATER))).toMatchObject([{ kind: "recall", reason: "Dibutuhkan di unit" }]);
  });

  it("KPIs count a request as a request, not as an arrival", () => {
    const s = stateWith([asg("A1", "requested"), asg("A2", "requested"), asg("A3", "confirmed"), asg("A4", "declined")], 5);
    const k = kpis(s, Date.parse(LATER));
    expect(k.coverage).toEqual({ requested: 2, confirmed: 1, onSite: 0, declined: 1, unmet: 4 });
    expect(k.unmetNeed).toBe(4);
  });
});
