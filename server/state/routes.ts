import { Router } from "express";
import { EventsQuery } from "../../shared/api.js";
import { guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { parse } from "../http/validate.js";
import { eventFor } from "../privacy.js";
import { snapshotFor } from "./service.js";

export function stateRoutes(ctx: Ctx): Router {
  const router = Router();
  router.get("/state", guard("state.read"), async (_req, res) => {
    res.json(await snapshotFor(ctx, currentUser(res)));
  });
  // Every role may read the log; private fields are cut to what the user may see.
  router.get("/events", guard("events.read"), async (req, res) => {
    const query = parse(EventsQuery, req.query, "query");
    const user = currentUser(res);
    const [events, lastSeq] = await Promise.all([ctx.store.eventsSince(query.since, query.limit), ctx.store.lastSeq()]);
    res.json({ events: events.map((e) => eventFor(user, e)), lastSeq });
  });
  return router;
}
