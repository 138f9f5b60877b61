import { Router } from "express";
import { EstimateBody, estimateNeeds } from "../../shared/estimate.js";
import { guard } from "../auth/authorize.js";
import type { Ctx } from "../context.js";
import { parse } from "../http/validate.js";

/** Stateless: the same ratios the incident form shows (shared/estimate.ts). */
export function estimateRoutes(_ctx: Ctx): Router {
  const router = Router();
  router.post("/estimate/needs", guard("estimate.needs"), (req, res) => {
    res.json({ needs: estimateNeeds(parse(EstimateBody, req.body)) });
  });
  return router;
}
