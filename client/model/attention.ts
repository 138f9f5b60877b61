/**
 * What the coordinator must not miss (issue 13, item 2): declines that nobody has replaced yet and recalls
 * waiting for the coordinator, newest first. A decline stops asking for attention once its need has
 * people requested, confirmed or on site for all of its count again, or its site takes nobody any more.
 */
import type { Assignment } from "../../shared/domain.js";
import type { LiveState } from "../live/index.js";
import { isOpen, needIndex } from "./derive.js";

export interface AttentionItem {
  /** Stable per item: a later recall of the same assignment is another item. */
  key: string;
  kind: "declined" | "recall";
  assignment: Assignment;
  reason: string;
  at: string;
  needId: string;
}

function memoLast<A, B, R>(fn: (a: A, b: B) => R): (a: A, b: B) => R {
  let last: [A, B, R] | null = null;
  return (a, b) => {
    if (!last || last[0] !== a || last[1] !== b) last = [a, b, fn(a, b)];
    return last[2];
  };
}

/** Once per assignments/incidents/spikes change and minute. */
export const attentionItems = memoLast(function attentionItems(state: LiveState, asOf: number): AttentionItem[] {
  const needs = needIndex(state.incidents, state.spikes, state.assignments, asOf);
  const out: AttentionItem[] = [];
  for (const a of state.assignments.values()) {
    if (a.recallRequested && isOpen(a)) {
      out.push({ key: `recall:${a.id}:${a.recallRequested.at}`, kind: "recall", assignment: a, reason: a.recallRequested.reason, at: a.recallRequested.at, needId: a.needId });
      continue;
    }
    if (a.state !== "declined") continue;
    const ref = needs.get(a.needId);
    if (!ref || !ref.active) continue;
    const c = ref.coverage;
    if (c.requested + c.confirmed + c.onSite >= ref.need.count) continue;
    const last = a.history.at(-1);
    out.push({ key: `declined:${a.id}`, kind: "declined", assignment: a, reason: last?.reason ?? "", at: last?.at ?? a.updatedAt, needId: a.needId });
  }
  return out.sort((x, y) => y.at.localeCompare(x.at));
});
