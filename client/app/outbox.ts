/**
 * The steps a person takes without signal (check-in, finish, "cannot come"): kept in localStorage with
 * their Idempotency-Key, sent in order when the link returns, applied exactly once by the server
 * (server/idempotency/middleware.ts). A resent step answered 409 was already applied (its first answer was
 * lost and the key's lease had passed) or overtaken; either way it is done, and the live state shows
 * what happened.
 */
import { useSyncExternalStore } from "react";
import type { Assignment } from "../../shared/domain.js";
import type { AssignmentAction } from "../../shared/rules.js";
import { api, ApiError, newIdempotencyKey } from "./api.js";
import { onReconnect } from "./network.js";
import { getSession } from "./session.js";

const KEY = "siaga.outbox";

export interface QueuedStep {
  key: string;
  username: string;
  assignmentId: string;
  action: AssignmentAction;
  version: number;
  reason?: string;
  queuedAt: number;
  /** Sent at least once: a 409 now means done. */
  tried: boolean;
}

const listeners = new Set<() => void>();
let items: QueuedStep[] = load();
let flushing: Promise<void> | null = null;

function load(): QueuedStep[] {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as QueuedStep[]) : [];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function save(next: QueuedStep[]) {
  items = next;
  localStorage.setItem(KEY, JSON.stringify(items));
  for (const l of [...listeners]) l();
}

const isNetwork = (e: unknown) => e instanceof ApiError && e.code === "network";
const inProgress = (e: unknown) => e instanceof ApiError && (e.details as { reason?: string } | undefined)?.reason === "in_progress";

function send(step: QueuedStep): Promise<Assignment> {
  return api<Assignment>("POST", `/assignments/${encodeURIComponent(step.assignmentId)}/${step.action}`,
    { version: step.version, ...(step.reason ? { reason: step.reason } : {}) }, { key: step.key });
}

/**
 * Takes one step now, or keeps it for later when there is no signal: resolves `"sent"` with the server's
 * answer or `"queued"`; any other refusal of a first attempt rejects, as a direct call would.
 */
export async function stepOrQueue(assignment: Pick<Assignment, "id" | "version">, action: AssignmentAction, reason?: string): Promise<"sent" | "queued"> {
  const username = getSession()?.user.username ?? "";
  const step: QueuedStep = { key: newIdempotencyKey(), username, assignmentId: assignment.id, action, version: assignment.version, ...(reason ? { reason } : {}), queuedAt: Date.now(), tried: false };
  // Kept before it is sent: a page closed mid-request still has it.
  save([...items, step]);
  try {
    await send(step);
    save(items.filter((s) => s.key !== step.key));
    return "sent";
  } catch (error) {
    if (isNetwork(error) || inProgress(error)) {
      save(items.map((s) => (s.key === step.key ? { ...s, tried: true } : s)));
      return "queued";
    }
    save(items.filter((s) => s.key !== step.key));
    throw error;
  }
}

/** Sends what waits, oldest first; stops at the first step the link does not carry. */
export function flushOutbox(): Promise<void> {
  flushing ??= (async () => {
    try {
      const username = getSession()?.user.username;
      for (const step of items.filter((s) => s.username === username)) {
        try {
          await send(step);
        } catch (error) {
          if (isNetwork(error) || inProgress(error)) { save(items.map((s) => (s.key === step.key ? { ...s, tried: true } : s))); return; }
          // 409 after a lost answer (done) or any other refusal: the live state now shows what holds.
        }
        save(items.filter((s) => s.key !== step.key));
      }
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

onReconnect(() => { void flushOutbox(); });

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}
const snapshot = () => items;

/** The steps of this user still waiting for signal. */
export function useOutbox(): QueuedStep[] {
  const all = useSyncExternalStore(subscribe, snapshot);
  const username = getSession()?.user.username;
  return all.filter((s) => s.username === username);
}
