import { Router } from "express";
import { AbkPut, PositionCreate, PositionPatch } from "../../shared/mutasi-cycle.js";
import { guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { createPosition, putAbk, updatePosition } from "./service.js";

export function positionRoutes(ctx: Ctx): Router {
  const router = Router();
  router.get("/positions", guard("position.read"), async (_req, res) => res.json(await ctx.store.read((tx) => tx.find("positions"))));
  router.post("/positions", guard("position.create"), async (req, res) => {
    res.status(201).json(await createPosition(ctx, currentUser(res), parse(PositionCreate, req.body)));
  });
  router.patch("/positions/:id", guard("position.update"), async (req, res) => {
    res.json(await updatePosition(ctx, currentUser(res), param(req, "id"), parse(PositionPatch, req.body)));
  });
  router.put("/positions/:id/abk", guard("position.update"), async (req, res) => {
    res.json(await putAbk(ctx, currentUser(res), param(req, "id"), parse(AbkPut, req.body)));
  });
  return router;
}
