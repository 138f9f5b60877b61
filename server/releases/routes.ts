import { Router } from "express";
import { ReleaseCreate, TransitionBody } from "../../shared/api.js";
import { guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { endRelease, releaseStaff } from "./service.js";

/** A unit's temporary releases (pelepasan sementara), under its path. */
export function releaseRoutes(ctx: Ctx): Router {
  const router = Router();
  router.get("/units/:id/releases", guard("release.read"), async (req, res) => {
    res.json(await ctx.store.read((tx) => tx.find("releases", { unitId: param(req, "id") })));
  });
  router.post("/units/:id/releases", guard("release.create"), async (req, res) => {
    res.status(201).json(await releaseStaff(ctx, currentUser(res), param(req, "id"), parse(ReleaseCreate, req.body)));
  });
  router.post("/units/:id/releases/:releaseId/end", guard("release.end"), async (req, res) => {
    res.json(await endRelease(ctx, currentUser(res), param(req, "id"), param(req, "releaseId"), parse(TransitionBody, req.body ?? {}).version));
  });
  return router;
}
