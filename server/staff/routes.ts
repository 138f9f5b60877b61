import { Router } from "express";
import { StaffCreate, StaffPatch, TransitionBody } from "../../shared/api.js";
import type { Staff } from "../../shared/domain.js";
import { allow, currentUser } from "../auth/middleware.js";
import type { Ctx } from "../context.js";
import { mustGet } from "../entities.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { staffFor } from "../privacy.js";
import { createStaff, deleteStaff, updateStaff } from "./service.js";

export function staffRoutes(ctx: Ctx): Router {
  const router = Router();
  router.get("/staff", async (_req, res) => {
    const user = currentUser(res);
    const staff = await ctx.store.read((tx) => tx.find<Staff>("staff"));
    res.json(staff.map((s) => staffFor(user, s)));
  });
  router.get("/staff/:id", async (req, res) => {
    const staff = await ctx.store.read((tx) => mustGet<Staff>(tx, "staff", param(req, "id"), "staff member"));
    res.json(staffFor(currentUser(res), staff));
  });
  router.post("/staff", allow("coordinator", "unit_head"), async (req, res) => {
    res.status(201).json(await createStaff(ctx, currentUser(res), parse(StaffCreate, req.body)));
  });
  router.patch("/staff/:id", allow("coordinator", "unit_head"), async (req, res) => {
    res.json(await updateStaff(ctx, currentUser(res), param(req, "id"), parse(StaffPatch, req.body)));
  });
  router.delete("/staff/:id", allow("coordinator", "unit_head"), async (req, res) => {
    await deleteStaff(ctx, currentUser(res), param(req, "id"), parse(TransitionBody, req.body ?? {}).version);
    res.status(204).end();
  });
  return router;
}
