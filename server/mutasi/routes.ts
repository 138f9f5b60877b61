import { Router } from "express";
import { MutasiInput } from "../../shared/mutasi.js";
import { AnswerBody, CycleCreate, DecideBody, ObjectionBody, PhaseBody, PlanCreateBody, ReviewBody, WishBody } from "../../shared/mutasi-cycle.js";
import { conflict } from "../../shared/errors.js";
import { authorize, guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { mustGet } from "../entities.js";
import { param } from "../http/params.js";
import { parse } from "../http/validate.js";
import { sendWhatIf } from "../http/what-if.js";
import { changePhase, createCycle } from "./cycles.js";
import { answerObjection, listObjections } from "./objections.js";
import { createMutasiPlan, decideMutasiPlan, getMutasiPlan, objectToLine, reviewMutasiPlan } from "./plans.js";
import { renderSk } from "./sk.js";
import { contestPoints, myCycle, putMyWish } from "./wishes.js";

export function mutasiRoutes(ctx: Ctx): Router {
  const router = Router();
  router.get("/mutasi/cycles", guard("mutasi.cycle.read"), async (_req, res) => res.json(await ctx.store.read((tx) => tx.find("mutasiCycles"))));
  router.post("/mutasi/cycles", guard("mutasi.cycle.create"), async (req, res) => {
    res.status(201).json(await createCycle(ctx, currentUser(res), parse(CycleCreate, req.body)));
  });
  router.post("/mutasi/cycles/:id/phase", guard("mutasi.cycle.phase"), async (req, res) => {
    res.json(await changePhase(ctx, currentUser(res), param(req, "id"), parse(PhaseBody, req.body)));
  });
  router.get("/mutasi/cycles/:id/me", guard("mutasi.me"), async (req, res) => res.json(await myCycle(ctx, currentUser(res), param(req, "id"))));
  router.put("/mutasi/cycles/:id/wishes/me", guard("mutasi.me"), async (req, res) => {
    res.json(await putMyWish(ctx, currentUser(res), param(req, "id"), parse(WishBody, req.body)));
  });
  router.post("/mutasi/cycles/:id/points/contest", guard("mutasi.me"), async (req, res) => {
    res.status(201).json(await contestPoints(ctx, currentUser(res), param(req, "id"), parse(ObjectionBody, req.body).text));
  });
  router.get("/mutasi/cycles/:id/objections", guard("mutasi.objection.read"), async (req, res) => res.json(await listObjections(ctx, currentUser(res), param(req, "id"))));
  router.post("/mutasi/objections/:id/answer", guard("mutasi.objection.answer"), async (req, res) => {
    res.json(await answerObjection(ctx, currentUser(res), param(req, "id"), parse(AnswerBody, req.body)));
  });
  // Stateless what-if: the bytes go to the optimiser's worker, which parses, validates and solves them there.
  router.post("/mutasi/simulate", guard("mutasi.simulate"), async (req, res) => {
    authorize(currentUser(res), "mutasi.simulate");
    if (!Buffer.isBuffer(req.body)) parse(MutasiInput, undefined); // no JSON body at all: the schema's 400
    sendWhatIf(res, await ctx.mutasi.simulate(req.body as Buffer));
  });
  router.post("/mutasi/cycles/:id/plans", guard("mutasi.plan.create"), async (req, res) => {
    const body = parse(PlanCreateBody, req.body ?? {});
    res.status(201).json(await createMutasiPlan(ctx, currentUser(res), param(req, "id"), body.weights));
  });
  router.get("/mutasi/plans/:id", guard("mutasi.plan.read"), async (req, res) => res.json(await getMutasiPlan(ctx, currentUser(res), param(req, "id"))));
  router.post("/mutasi/plans/:id/reviews", guard("mutasi.plan.review"), async (req, res) => {
    res.json(await reviewMutasiPlan(ctx, currentUser(res), param(req, "id"), parse(ReviewBody, req.body)));
  });
  router.post("/mutasi/plans/:id/decide", guard("mutasi.plan.decide"), async (req, res) => {
    res.json(await decideMutasiPlan(ctx, currentUser(res), param(req, "id"), parse(DecideBody, req.body)));
  });
  router.post("/mutasi/plans/:id/objections", guard("mutasi.plan.object"), async (req, res) => {
    res.status(201).json(await objectToLine(ctx, currentUser(res), param(req, "id"), parse(ObjectionBody, req.body).text));
  });
  router.get("/mutasi/plans/:id/sk.pdf", guard("mutasi.sk.read"), async (req, res) => {
    authorize(currentUser(res), "mutasi.sk.read");
    const { plan, cycle } = await ctx.store.read(async (tx) => {
      const plan = await mustGet(tx, "mutasiPlans", param(req, "id"), "mutasi plan");
      return { plan, cycle: await mustGet(tx, "mutasiCycles", plan.cycleId, "mutasi cycle") };
    });
    if (!plan.sk) throw conflict("wrong_state", "This plan has no signed SK", { state: plan.decision ? "refused" : "undecided" });
    const pdf = await renderSk(plan.sk, cycle.year);
    res.type("application/pdf").setHeader("content-disposition", `inline; filename="sk-mutasi-${cycle.year}.pdf"`);
    res.send(pdf);
  });
  return router;
}
