import type { Request, RequestHandler, Response } from "express";
import type { PublicUser, Role } from "../../shared/domain.js";
import { DomainError } from "../../shared/errors.js";
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

export function currentUser(res: Response): PublicUser {
  return res.locals.user as PublicUser;
}

/** Route guard by role; a screen token passes only GET guards that name "screen". */
export function allow(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const user = currentUser(res);
    if (!roles.includes(user.role)) throw new DomainError("forbidden", `A ${user.role} may not do this`);
    next();
  };
}

/** A unit head acts on their own unit only; coordinators on any. */
export function assertUnitAccess(user: PublicUser, unitId: string) {
  if (user.role === "coordinator") return;
  if (user.role === "unit_head" && user.unitId === unitId) return;
  throw new DomainError("forbidden", "You may act on your own unit only");
}
