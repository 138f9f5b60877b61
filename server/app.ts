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
import { precompressed } from "./http/precompressed.js";
import { idempotency } from "./idempotency/middleware.js";
import { jsonBodies, routeGate } from "./auth/gate.js";
import { noStore, securityHeaders } from "./http/headers.js";
import { demobilisationRoutes } from "./demobilisation/routes.js";
import { estimateRoutes } from "./estimate/routes.js";
import { incidentRoutes } from "./incidents/routes.js";
import { letterRoutes } from "./letters/routes.js";
import { verifyRoutes } from "./letters/verify.js";
import { openApiRoutes } from "./openapi/routes.js";
import { log, requestLogger, type Logger } from "./log.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { createPlannerPool, type Planner } from "./planner/pool.js";
import { planRoutes } from "./plans/routes.js";
import { createMutasiPool } from "./mutasi/pool.js";
import { mutasiRoutes } from "./mutasi/routes.js";
import { positionRoutes } from "./positions/routes.js";
import { pushRoutes } from "./push/routes.js";
import { startPush, type Push, type PushSettings } from "./push/sender.js";
import { attachRealtime, type Realtime } from "./realtime/server.js";
import { releaseRoutes } from "./releases/routes.js";
import { rosterRoutes } from "./roster/routes.js";
import { exportRoutes } from "./exports/routes.js";
import { startCheckpointer } from "./replay/service.js";
import { startSweeps, type Sweeps } from "./sweeps/schedule.js";
import { LONG_HOURS_DEFAULTS, type LongHoursSettings } from "../shared/rules.js";
import { spikeRoutes } from "./spikes/routes.js";
import { staffRoutes } from "./staff/routes.js";
import { stateRoutes } from "./state/routes.js";
import type { Store } from "./store/port.js";
import { DomainError } from "../shared/errors.js";
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
  /** SIAGA_PUBLIC_URL: the origin letters print in their verify links; default the origin a request came to. */
  publicUrl?: string | undefined;
  /** Express's `trust proxy` (SIAGA_TRUST_PROXY); default "loopback", a reverse proxy on this machine. */
  trustProxy?: boolean | number | string;
  /** Issue 15's settings (SIAGA_ESCALATE_AFTER_MIN, SIAGA_SHIFT_HOURS, SIAGA_FATIGUE_LIMIT_HOURS); default LONG_HOURS_DEFAULTS. */
  settings?: Partial<LongHoursSettings>;
  /** How often the escalation and relief sweeps run (real time; they read ctx.clock); 0: only when `sweeps.run()` is called. Default 60 s. */
  sweepEveryMs?: number;
  /** Web Push (SIAGA_VAPID_*); without it push is off and GET /api/push/key says so. */
  push?: PushSettings | undefined;
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
  /** Web Push after commit, when configured (server/push/sender.ts). */
  push: Push | undefined;
  close(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<App> {
  // No thread starts before the first solve, so a createApp that fails below leaves none behind.
  const ownsPlanner = !options.planner;
  let realtime: Realtime | undefined; // attached below, once the HTTP server exists
  const metrics = createMetrics(() => realtime?.stats());
  const planner = options.planner ?? createPlannerPool();
  const ctx: Ctx = { store: metrics.store(options.store), clock: options.clock ?? systemClock, siteClosed: closeSiteAssignments, planner: metrics.planner(planner), mutasi: createMutasiPool(), sessionsEnded: (ended) => realtime?.endSessions(ended),
    settings: { ...LONG_HOURS_DEFAULTS, ...options.settings } };
  // Before anything can commit: every alerting fact from here on is pushed.
  const push = options.push ? startPush(ctx, options.push, { registry: metrics.registry, logger: options.logger ?? log }) : undefined;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? "loopback");

  // Before everything else: every answer, /metrics and errors included, has its id, its line and its timing.
  app.use(requestLogger(options.logger ?? log), metrics.http, securityHeaders());
  // Outside /api: for the scraper, not for the dashboard, and not in the REST table.
  app.get("/metrics", metrics.endpoint(options.metricsToken));

  const api = express.Router();
  // Token and role from the REST table, then the media type, then the body: nothing is read or inflated first.
  api.use(noStore, routeGate(ctx), ...jsonBodies());
  api.get("/health", async (_req, res) => {
    // 503 when the store cannot be written or read, so a load balancer or a watchdog takes it out.
    const store = await ctx.store.health();
    const lastStoreError = store.lastError ? { lastStoreError: store.lastError } : {};
    const seq = store.writable ? await ctx.store.lastSeq().catch(() => undefined) : undefined;
    if (seq === undefined) {
      throw new DomainError("store_unavailable", "The database cannot be written or read", { store: ctx.store.kind, writable: false, ...lastStoreError });
    }
    res.json({ ok: true, store: ctx.store.kind, seq, epoch: ctx.store.epoch, uptimeS: Math.round(process.uptime()), writable: true, ...lastStoreError, live: realtime?.stats() });
  });
  api.use(openApiRoutes());
  const auth = authRoutes(ctx, [idempotency(ctx)]);
  api.use(auth.open);
  api.use(auth.guarded);
  for (const routes of [stateRoutes, unitRoutes, spikeRoutes, releaseRoutes, staffRoutes, incidentRoutes, assignmentRoutes, planRoutes, positionRoutes, mutasiRoutes, rosterRoutes, exportRoutes, demobilisationRoutes, estimateRoutes]) api.use(routes(ctx));
  api.use(letterRoutes(ctx, { publicUrl: options.publicUrl }));
  api.use(pushRoutes(ctx, push));
  api.use(notFound);
  app.use("/api", api, errorHandler);
  // Public, outside /api: the page a letter's QR code opens.
  app.use(verifyRoutes(ctx));

  if (options.clientDir && existsSync(join(options.clientDir, "index.html"))) {
    const clientDir = options.clientDir;
    app.use(precompressed(clientDir));
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
    push,
    async close() {
      await sweeps.close();
      await live.close();
      await checkpointer.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      // After the last request: what they committed is pushed (or cut off after a short grace).
      await push?.close();
      // Last: the requests that were waiting for a solve have had their answer.
      if (ownsPlanner) await ctx.planner.close();
      await ctx.mutasi.close();
    },
  };
}
