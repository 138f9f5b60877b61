import { Router } from "express";
import { AssignmentCreate, TransitionBody, UntilBody } from "../../shared/api.js";
import { ASSIGNMENT_ACTIONS } from "../../shared/rules.js";
import { guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { mustGet } from "../entities.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { act, requestAssignment, setUntil } from "./service.js";

export function assignmentRoutes(ctx: Ctx): Router {
  const router = Router();
  router.get("/assignments", guard("assignment.read"), async (_req, res) => res.json(await ctx.store.read((tx) => tx.find("assignments"))));
  router.get("/assignments/:id", guard("assignment.read"), async (req, res) => {
    res.json(await ctx.store.read((tx) => mustGet(tx, "assignments", param(req, "id"), "assignment")));
  });
  router.post("/assignments", guard("assignment.create"), async (req, res) => {
    const body = parse(AssignmentCreate, req.body);
    res.status(201).json(await requestAssignment(ctx, currentUser(res), body.staffId, body.needId));
  });
  router.post("/assignments/:id/until", guard("assignment.until"), async (req, res) => {
    res.json(await setUntil(ctx, currentUser(res), param(req, "id"), parse(UntilBody, req.body)));
  });
  // One route per step of the state machine; which party may take it is the policy's, checked on the assignment in the service.
  for (const action of ASSIGNMENT_ACTIONS) {
    router.post(`/assignments/:id/${action}`, guard(`assignment.${action}`), async (req, res) => {
      res.json(await act(ctx, currentUser(res), param(req, "id"), action, parse(TransitionBody, req.body ?? {})));
    });
  }
  return router;
}
