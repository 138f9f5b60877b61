/**
 * Structured logs: one JSON line per request and per notable event (pino). Never a secret or a phone:
 * request lines carry method, path without its query, route pattern, status, duration and the request id
 * only (no headers, no bodies), and the redact paths cut the fields that could hold one should an object
 * that has them ever be logged.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pino, type DestinationStream, type Logger } from "pino";
import { pinoHttp } from "pino-http";
import { routeOf as apiRouteOf } from "../shared/routes.js";

export type { Logger };

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const SECRET_KEYS = ["password", "passwordHash", "token", "authorization", "cookie", "phone"];
/** Those keys at the top of a log object and up to three levels down (`*.token`, `*.*.phone`, …). */
const REDACT = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

/** A logger at `level` (LOG_LEVEL), to stdout or to `destination` (a test's in-memory stream). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino({ level, base: { service: "siaga" }, redact: { paths: REDACT, censor: "[redacted]" } }, destination);
}

/**
 * The process's logger, for what runs outside an app's requests: store adapters, the planner pool, the
 * first-start seed, start-up and shutdown. Silent under vitest; server/index.ts installs one at LOG_LEVEL.
 * A live binding: modules that import it see the one installed last.
 */
export let log: Logger = createLogger(process.env.VITEST ? "silent" : "info");

export function setProcessLogger(logger: Logger): void {
  log = logger;
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** An incoming X-Request-Id when it is a short sane token (a proxy's), else a new one; sent back in the header. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers["x-request-id"];
  const id = typeof incoming === "string" && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader("X-Request-Id", id);
  return id;
}

/**
 * One line per request once it is answered: `req {id, method, path}`, `route`, `status`, `durationMs`.
 * Level info, warn for a 4xx other than 401/404 (what a client got wrong), error for a 5xx, whose stack is
 * on the line errorHandler writes (server/http/errors.ts); a scrape of /metrics that succeeds is debug, or
 * the scraper would fill the log.
 */
export function requestLogger(logger: Logger) {
  const summary = (req: IncomingMessage, res: ServerResponse, durationMs: unknown) => ({ route: routeOf(req), status: res.statusCode, durationMs });
  return pinoHttp({
    logger,
    genReqId: requestId,
    // The raw objects reach these serializers; what they return is all of a request that is logged.
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, path: (req.url ?? "").split("?")[0] }),
    },
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return "error";
      if (res.statusCode >= 400) return [401, 404].includes(res.statusCode) ? "info" : "warn";
      return routeOf(req) === "/metrics" ? "debug" : "info";
    },
    customSuccessMessage: (req, res) => `${req.method} ${routeOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${routeOf(req)} ${res.statusCode}`,
    customSuccessObject: (req, res, val: { responseTime?: unknown }) => summary(req, res, val.responseTime),
    customErrorObject: (req, res, _error, val: { responseTime?: unknown }) => summary(req, res, val.responseTime),
  });
}

/**
 * The pattern of the route a request went to (`/api/units/:id`), never its URL with ids: Express's matched
 * route, else (a request refused before it reached its route, e.g. a 401) the REST table's, else "unmatched".
 */
export function routeOf(req: IncomingMessage): string {
  const r = req as IncomingMessage & { route?: { path?: unknown }; originalUrl?: string };
  const url = (r.originalUrl ?? r.url ?? "").split("?")[0]!;
  const api = url.startsWith("/api/");
  const path = r.route?.path;
  if (typeof path === "string") return api ? `/api${path}` : path;
  if (path instanceof RegExp) return String(path);
  const listed = api ? apiRouteOf(req.method ?? "", url.slice("/api".length)) : undefined;
  return listed ? `/api${listed.path}` : "unmatched";
}
