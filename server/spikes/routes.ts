import { Router } from "express";
import { SpikeCreate, TransitionBody } from "../../shared/api.js";
import { guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { endSpike, raiseSpike } from "./service.js";

/** A unit's demand spikes, under its path. */
export function spikeRoutes(ctx: Ctx): Router {
  const router = Router();
  router.get("/units/:id/spikes", guard("spike.read"), async (req, res) => {
    res.json(await ctx.store.read((tx) => tx.find("spikes", { unitId: param(req, "id") })));
  });
  router.post("/units/:id/spikes", guard("spike.create"), async (req, res) => {
    res.status(201).json(await raiseSpike(ctx, currentUser(res), param(req, "id"), parse(SpikeCreate, req.body)));
  });
  router.post("/units/:id/spikes/:spikeId/end", guard("spike.end"), async (req, res) => {
    res.json(await endSpike(ctx, currentUser(res), param(req, "id"), param(req, "spikeId"), parse(TransitionBody, req.body ?? {}).version));
  });
  return router;
}
