import { Router } from "express";
import { conflict } from "../../shared/errors.js";
import { PushUnsubscribeBody, pushSubscriptionBody } from "../../shared/push.js";
import { authorize, guard } from "../auth/authorize.js";
import { currentSessionId, currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { parse } from "../http/validate.js";
import type { Push } from "./sender.js";
import { subscribe, unsubscribe } from "./subscriptions.js";

/** Web Push: whether this deployment has it (its VAPID public key), and this device's subscription. */
export function pushRoutes(ctx: Ctx, push: Push | undefined): Router {
  const router = Router();
  const body = pushSubscriptionBody(push?.settings.allowHttpLocalhost ?? false);
  const mustBeOn = () => {
    if (!push) throw conflict("push_off", "Web Push is not configured on this server (SIAGA_VAPID_PUBLIC_KEY, SIAGA_VAPID_PRIVATE_KEY, SIAGA_VAPID_SUBJECT)");
  };
  router.get("/push/key", guard("push.key"), (_req, res) => {
    res.json(push ? push.key() : { enabled: false });
  });
  router.post("/push/subscriptions", guard("push.manage"), async (req, res) => {
    const user = currentUser(res);
    authorize(user, "push.manage", { username: user.username });
    mustBeOn();
    res.status(201).json(await subscribe(ctx, user, currentSessionId(res), parse(body, req.body)));
  });
  // Also with push off: forgetting a device is always allowed.
  router.delete("/push/subscriptions", guard("push.manage"), async (req, res) => {
    await unsubscribe(ctx, currentUser(res), parse(PushUnsubscribeBody, req.body).endpoint);
    res.status(204).end();
  });
  return router;
}
