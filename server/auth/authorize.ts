/**
 * The server's side of the policy (shared/policy.ts): services `authorize` every action on the record it
 * touches; routes and socket commands `mayEver` first, so a role that can never do a thing gets its 403
 * before its body is read.
 */
import type { RequestHandler } from "express";
import type { PublicUser } from "../../shared/domain.js";
import { DomainError } from "../../shared/errors.js";
import { can, mayEver, type Action, type ResourceOf } from "../../shared/policy.js";
import { currentUser } from "./current.js";

export function forbidden(user: PublicUser, action: Action): DomainError {
  return new DomainError("forbidden", `A ${user.role} may not ${action.replace(".", " ")}${user.role === "unit_head" ? " outside their own unit" : ""}`, { action });
}

/** Throws 403 unless the user may take the action on this record. */
export function authorize<A extends Action>(user: PublicUser, action: A, resource?: ResourceOf<A>): void {
  if (!can(user, action, resource)) throw forbidden(user, action);
}

/** Route guard: 403 for a role that may never take the action. */
export function guard(action: Action): RequestHandler {
  return (_req, res, next) => {
    const user = currentUser(res);
    if (!mayEver(user.role, action)) throw forbidden(user, action);
    next();
  };
}
