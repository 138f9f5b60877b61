import type { Request, RequestHandler } from "express";
import type { Ctx } from "../context.js";
import { authenticate } from "./service.js";

export function bearerToken(req: Request): string | undefined {
  const header = req.get("authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/** Every /api route but login and health passes here: no valid token, no entry. */
export function requireAuth(ctx: Ctx): RequestHandler {
  return async (req, res, next) => {
    res.locals.user = await authenticate(ctx, bearerToken(req));
    next();
  };
}
