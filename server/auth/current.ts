import type { Response } from "express";
import type { PublicUser } from "../../shared/domain.js";

/** The signed-in user of this request, set by requireAuth. */
export function currentUser(res: Response): PublicUser {
  return res.locals.user as PublicUser;
}
