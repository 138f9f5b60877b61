import { Router } from "express";
import { PlanApprove } from "../../shared/api.js";
import { PlannerInput } from "../../shared/planner.js";
import { allow, currentUser } from "../auth/middleware.js";
import type { Ctx } from "../context.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { plan } from "../planner/index.js";
import { approvePlan, createPlan, getPlan } from "./service.js";

export function planRoutes(ctx: Ctx): Router {
  const router = Router();
  // Stateless what-if: the planner on any input, nothing stored.
  router.post("/plans/simulate", allow("coordinator"), (req, res) => {
    res.json(plan(parse(PlannerInput, req.body)));
  });
  router.post("/plans", allow("coordinator"), async (_req, res) => {
    res.status(201).json(await createPlan(ctx, currentUser(res)));
  });
  router.get("/plans/:id", allow("coordinator"), async (req, res) => {
    res.json(await getPlan(ctx, param(req, "id")));
  });
  router.post("/plans/:id/approve", allow("coordinator"), async (req, res) => {
    const body = parse(PlanApprove, req.body ?? {});
    res.json(await approvePlan(ctx, currentUser(res), param(req, "id"), body.staffIds));
  });
  return router;
}
