/**
 * Socket commands for the dashboard's hot paths; the same services, policy and error codes as REST.
 * One order in every handler: the session read again (a revoked one is refused and disconnected), the policy's role check → validate → conditional write (with its event)
 * → ack; the push follows the commit.
 */
import type { z } from "zod";
import { mayEver } from "../../shared/policy.js";
import { AssignmentCommand, COMMANDS, PlanApproveCommand, type CommandName } from "../../shared/protocol.js";
import type { AssignmentAction } from "../../shared/rules.js";
import { act } from "../assignments/service.js";
import { forbidden } from "../auth/authorize.js";
import type { Ctx } from "../context.js";
import { toErrorBody } from "../http/errors.js";
import { parse } from "../http/validate.js";
import { approvePlan } from "../plans/service.js";
import { recheck } from "./session.js";
import type { LiveSocket } from "./socket.js";

function on<S extends z.ZodType>(ctx: Ctx, socket: LiveSocket, command: CommandName, schema: S, handler: (req: z.infer<S>) => Promise<object>) {
  (socket as unknown as { on(e: string, l: (req: unknown, ack: unknown) => void): void }).on(command, async (raw, ack) => {
    if (typeof ack !== "function") return;
    try {
      await recheck(ctx, socket);
      const user = socket.data.user;
      if (!mayEver(user.role, COMMANDS[command])) throw forbidden(user, COMMANDS[command]);
      ack({ ok: true, ...(await handler(parse(schema, raw, `${command} payload`))) });
    } catch (error) {
      ack({ ok: false, error: toErrorBody(error) });
    }
  });
}

export function registerCommands(ctx: Ctx, socket: LiveSocket) {
  const user = () => socket.data.user;
  on(ctx, socket, "plan:approve", PlanApproveCommand, (req) => approvePlan(ctx, user(), req.planId, req.staffIds));
  const actions: [CommandName, AssignmentAction][] = [
    ["assignment:confirm", "confirm"], ["assignment:decline", "decline"], ["assignment:checkin", "checkin"], ["assignment:complete", "complete"],
  ];
  for (const [command, action] of actions) {
    on(ctx, socket, command, AssignmentCommand, async ({ id, ...body }) => ({ assignment: await act(ctx, user(), id, action, body) }));
  }
}
