import { Router } from "express";
import { StaffCreate, StaffPatch, TransitionBody } from "../../shared/api.js";
import { guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { mustGet } from "../entities.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { wireFor } from "../privacy.js";
import { createStaff, deleteStaff, updateStaff } from "./service.js";

export function staffRoutes(ctx: Ctx): Router {
  const router = Router();
  router.get("/staff", guard("staff.read"), async (_req, res) => {
    const user = currentUser(res);
    const staff = await ctx.store.read((tx) => tx.find("staff"));
    res.json(staff.map((s) => wireFor(user, "staff", s)));
  });
  router.get("/staff/:id", guard("staff.read"), async (req, res) => {
    const staff = await ctx.store.read((tx) => mustGet(tx, "staff", param(req, "id"), "staff member"));
    res.json(wireFor(currentUser(res), "staff", staff));
  });
  router.post("/staff", guard("staff.create"), async (req, res) => {
    res.status(201).json(await createStaff(ctx, currentUser(res), parse(StaffCreate, req.body)));
  });
  router.patch("/staff/:id", guard("staff.update"), async (req, res) => {
    res.json(await updateStaff(ctx, currentUser(res), param(req, "id"), parse(StaffPatch, req.body)));
  });
  router.delete("/staff/:id", guard("staff.delete"), async (req, res) => {
    await deleteStaff(ctx, currentUser(res), param(req, "id"), parse(TransitionBody, req.body ?? {}).version);
    res.status(204).end();
  });
  return router;
}
