/**
 * Socket commands for the dashboard's hot paths; the same services and error codes as REST.
 * One order in every handler: validate → conditional write (with its event) → ack; the push follows the commit.
 */
import type { z } from "zod";
import { PlanApproveCommand, AssignmentCommand } from "../../shared/protocol.js";
import type { AssignmentAction } from "../../shared/api.js";
import { act } from "../assignments/service.js";
import type { Ctx } from "../context.js";
import { toErrorBody } from "../http/errors.js";
import { parse } from "../http/validate.js";
import { approvePlan } from "../plans/service.js";
import { DomainError } from "../../shared/errors.js";
import type { LiveSocket } from "./server.js";

function on<S extends z.ZodType>(socket: LiveSocket, event: string, schema: S, handler: (req: z.infer<S>) => Promise<object>) {
  (socket as unknown as { on(e: string, l: (req: unknown, ack: unknown) => void): void }).on(event, async (raw, ack) => {
    if (typeof ack !== "function") return;
    try {
      if (socket.data.user.role === "screen") throw new DomainError("forbidden", "A screen is read-only");
      ack({ ok: true, ...(await handler(parse(schema, raw, `${event} payload`))) });
    } catch (error) {
      ack({ ok: false, error: toErrorBody(error) });
    }
  });
}

export function registerCommands(ctx: Ctx, socket: LiveSocket) {
  const user = () => socket.data.user;
  on(socket, "plan:approve", PlanApproveCommand, (req) => {
    if (user().role !== "coordinator") throw new DomainError("forbidden", "Only a coordinator approves plans");
    return approvePlan(ctx, user(), req.planId, req.staffIds);
  });
  const actions: [string, AssignmentAction][] = [
    ["assignment:confirm", "confirm"], ["assignment:decline", "decline"], ["assignment:checkin", "checkin"], ["assignment:complete", "complete"],
  ];
  for (const [event, action] of actions) {
    on(socket, event, AssignmentCommand, async ({ id, ...body }) => ({ assignment: await act(ctx, user(), id, action, body) }));
  }
}
