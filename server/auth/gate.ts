/**
 * The door of /api, in front of every body parser: the route is looked up in the REST table
 * (shared/routes.ts), its token checked and its policy action's role asked BEFORE a byte of the body is
 * read or inflated, then the body's media type is checked, and only then the body is parsed, capped on
 * its inflated size. So an anonymous client cannot make the server inflate a compressed body, and a body
 * the server does not parse is never read as `{}` (issue 16, items 2 and 4).
 */
import express, { type Request, type RequestHandler } from "express";
import type { PublicUser } from "../../shared/domain.js";
import { DomainError } from "../../shared/errors.js";
import { mayEver } from "../../shared/policy.js";
import { routeOf, type Route } from "../../shared/routes.js";
import { forbidden } from "./authorize.js";
import { bearerToken } from "./middleware.js";
import { sessionOf } from "./service.js";
import type { Ctx } from "../context.js";

/**
 * Inflated size caps: a what-if plan may hold a province (100,000 staff), a what-if mutasi about 20,000
 * people (Kota Kupang has 5,000); every other body is small.
 */
export const BODY_LIMITS = { simulate: "40mb", mutasiSimulate: "4mb", json: "256kb" } as const;

const JSON_TYPE = "application/json";

/** Authenticates and authorises from ROUTES; a path that is no route still needs a token (then its 404). */
export function routeGate(ctx: Ctx): RequestHandler {
  return async (req, res, next) => {
    const route = routeOf(req.method, req.path);
    res.locals.route = route;
    if (route?.auth !== "open") {
      const session = await sessionOf(ctx, bearerToken(req));
      const user: PublicUser = session.user;
      res.locals.user = user;
      res.locals.sessionId = session.id;
      if (route && route.auth !== "signedIn" && !mayEver(user.role, route.auth)) throw forbidden(user, route.auth);
    }
    const accepted = [JSON_TYPE, ...(route?.accepts ?? [])];
    // `req.is` is false for a body of another type (or of none: no Content-Type).
    if (hasBody(req) && req.is(accepted) === false) {
      throw new DomainError("unsupported_media_type", `Send the body as ${accepted.join(" or ")} (Content-Type), not ${req.get("content-type") ?? "without a type"}`, { accepts: accepted });
    }
    next();
  };
}

/** A body of at least one byte, or one whose length is not said (chunked); `Content-Length: 0` is none. */
function hasBody(req: Request): boolean {
  if (req.headers["transfer-encoding"] !== undefined) return true;
  const length = Number(req.headers["content-length"]);
  return Number.isFinite(length) && length > 0;
}

/**
 * The JSON parsers, after the gate. The what-if body stays bytes (the planner's thread parses it); the
 * limits are on the inflated bytes, so a small gzip bomb stops at the cap. A route's other media types
 * (`accepts`) are read by that route's own parser.
 */
export function jsonBodies(): RequestHandler[] {
  const raw: Record<string, RequestHandler> = {
    "/plans/simulate": express.raw({ type: JSON_TYPE, limit: BODY_LIMITS.simulate }),
    "/mutasi/simulate": express.raw({ type: JSON_TYPE, limit: BODY_LIMITS.mutasiSimulate }),
  };
  const json = express.json({ type: JSON_TYPE, limit: BODY_LIMITS.json });
  return [(req, res, next) => (raw[(res.locals.route as Route | undefined)?.path ?? ""] ?? json)(req, res, next)];
}
