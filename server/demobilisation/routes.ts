import { Router } from "express";
import { DemobiliseBody } from "../../shared/demobilisation.js";
import { guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { demobilisation, demobilise } from "./service.js";

export function demobilisationRoutes(ctx: Ctx): Router {
  const router = Router();
  router.get("/incidents/:id/demobilisation", guard("incident.demobilisation.read"), async (req, res) => {
    res.json(await demobilisation(ctx, currentUser(res), param(req, "id")));
  });
  router.post("/incidents/:id/demobilise", guard("incident.demobilise"), async (req, res) => {
    res.json(await demobilise(ctx, currentUser(res), param(req, "id"), parse(DemobiliseBody, req.body ?? {})));
  });
  return router;
}
