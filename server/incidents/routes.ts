import { Router } from "express";
import { IncidentCreate, IncidentPatch } from "../../shared/api.js";
import type { Incident } from "../../shared/domain.js";
import { allow, currentUser } from "../auth/middleware.js";
import type { Ctx } from "../context.js";
import { mustGet } from "../entities.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { createIncident, updateIncident } from "./service.js";

/** Incidents are closed (PATCH status "closed"), never deleted: they are the audit trail of a disaster. */
export function incidentRoutes(ctx: Ctx): Router {
  const router = Router();
  router.get("/incidents", async (_req, res) => res.json(await ctx.store.read((tx) => tx.find<Incident>("incidents"))));
  router.get("/incidents/:id", async (req, res) => {
    res.json(await ctx.store.read((tx) => mustGet<Incident>(tx, "incidents", param(req, "id"), "incident")));
  });
  router.post("/incidents", allow("coordinator"), async (req, res) => {
    res.status(201).json(await createIncident(ctx, currentUser(res).username, parse(IncidentCreate, req.body)));
  });
  router.patch("/incidents/:id", allow("coordinator"), async (req, res) => {
    res.json(await updateIncident(ctx, currentUser(res).username, param(req, "id"), parse(IncidentPatch, req.body)));
  });
  return router;
}
