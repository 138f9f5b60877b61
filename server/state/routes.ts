import { Router } from "express";
import { EventsQuery } from "../../shared/api.js";
import { guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { sendJson } from "../http/compress.js";
import { parse } from "../http/validate.js";
import { eventFor } from "../privacy.js";
import { StateQuery } from "../../shared/replay.js";
import { replayAt } from "../replay/service.js";
import { snapshotFor } from "./service.js";

export function stateRoutes(ctx: Ctx): Router {
  const router = Router();
  router.get("/state", guard("state.read"), async (req, res) => {
    const query = parse(StateQuery, req.query, "query");
    const user = currentUser(res);
    // ?atSeq=N: the state as it was at seq N (replay), private fields cut for this user as in the live one.
    // Compressed: a staff phone's first data comes this way (client/live/http-snapshot.ts).
    if (query.atSeq !== undefined) await sendJson(req, res, (await replayAt(ctx, query.atSeq)).snapshotFor(user, ctx.store.epoch));
    else await sendJson(req, res, await snapshotFor(ctx, user));
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
