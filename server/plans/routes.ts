import { Router } from "express";
import { PlanApprove, PlanCreate } from "../../shared/api.js";
import { PlannerInput } from "../../shared/planner.js";
import { DomainError } from "../../shared/errors.js";
import { guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { approvePlan, createPlan, getPlan } from "./service.js";

export function planRoutes(ctx: Ctx): Router {
  const router = Router();
  // Stateless what-if: the planner on any input, nothing stored. The body arrives as bytes (app.ts) and is
  // parsed, validated and answered as JSON in the planner's thread; the event loop only copies bytes.
  router.post("/plans/simulate", guard("plan.simulate"), async (req, res) => {
    if (!Buffer.isBuffer(req.body)) parse(PlannerInput, undefined); // no JSON body at all: the schema's 400
    const outcome = await ctx.planner.simulate(req.body as Buffer);
    if (outcome.ok) {
      // Not res.send(): its ETag hashes the whole answer (about 1 ms for a flood's 0.6 MB), and a what-if is
      // never cached (no-store) nor asked for again with If-None-Match.
      res.type("application/json").setHeader("Content-Length", Buffer.byteLength(outcome.json));
      res.end(outcome.json);
      return;
    }
    throw outcome.code === "bad_json"
      ? new DomainError("bad_json", "Request body is not valid JSON")
      : new DomainError("validation", "Invalid body", outcome.issues);
  });
  router.post("/plans", guard("plan.create"), async (req, res) => {
    const body = parse(PlanCreate, req.body ?? {});
    res.status(201).json(await createPlan(ctx, currentUser(res), body));
  });
  router.get("/plans/:id", guard("plan.read"), async (req, res) => {
    res.json(await getPlan(ctx, currentUser(res), param(req, "id")));
  });
  router.post("/plans/:id/approve", guard("plan.approve"), async (req, res) => {
    const body = parse(PlanApprove, req.body ?? {});
    res.json(await approvePlan(ctx, currentUser(res), param(req, "id"), body.staffIds, body.until));
  });
  return router;
}
