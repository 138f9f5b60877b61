/**
 * Metrics in the Prometheus text format (prom-client), on a registry of each app's own so that several
 * apps in one process (the tests) do not share series: HTTP durations by route pattern and status, live
 * sockets, fan-out lag, planner solve time, store transaction time and failures, and prom-client's process
 * defaults (event-loop lag, memory, CPU, GC).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { DomainError } from "../shared/errors.js";
import type { Planner } from "./planner/pool.js";
import { StoreConflict, type Store } from "./store/port.js";
import { routeOf } from "./log.js";

export type SolveKind = "plan" | "simulate";

export interface Metrics {
  registry: Registry;
  /** Seconds a planner solve took, by kind; `planner()` feeds it, and so may a planner that times itself. */
  plannerSolve: Histogram<"kind">;
  /** Times every request once it is answered, by method, route pattern and status. */
  http: RequestHandler;
  /** The store with its write transactions timed and their failures counted; the rest passes through. */
  store(store: Store): Store;
  /** The planner with its solves timed. */
  planner(planner: Planner): Planner;
  /** GET /metrics: a bearer token when one is set, else loopback clients only. */
  endpoint(token: string | undefined): RequestHandler;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** Why a write transaction failed: the store refused a conditional write, the service refused the change, or anything else. */
const failureOf = (error: unknown) => (error instanceof StoreConflict ? "conflict" : error instanceof DomainError ? "rejected" : "error");

export function createMetrics(live: () => { sockets: number; behind: number } | undefined): Metrics {
  const registry = new Registry();
  // nodejs_eventloop_lag_*, process_resident_memory_bytes, nodejs_heap_*, … under their usual names.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const httpDuration = new Histogram({
    name: "siaga_http_request_duration_seconds",
    help: "HTTP requests by method, route pattern and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  new Gauge({
    name: "siaga_live_sockets", help: "Live feed sockets connected to this process", registers,
    collect() { this.set(live()?.sockets ?? 0); },
  });
  new Gauge({
    name: "siaga_fanout_behind_events", help: "Events committed in this process that the live fan-out has yet to send to every socket group", registers,
    collect() { this.set(live()?.behind ?? 0); },
  });
  const plannerSolve = new Histogram({
    name: "siaga_planner_solve_seconds",
    help: "Planner solves by kind (a stored plan or a what-if), from the request's side: queue and worker hop included",
    labelNames: ["kind"],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const transaction = new Histogram({
    name: "siaga_store_transaction_seconds",
    help: "Store write transactions, committed or rolled back",
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers,
  });
  const transactionErrors = new Counter({
    name: "siaga_store_transaction_errors_total",
    help: "Store write transactions that failed: conflict (a conditional write lost), rejected (the service refused the change), error (anything else)",
    labelNames: ["reason"],
    registers,
  });
  // Present at 0 from the start, so an alert on the rate of `error` has a series to read.
  for (const reason of ["conflict", "rejected", "error"]) transactionErrors.inc({ reason }, 0);

  const timed = async <T>(observe: () => void, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } finally {
      observe();
    }
  };

  return {
    registry,
    plannerSolve,
    http: (req, res, next) => {
      const end = httpDuration.startTimer();
      res.once("finish", () => end({ method: req.method, route: routeOf(req), status: String(res.statusCode) }));
      next();
    },
    store(store) {
      const transact: Store["transact"] = async (fn) => {
        const end = transaction.startTimer();
        try {
          return await store.transact(fn);
        } catch (error) {
          transactionErrors.inc({ reason: failureOf(error) });
          throw error;
        } finally {
          end();
        }
      };
      // A Proxy rather than a new object: whatever else an adapter offers (a backup, say) stays reachable.
      return new Proxy(store, {
        get(target, key) {
          if (key === "transact") return transact;
          const value = Reflect.get(target, key, target) as unknown;
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    },
    planner(planner) {
      const solving = (kind: SolveKind) => plannerSolve.startTimer({ kind });
      return {
        solve: (input) => timed(solving("plan"), () => planner.solve(input)),
        simulate: (raw) => timed(solving("simulate"), () => planner.simulate(raw)),
        close: () => planner.close(),
      };
    },
    endpoint(token) {
      // Hashed first, so the comparison takes the same time whatever the length of what was sent.
      const digest = (s: string) => createHash("sha256").update(s).digest();
      const expected = token ? digest(token) : undefined;
      return async (req, res, next) => {
        if (expected) {
          const given = /^Bearer ([^\s]+)$/.exec(req.get("authorization") ?? "")?.[1];
          if (!given || !timingSafeEqual(digest(given), expected)) {
            next(new DomainError("unauthenticated", "/metrics needs the metrics token (SIAGA_METRICS_TOKEN) as a bearer token"));
            return;
          }
        } else if (!LOOPBACK.has(req.socket.remoteAddress ?? "") || !LOOPBACK.has(req.ip ?? "")) {
          // The peer must be this host, and not a proxy here relaying an outsider: req.ip is the client that
          // SIAGA_TRUST_PROXY lets X-Forwarded-For name (the peer itself when it trusts none).
          next(new DomainError("forbidden", "/metrics answers loopback clients only while SIAGA_METRICS_TOKEN is unset"));
          return;
        }
        res.setHeader("Content-Type", registry.contentType);
        res.send(await registry.metrics());
      };
    },
  };
}
