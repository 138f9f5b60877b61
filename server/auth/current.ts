import type { Response } from "express";
import type { PublicUser } from "../../shared/domain.js";

/** The signed-in user of this request, set by the gate (server/auth/gate.ts) from the bearer token. */
export function currentUser(res: Response): PublicUser {
  return res.locals.user as PublicUser;
}
