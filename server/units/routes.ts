import { Router } from "express";
import { TransitionBody, UnitCreate, UnitPatch } from "../../shared/api.js";
import { guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { mustGet } from "../entities.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { unitHeads } from "./heads.js";
import { createUnit, deleteUnit, updateUnit } from "./service.js";

export function unitRoutes(ctx: Ctx): Router {
  const router = Router();
  const read = ctx.store.read.bind(ctx.store);
  router.get("/units", guard("unit.read"), async (_req, res) => res.json(await read((tx) => tx.find("units"))));
  router.get("/unit-heads", guard("unitHead.read"), async (_req, res) => res.json(await unitHeads(ctx, currentUser(res))));
  router.get("/units/:id", guard("unit.read"), async (req, res) => res.json(await read((tx) => mustGet(tx, "units", param(req, "id"), "unit"))));
  router.post("/units", guard("unit.create"), async (req, res) => {
    res.status(201).json(await createUnit(ctx, currentUser(res), parse(UnitCreate, req.body)));
  });
  router.patch("/units/:id", guard("unit.update"), async (req, res) => {
    res.json(await updateUnit(ctx, currentUser(res), param(req, "id"), parse(UnitPatch, req.body)));
  });
  router.delete("/units/:id", guard("unit.delete"), async (req, res) => {
    await deleteUnit(ctx, currentUser(res), param(req, "id"), parse(TransitionBody, req.body ?? {}).version);
    res.status(204).end();
  });
  return router;
}
