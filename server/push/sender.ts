/**
 * Web Push after commit (issue 14 item 1): the store hands each committed batch of events to this
 * process's listener (server/store/port.ts `subscribe`), which only queues them; the work runs after the
 * write has answered, so a push never slows, blocks or fails a write. Each delivery is a request the
 * web-push library builds (VAPID JWT, RFC 8291 aes128gcm encryption) and sent here with fetch and a
 * timeout. A 404/410 from the push service drops that subscription; a timeout, a network error, a 429 or a
 * 5xx is tried again a few times; anything else is logged and counted (siaga_push_deliveries_total).
 * With the Redis adapter each process pushes its own commits, so every fact goes out once.
 */
import { createHash } from "node:crypto";
import { Counter, type Registry } from "prom-client";
import type { Event } from "../../shared/domain.js";
import type { PushKeyResponse } from "../../shared/push.js";
import type { Ctx } from "../context.js";
import type { Logger } from "../log.js";
import { alerting, deliveriesFor, type Delivery } from "./deliveries.js";
import { forget } from "./subscriptions.js";
import type { Vapid } from "./vapid.js";

export interface PushSettings {
  vapid: Vapid;
  /** Tests: an endpoint may be plain http on localhost (SIAGA_PUSH_ALLOW_HTTP_LOCALHOST). */
  allowHttpLocalhost?: boolean;
  /** One request to the push service, at most (default 10 s). */
  timeoutMs?: number;
  /** The waits before each retry; its length is how many retries (default 5 s, 30 s). */
  retryDelaysMs?: readonly number[];
  /** How long the push service keeps an undelivered message (default 12 h, a shift). */
  ttlS?: number;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
}

export interface Push {
  readonly settings: PushSettings;
  key(): PushKeyResponse;
  /** Resolves once everything queued so far has been sent, dropped or given up (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops listening; what is being sent has `graceMs` (default 2 s) to finish, then is cut off. */
  close(graceMs?: number): Promise<void>;
}

type Result = "sent" | "gone" | "retried" | "failed" | "ended";

/** A push service's answer that a later try may change: too many requests, or its own trouble. */
const retryable = (status: number) => status === 429 || status >= 500;

/** RFC 8030 Topic: a newer message of the same fact replaces one still undelivered (≤ 32 base64url characters). */
const topicOf = (tag: string) => createHash("sha256").update(tag).digest("base64url").slice(0, 32);

