/** Builds the whole server from its parts; tests call this, server/index.ts only configures and listens. */
import express from "express";
import { existsSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import { join } from "node:path";
import { assignmentRoutes } from "./assignments/routes.js";
import { closeSiteAssignments } from "./assignments/service.js";
import { authRoutes } from "./auth/routes.js";
import { systemClock, type Clock } from "./clock.js";
import type { Ctx } from "./context.js";
import { errorHandler, notFound } from "./http/errors.js";
import { demobilisationRoutes } from "./demobilisation/routes.js";
import { estimateRoutes } from "./estimate/routes.js";
import { incidentRoutes } from "./incidents/routes.js";
import { log, requestLogger, type Logger } from "./log.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { createPlannerPool, type Planner } from "./planner/pool.js";
import { planRoutes } from "./plans/routes.js";
import { attachRealtime, type Realtime } from "./realtime/server.js";
import { releaseRoutes } from "./releases/routes.js";
import { startCheckpointer } from "./replay/service.js";
import { startSweeps, type Sweeps } from "./sweeps/schedule.js";
import { LONG_HOURS_DEFAULTS, type LongHoursSettings } from "../shared/rules.js";
import { spikeRoutes } from "./spikes/routes.js";
import { staffRoutes } from "./staff/routes.js";
import { stateRoutes } from "./state/routes.js";
import type { Store } from "./store/port.js";
import { unitRoutes } from "./units/routes.js";

export interface AppOptions {
  store: Store;
  clock?: Clock;
  /** The built dashboard (vite build output); served with an SPA fallback when present. */
  clientDir?: string;
  redisUrl?: string;
  /** Runs the solves; default a worker pool that createApp starts and close() ends. One passed in is the caller's to close. */
  planner?: Planner;
  /** Request lines and request errors go here; default the process logger (server/log.ts). */
  logger?: Logger;
  /** SIAGA_METRICS_TOKEN: /metrics wants it as a bearer token; unset, /metrics answers loopback clients only. */
  metricsToken?: string | undefined;
  /** Express's `trust proxy` (SIAGA_TRUST_PROXY); default "loopback", a reverse proxy on this machine. */
  trustProxy?: boolean | number | string;
  /** Issue 15's settings (SIAGA_ESCALATE_AFTER_MIN, SIAGA_SHIFT_HOURS, SIAGA_FATIGUE_LIMIT_HOURS); default LONG_HOURS_DEFAULTS. */
  settings?: Partial<LongHoursSettings>;
  /** How often the escalation and relief sweeps run (real time; they read ctx.clock); 0: only when `sweeps.run()` is called. Default 60 s. */
  sweepEveryMs?: number;
}

export interface App {
  ctx: Ctx;
  /** The planner as given or made (ctx.planner is it with its solves timed). */
  planner: Planner;
  http: HttpServer;
  realtime: Realtime;
  /** This app's own registry, served at /metrics. */
  metrics: Metrics;
  /** Escalation and relief (server/sweeps/schedule.ts). */
  sweeps: Sweeps;
  close(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<App> {
  // No thread starts before the first solve, so a createApp that fails below leaves none behind.
  const ownsPlanner = !options.planner;
  let realtime: Realtime | undefined; // attached below, once the HTTP server exists
  const metrics = createMetrics(() => realtime?.stats());
  const planner = options.planner ?? createPlannerPool();
  const ctx: Ctx = { store: metrics.store(options.store), clock: options.clock ?? systemClock, siteClosed: closeSiteAssignments, planner: metrics.planner(planner),
    settings: { ...LONG_HOURS_DEFAULTS, ...options.settings } };
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? "loopback");

  // Before everything else: every answer, /metrics and errors included, has its id, its line and its timing.
  app.use(requestLogger(options.logger ?? log), metrics.http);
  // Outside /api: for the scraper, not for the dashboard, and not in the REST table.
  app.get("/metrics", metrics.endpoint(options.metricsToken));

  const api = express.Router();
  // What-if inputs may hold a province (100,000 staff); every other body is small.
  api.use("/plans/simulate", express.raw({ type: "application/json", limit: "40mb" }));
  api.use(express.json({ limit: "256kb" }));
  api.get("/health", async (_req, res) => {
    res.json({ ok: true, store: ctx.store.kind, seq: await ctx.store.lastSeq(), epoch: ctx.store.epoch, uptimeS: Math.round(process.uptime()), live: realtime?.stats() });
  });
  const auth = authRoutes(ctx);
  api.use(auth.open);
  api.use(auth.guarded);
  for (const routes of [stateRoutes, unitRoutes, spikeRoutes, releaseRoutes, staffRoutes, incidentRoutes, assignmentRoutes, planRoutes, demobilisationRoutes, estimateRoutes]) api.use(routes(ctx));
  api.use(notFound);
  app.use("/api", api, errorHandler);

  if (options.clientDir && existsSync(join(options.clientDir, "index.html"))) {
    const clientDir = options.clientDir;
    app.use(express.static(clientDir, { index: false, maxAge: "1h" }));
    // Client-side routes (/, /screen, …) all load the app shell.
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => res.sendFile(join(clientDir, "index.html")));
  }
  app.use(errorHandler);

  const http = createServer(app);
  const live = await attachRealtime(ctx, http, { redisUrl: options.redisUrl });
  realtime = live;
  const checkpointer = startCheckpointer(options.store);
  const sweeps = startSweeps(ctx, options.sweepEveryMs ?? 60_000);
  return {
    ctx,
    planner,
    http,
    realtime: live,
    metrics,
    sweeps,
    async close() {
      await sweeps.close();
      await live.close();
      await checkpointer.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      // Last: the requests that were waiting for a solve have had their answer.
      if (ownsPlanner) await ctx.planner.close();
    },
  };
}
