/** One event of the log as a sentence in the user's language (the screen's ticker). */
import type { Assignment, DemandSpike, Event, Incident, Release, Unit } from "../../shared/domain.js";
import type { I18n, MessageKey } from "../i18n/index.js";
import type { LiveState } from "../live/index.js";
import { siteTitle } from "../model/derive.js";
import { escalationStageOf } from "../../shared/rules.js";

const ASSIGNMENT_FACTS: Record<string, MessageKey> = {
  requested: "ticker.assignment.requested",
  confirmed: "ticker.assignment.confirmed",
  active: "ticker.assignment.active",
  completed: "ticker.assignment.completed",
  declined: "ticker.assignment.declined",
  recalled: "ticker.assignment.recalled",
  cancelled: "ticker.assignment.cancelled",
  recall_requested: "ticker.assignment.recall_requested",
  escalated: "ticker.assignment.escalated",
  relief_due: "ticker.assignment.relief_due",
  until_set: "ticker.assignment.until_set",
};

/** The entities whose events the ticker tells; others (accounts: `user.*`) are no news for the wall. */
const TOLD = new Set(["incident", "spike", "release", "assignment", "plan", "unit", "staff"]);
const entityOf = (type: string) => type.slice(0, Math.max(0, type.indexOf(".")));

export function describeEvent(e: Event, state: LiveState, { t, f }: Pick<I18n, "t" | "f">): string {
  const entity = entityOf(e.type);
  const fact = e.type.slice(entity.length + 1);
  const data = (e.data ?? {}) as Record<string, unknown>;
  const staffName = (id: unknown) => (typeof id === "string" ? state.staff.get(id)?.name ?? id : "?");
  const unitName = (id: unknown) => (typeof id === "string" ? state.units.get(id)?.name ?? id : "?");

  switch (entity) {
    case "incident": {
      const i = data as Partial<Incident>;
      const key: MessageKey = fact === "created" ? "ticker.incident.created" : fact === "closed" ? "ticker.incident.closed" : "ticker.incident.updated";
      return t(key, {
        title: i.title ?? "?",
        type: i.type ? t(`incidentType.${i.type}`) : "",
        severity: i.severity ?? "?",
        status: i.status ? t(`incidentStatus.${i.status}`) : "",
      });
    }
    case "spike": {
      const s = data as Partial<DemandSpike>;
      return t(fact === "ended" ? "ticker.spike.ended" : "ticker.spike.created", {
        unit: unitName(s.unitId), reason: s.reason ?? "", extra: f.number(s.extraWorkload ?? 0, 1),
      });
    }
    case "release": {
      const r = data as Partial<Release>;
      return t(fact === "ended" ? "ticker.release.ended" : "ticker.release.created", {
        name: staffName(r.staffId), unit: unitName(r.unitId), until: r.until ? f.dateTime(r.until) : "",
      });
    }
    case "assignment": {
      const a = data as Partial<Assignment>;
      const params = {
        name: staffName(a.staffId),
        unit: unitName(a.fromUnitId),
        site: a.siteKind && a.siteId ? siteTitle(state, a.siteKind, a.siteId) : "?",
        reason: a.recallRequested?.reason ?? a.history?.at(-1)?.reason ?? "",
      };
      // "created" says nothing of the state it was created in (a plan line starts as requested; a
      // released person's request is confirmed at once): describe the state the data carries.
      // Escalation has two stages (issue 15): to the unit's stand-in, then to the coordinator.
      if (fact === "escalated" && escalationStageOf(a) === "stand_in") return t("ticker.assignment.escalatedStandIn", { ...params, who: a.escalatedTo ?? "" });
      const key = ASSIGNMENT_FACTS[fact === "created" ? a.state ?? "requested" : fact];
      if (key) return t(key, params);
      return a.state && ASSIGNMENT_FACTS[a.state]
        ? t("ticker.assignment.other", { ...params, state: t(`assignmentState.${a.state}`) })
        : t("ticker.other");
    }
    case "plan": {
      const p = data as { lines?: number; unfilled?: number };
      return t("ticker.plan.created", { lines: f.number(p.lines ?? 0), unfilled: f.number(p.unfilled ?? 0) });
    }
    case "unit": {
      const u = data as Partial<Unit>;
      const key: MessageKey = fact === "deleted" ? "ticker.unit.deleted" : fact === "created" ? "ticker.unit.created" : "ticker.unit.updated";
      return t(key, { name: u.name ?? unitName(u.id) });
    }
    case "staff": {
      const key: MessageKey = fact === "deleted" ? "ticker.staff.deleted" : fact === "created" ? "ticker.staff.created" : "ticker.staff.updated";
      return t(key, { name: (data.name as string | undefined) ?? staffName(data.id) });
    }
    default:
      // Never the raw type: a fact the ticker does not know yet still reads as a sentence.
      return t("ticker.other");
  }
}

/**
 * Whether an event is news for a command center: about an entity the ticker tells (not an account), not
 * the initial seed load, and not the status change of a person that the assignment event just before it
 * already told (check-in, finish, recall).
 */
export function newsworthy(e: Event, previous: Event | undefined): boolean {
  if (e.actor === "seed" || !TOLD.has(entityOf(e.type))) return false;
  if (e.type !== "staff.updated" || !previous?.type.startsWith("assignment.")) return true;
  const staffId = (previous.data as Partial<Assignment> | undefined)?.staffId;
  return !(previous.seq === e.seq - 1 && staffId === (e.data as { id?: string } | undefined)?.id);
}

/** One line of the ticker: one event, or the events of one plan approval folded into one. */
export interface TickerLine {
  seq: number;
  at: string;
  type: string;
  events: readonly Event[];
}

const planOf = (e: Event) => (e.type === "assignment.created" ? (e.data as Partial<Assignment> | undefined)?.planId : undefined);

/**
 * Folds back-to-back `assignment.created` events of one plan by one actor (one approval) into one line,
 * so an approval of 100 lines is one line on the wall, not 100. Events in seq order; lines in the same order.
 */
export function tickerLines(events: readonly Event[]): TickerLine[] {
  const out: { seq: number; at: string; type: string; events: Event[] }[] = [];
  for (const e of events) {
    const last = out.at(-1);
    const plan = planOf(e);
    if (last && plan && planOf(last.events[0]!) === plan && last.events[0]!.actor === e.actor) {
      last.events.push(e);
      last.seq = e.seq;
      last.at = e.at;
      continue;
    }
    out.push({ seq: e.seq, at: e.at, type: e.type, events: [e] });
  }
  return out;
}

/** A ticker line as a sentence. */
export function describeLine(line: TickerLine, state: LiveState, i18n: Pick<I18n, "t" | "f">): string {
  if (line.events.length > 1) return i18n.t("ticker.plan.approved", { n: i18n.f.number(line.events.length) });
  return describeEvent(line.events[0]!, state, i18n);
}
