import type { Response } from "express";
import type { PublicUser } from "../../shared/domain.js";

/** The signed-in user of this request, set by the gate (server/auth/gate.ts) from the bearer token. */
export function currentUser(res: Response): PublicUser {
  return res.locals.user as PublicUser;
}

/** The id of this request's session (the token's hash, never the token), set by the gate with the user. */
export function currentSessionId(res: Response): string {
  return res.locals.sessionId as string;
}
