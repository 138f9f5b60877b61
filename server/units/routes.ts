import { Router } from "express";
import { ReleaseCreate, SpikeCreate, TransitionBody, UnitCreate, UnitPatch } from "../../shared/api.js";
import type { DemandSpike, Release, Unit } from "../../shared/domain.js";
import { allow, currentUser } from "../auth/middleware.js";
import type { Ctx } from "../context.js";
import { mustGet } from "../entities.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { endRelease, releaseStaff } from "../releases/service.js";
import { endSpike, raiseSpike } from "../spikes/service.js";
import { createUnit, deleteUnit, updateUnit } from "./service.js";

/** Units, and what hangs off a unit: its demand spikes and its releases. */
export function unitRoutes(ctx: Ctx): Router {
  const router = Router();
  const read = ctx.store.read.bind(ctx.store);

  router.get("/units", async (_req, res) => res.json(await read((tx) => tx.find<Unit>("units"))));
  router.get("/units/:id", async (req, res) => res.json(await read((tx) => mustGet<Unit>(tx, "units", param(req, "id"), "unit"))));
  router.post("/units", allow("coordinator"), async (req, res) => {
    res.status(201).json(await createUnit(ctx, currentUser(res).username, parse(UnitCreate, req.body)));
  });
  router.patch("/units/:id", allow("coordinator"), async (req, res) => {
    res.json(await updateUnit(ctx, currentUser(res).username, param(req, "id"), parse(UnitPatch, req.body)));
  });
  router.delete("/units/:id", allow("coordinator"), async (req, res) => {
    await deleteUnit(ctx, currentUser(res).username, param(req, "id"), parse(TransitionBody, req.body ?? {}).version);
    res.status(204).end();
  });

  router.get("/units/:id/spikes", async (req, res) => res.json(await read((tx) => tx.find<DemandSpike>("spikes", { unitId: param(req, "id") }))));
  router.post("/units/:id/spikes", allow("coordinator"), async (req, res) => {
    res.status(201).json(await raiseSpike(ctx, currentUser(res), param(req, "id"), parse(SpikeCreate, req.body)));
  });
  router.post("/units/:id/spikes/:spikeId/end", allow("coordinator"), async (req, res) => {
    res.json(await endSpike(ctx, currentUser(res), param(req, "id"), param(req, "spikeId"), parse(TransitionBody, req.body ?? {}).version));
  });

  router.get("/units/:id/releases", async (req, res) => res.json(await read((tx) => tx.find<Release>("releases", { unitId: param(req, "id") }))));
  router.post("/units/:id/releases", allow("coordinator", "unit_head"), async (req, res) => {
    res.status(201).json(await releaseStaff(ctx, currentUser(res), param(req, "id"), parse(ReleaseCreate, req.body)));
  });
  router.post("/units/:id/releases/:releaseId/end", allow("coordinator", "unit_head"), async (req, res) => {
    res.json(await endRelease(ctx, currentUser(res), param(req, "id"), param(req, "releaseId"), parse(TransitionBody, req.body ?? {}).version));
  });
  return router;
}
