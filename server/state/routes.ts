import { Router } from "express";
import { EventsQuery } from "../../shared/api.js";
import { currentUser } from "../auth/middleware.js";
import type { Ctx } from "../context.js";
import { parse } from "../http/validate.js";
import { snapshotFor } from "./service.js";

export function stateRoutes(ctx: Ctx): Router {
  const router = Router();
  router.get("/state", async (_req, res) => {
    res.json(await snapshotFor(ctx, currentUser(res)));
  });
  // Events carry no private fields (phones are stripped before they are logged), so every role may read them.
  router.get("/events", async (req, res) => {
    const query = parse(EventsQuery, req.query, "query");
    const [events, lastSeq] = await Promise.all([ctx.store.eventsSince(query.since, query.limit), ctx.store.lastSeq()]);
    res.json({ events, lastSeq });
  });
  return router;
}
