import { Router } from "express";
import { PlanApprove, PlanCreate } from "../../shared/api.js";
import { PlannerInput } from "../../shared/planner.js";
import { guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { sendWhatIf } from "../http/what-if.js";
import { approvePlan, createPlan, getPlan } from "./service.js";

export function planRoutes(ctx: Ctx): Router {
  const router = Router();
  // Stateless what-if: the planner on any input, nothing stored. The body arrives as bytes (app.ts) and is
  // parsed, validated and answered as JSON bytes in the planner's thread; the event loop only hands bytes over.
  router.post("/plans/simulate", guard("plan.simulate"), async (req, res) => {
    if (!Buffer.isBuffer(req.body)) parse(PlannerInput, undefined); // no JSON body at all: the schema's 400
    sendWhatIf(res, await ctx.planner.simulate(req.body as Buffer));
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