export function startPush(ctx: Ctx, settings: PushSettings, options: { registry: Registry; logger: Logger }): Push {
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const retryDelays = settings.retryDelaysMs ?? [5_000, 30_000];
  const concurrency = settings.concurrency ?? 8;
  const log = options.logger.child({ part: "push" });
  const counter = new Counter({
    name: "siaga_push_deliveries_total",
    help: "Web Push deliveries by result: sent, gone (404/410, subscription dropped), retried, failed (given up or refused), ended (the device's session had ended; dropped)",
    labelNames: ["result"],
    registers: [options.registry],
  });
  for (const result of ["sent", "gone", "retried", "failed", "ended"] satisfies Result[]) counter.inc({ result }, 0);

  const pending: Event[] = [];
  const queue: { delivery: Delivery; attempt: number }[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const aborts = new AbortController();
  let planning = false;
  let active = 0;
  let closed = false;
  /** Closing: nothing new is noted and no retry is planned. */
  let stopping = false;
  let waiters: (() => void)[] = [];

  const busy = () => planning || pending.length > 0 || queue.length > 0 || active > 0 || timers.size > 0;
  const settle = () => {
    if (busy()) return;
    const done = waiters;
    waiters = [];
    for (const w of done) w();
  };

  const unsubscribe = ctx.store.subscribe((events) => {
    // Inside the store's write lock: only note them; the work starts on a later turn.
    if (closed) return;
    const facts = alerting(events);
    if (facts.length === 0) return;
    pending.push(...facts);
    if (!planning) {
      planning = true;
      setImmediate(plan);
    }
  });

  /** Reads who hears what for every event noted so far (batches that came meanwhile go in one read). */
  async function plan() {
    try {
      while (pending.length > 0 && !closed) {
        const batch = pending.splice(0);
        try {
          const { deliveries, ended } = await ctx.store.read((tx) => deliveriesFor(tx, batch, ctx.clock.now()));
          for (const s of ended) {
            if (await forget(ctx, s.id, s.endpoint, s.keys).catch(() => false)) counter.inc({ result: "ended" });
          }
          for (const delivery of deliveries) queue.push({ delivery, attempt: 0 });
          pump();
        } catch (error) {
          // The store could not be read: these facts stay unpushed (the live feed and the page still have them).
          counter.inc({ result: "failed" }, batch.length);
          log.error({ err: (error as Error).message, events: batch.length }, "push: could not read who to notify");
        }
      }
    } finally {
      planning = false;
      settle();
    }
  }

  function pump() {
    while (!closed && active < concurrency && queue.length > 0) {
      const job = queue.shift()!;
      active++;
      void deliver(job.delivery, job.attempt).finally(() => {
        active--;
        pump();
        settle();
      });
    }
  }

  async function deliver(delivery: Delivery, attempt: number): Promise<void> {
    const { subscription, payload } = delivery;
    const where = { subscription: subscription.id, host: hostOf(subscription.endpoint), kind: payload.kind, seq: payload.seq, attempt };
    let status: number | undefined;
    let failure: string | undefined;
    try {
      // Loaded at the first push, not at start: a server without VAPID keys never needs it.
      const { default: webpush } = await import("web-push");
      const request = webpush.generateRequestDetails({ endpoint: subscription.endpoint, keys: subscription.keys }, JSON.stringify(payload), {
        vapidDetails: settings.vapid, TTL: settings.ttlS ?? 12 * 3600, urgency: "high", topic: topicOf(payload.tag),
      });
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== "content-length").map(([k, v]) => [k, String(v)]));
      const res = await fetch(request.endpoint, {
        method: "POST", headers, body: request.body ? new Uint8Array(request.body) : null, redirect: "error",
        signal: AbortSignal.any([aborts.signal, AbortSignal.timeout(timeoutMs)]),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (error) {
      failure = (error as Error).name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : (error as Error).message;
    }
    if (closed) return;
    if (status !== undefined && status >= 200 && status < 300) {
      counter.inc({ result: "sent" });
      return;
    }
    if (status === 404 || status === 410) {
      // The browser dropped this subscription (unsubscribed, uninstalled, expired): it is never coming back.
      await forget(ctx, subscription.id, subscription.endpoint, subscription.keys).catch((error: unknown) => log.error({ ...where, err: (error as Error).message }, "push: could not drop a gone subscription"));
      counter.inc({ result: "gone" });
      log.info({ ...where, status }, "push: subscription gone, dropped");
      return;
    }
    if ((status === undefined || retryable(status)) && attempt < retryDelays.length && !stopping) {
      counter.inc({ result: "retried" });
      log.warn({ ...where, status, err: failure }, "push: delivery failed, will retry");
      const timer = setTimeout(() => {
        timers.delete(timer);
        queue.push({ delivery, attempt: attempt + 1 });
        pump();
        settle();
      }, retryDelays[attempt]);
      timer.unref();
      timers.add(timer);
      return;
    }
    counter.inc({ result: "failed" });
    log.error({ ...where, status, err: failure }, "push: delivery failed");
  }

  return {
    settings,
    key: () => ({ enabled: true, publicKey: settings.vapid.publicKey }),
    idle: () => (busy() ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve()),
    async close(graceMs = 2_000) {
      // What has committed and is being sent gets a moment to go out (shutdown); retries waiting do not.
      stopping = true;
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([new Promise<void>((resolve) => (busy() ? waiters.push(resolve) : resolve())), grace]);
      closed = true;
      queue.length = 0;
      pending.length = 0;
      aborts.abort();
      while (active > 0 || planning) await new Promise((resolve) => setImmediate(resolve));
      settle();
    },
  };
}

/** The push service's host, for the log: never the endpoint, which is a capability to push to the device. */
function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return "?";
  }
}
