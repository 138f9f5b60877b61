import { Router } from "express";
import { AssignmentAction, AssignmentCreate, TransitionBody } from "../../shared/api.js";
import type { Assignment } from "../../shared/domain.js";
import { allow, currentUser } from "../auth/middleware.js";
import type { Ctx } from "../context.js";
import { mustGet } from "../entities.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { act, requestAssignment } from "./service.js";

export function assignmentRoutes(ctx: Ctx): Router {
  const router = Router();
  router.get("/assignments", async (_req, res) => res.json(await ctx.store.read((tx) => tx.find<Assignment>("assignments"))));
  router.get("/assignments/:id", async (req, res) => {
    res.json(await ctx.store.read((tx) => mustGet<Assignment>(tx, "assignments", param(req, "id"), "assignment")));
  });
  router.post("/assignments", allow("coordinator"), async (req, res) => {
    const body = parse(AssignmentCreate, req.body);
    res.status(201).json(await requestAssignment(ctx, currentUser(res), body.staffId, body.needId));
  });
  // Who may take which step is decided per action in the service (unit head, the person, coordinator).
  router.post("/assignments/:id/:action", allow("coordinator", "unit_head", "staff"), async (req, res) => {
    const action = parse(AssignmentAction, param(req, "action"), "action");
    res.json(await act(ctx, currentUser(res), param(req, "id"), action, parse(TransitionBody, req.body ?? {})));
  });
  return router;
}
