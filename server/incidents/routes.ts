import { Router } from "express";
import { IncidentCreate, IncidentPatch } from "../../shared/api.js";
import { guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { mustGet } from "../entities.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { createIncident, updateIncident } from "./service.js";

/** Incidents are closed (PATCH status "closed"), never deleted: they are the audit trail of a disaster. */
export function incidentRoutes(ctx: Ctx): Router {
  const router = Router();
  router.get("/incidents", guard("incident.read"), async (_req, res) => res.json(await ctx.store.read((tx) => tx.find("incidents"))));
  router.get("/incidents/:id", guard("incident.read"), async (req, res) => {
    res.json(await ctx.store.read((tx) => mustGet(tx, "incidents", param(req, "id"), "incident")));
  });
  router.post("/incidents", guard("incident.create"), async (req, res) => {
    res.status(201).json(await createIncident(ctx, currentUser(res), parse(IncidentCreate, req.body)));
  });
  router.patch("/incidents/:id", guard("incident.update"), async (req, res) => {
    res.json(await updateIncident(ctx, currentUser(res), param(req, "id"), parse(IncidentPatch, req.body)));
  });
  return router;
}
