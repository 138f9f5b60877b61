import type { ErrorRequestHandler, Request, RequestHandler } from "express";
import { log } from "../log.js";
import { DomainError, HTTP_STATUS, type ConflictReason, type ErrorBody } from "../../shared/errors.js";
import { StoreConflict, StoreUnavailable } from "../store/port.js";

/** Maps any thrown error to the uniform `{error:{code,message,details}}`; unknown ones become 500 without a stack. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) };
  }
  if (error instanceof StoreConflict) {
    // A conditional write lost to another one that a service did not catch: said in the closed CONFLICT_REASONS
    // (a record that vanished or changed is `version`; an id or a unique field already taken is `unique`).
    const reason: ConflictReason = error.reason === "version" || error.reason === "missing" ? "version" : "unique";
    return {
      code: "conflict",
      message: reason === "version" ? "Changed by someone else; reload and try again" : `Conflict on ${error.collection}`,
      details: { reason, ...(error.currentVersion ? { currentVersion: error.currentVersion } : {}) },
    };
  }
  if (error instanceof StoreUnavailable) {
    // Not the request's fault and nothing was stored: a 503 the client may retry later (issue 16, item 8).
    return { code: "store_unavailable", message: "The database cannot be written or read right now; nothing was changed", details: { store: error.code } };
  }
  return { code: "internal", message: "Internal error" };
}

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const body = clientFault(error) ?? toErrorBody(error);
  // The stack goes to the log, with the request id the client was given; never to the client.
  if (body.code === "internal") (req.log ?? log).error({ err: error }, "request failed");
  if (res.headersSent) return;
  res.status(HTTP_STATUS[body.code]).json({ error: withRequestId(body, req) });
};

/**
 * The request's own fault found below the routes, a 4xx without a stack in the log: body-parser's errors
 * (they carry a `type`; a corrupt gzip or brotli body is a 400 without one), the router's bad
 * percent-escape in a path parameter (a URIError with status 400), serve-static's bad path.
 */
function clientFault(error: unknown): ErrorBody | undefined {
  if (typeof error !== "object" || error === null || error instanceof DomainError) return undefined;
  const { type, status, statusCode } = error as { type?: unknown; status?: unknown; statusCode?: unknown };
  if (type === "entity.too.large") return { code: "too_large", message: "Request body is too large" };
  if (type === "entity.parse.failed") return { code: "bad_json", message: "Request body is not valid JSON" };
  if (type === "encoding.unsupported" || type === "charset.unsupported") return { code: "unsupported_media_type", message: "Unsupported body encoding or charset" };
  const code = typeof status === "number" ? status : typeof statusCode === "number" ? statusCode : 0;
  if (code === 404) return { code: "not_found", message: "Not found" };
  if (code === 413) return { code: "too_large", message: "Request body is too large" };
  if (code === 415) return { code: "unsupported_media_type", message: "Unsupported media type" };
  if (error instanceof URIError) return { code: "validation", message: "The path has a malformed percent-escape" };
  if (code >= 400 && code < 500) return { code: "validation", message: "Malformed request (a corrupt or truncated body)" };
  return undefined;
}

/** Every error body names the request id (also in the X-Request-Id header), so a report can be found in the log. */
function withRequestId(body: ErrorBody, req: Request): ErrorBody {
  return req.id === undefined ? body : { ...body, requestId: String(req.id) };
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: withRequestId({ code: "not_found", message: `No route ${req.method} ${req.path}` }, req) });
};
