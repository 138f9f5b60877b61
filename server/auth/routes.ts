import { Router, type RequestHandler } from "express";
import { LoginBody, UserCreate } from "../../shared/api.js";
import { DomainError } from "../../shared/errors.js";
import type { Ctx } from "../context.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { guard } from "./authorize.js";
import { currentUser } from "./current.js";
import { bearerToken } from "./middleware.js";
import { LoginLimiter } from "./limiter.js";
import { createUser, login, revokeToken, revokeUser } from "./service.js";

/** Login is open; the rest had their token checked by the gate (server/auth/gate.ts) before the body was read. */
export function authRoutes(ctx: Ctx, afterAuth: RequestHandler[] = []): { open: Router; guarded: Router } {
  const open = Router();
  const guarded = Router();
  const limiter = new LoginLimiter();
  open.post("/auth/login", async (req, res) => {
    const body = parse(LoginBody, req.body);
    // The client is its address as `trust proxy` (SIAGA_TRUST_PROXY) allows it to be read.
    const attempt = await limiter.reserve(body.username, req.ip ?? "unknown").catch((error: unknown) => {
      const wait = error instanceof DomainError ? (error.details as { retryAfterS?: number } | undefined)?.retryAfterS : undefined;
      if (wait) res.set("Retry-After", String(wait));
      throw error;
    });
    let answer;
    try {
      answer = await login(ctx, body.username, body.password);
    } catch (error) {
      await (error instanceof DomainError && error.code === "unauthenticated" ? attempt.failed() : attempt.release());
      throw error;
    }
    await attempt.succeeded();
    res.json(answer);
  });
  // `afterAuth` (the Idempotency-Key middleware) sees the user and the parsed body before every signed-in route, these included.
  if (afterAuth.length > 0) guarded.use(...afterAuth);
  guarded.post("/auth/logout", async (req, res) => {
    await revokeToken(ctx, bearerToken(req)!);
    res.status(204).end();
  });
  guarded.get("/me", (_req, res) => {
    res.json(currentUser(res));
  });
  guarded.post("/users", guard("user.create"), async (req, res) => {
    res.status(201).json(await createUser(ctx, currentUser(res), parse(UserCreate, req.body)));
  });
  guarded.post("/users/:username/revoke", guard("user.revoke"), async (req, res) => {
    res.json({ revoked: await revokeUser(ctx, currentUser(res), param(req, "username")) });
  });
  return { open, guarded };
}
