import { PROTOCOL_VERSION, ResumeRequest, type ResumeAck } from "../../shared/protocol.js";
import { conflict, DomainError } from "../../shared/errors.js";
import { MAX_REPLAY } from "../../shared/rules.js";
import type { Ctx } from "../context.js";
import { toErrorBody } from "../http/errors.js";
import { parse } from "../http/validate.js";
import { eventFor } from "../privacy.js";
import { snapshotFor } from "../state/service.js";
import { pushRoomsOf } from "./push.js";
import { isIdentityRoom, recheck } from "./session.js";
import type { LiveSocket } from "./socket.js";

/**
 * The socket joins the push room BEFORE reading the log, so no event can fall between the read and
 * the first push; the client drops what it already has (seq ≤ its last) and orders the rest.
 */
export async function resume(ctx: Ctx, socket: LiveSocket, raw: unknown, ack: unknown) {
  if (typeof ack !== "function") return;
  const reply = ack as (res: ResumeAck) => void;
  // One at a time per socket: a snapshot is the dearest thing a socket can ask for, and a client
  // never needs two answers at once (LiveClient waits for each ack).
  if (socket.data.resuming) {
    reply({ ok: false, error: toErrorBody(new DomainError("rate_limited", "a resume is already being answered on this socket; wait for its ack")) });
    return;
  }
  socket.data.resuming = true;
  try {
    await recheck(ctx, socket);
    const req = parse(ResumeRequest, raw, "resume request");
    if (req.protocolVersion !== undefined && req.protocolVersion !== PROTOCOL_VERSION) {
      throw conflict("protocol", `This server speaks live protocol ${PROTOCOL_VERSION}, not ${req.protocolVersion}; reload the app`, { protocolVersion: PROTOCOL_VERSION });
    }
    // A socket resumes on every reconnect, and may switch form: it is in the rooms of one form only.
    for (const name of [...socket.rooms]) if (name !== socket.id && !isIdentityRoom(name)) void socket.leave(name);
    socket.join(pushRoomsOf(req.batch ? "batch" : "single", socket.data.user, socket.id));
    const lastSeq = await ctx.store.lastSeq();
    // A client ahead of the log has state from another database (a reset): start it afresh.
    if (req.since === null || req.since > lastSeq || lastSeq - req.since > MAX_REPLAY) {
      const snapshot = await snapshotFor(ctx, socket.data.user);
      reply({ ok: true, snapshot, seq: snapshot.seq, epoch: snapshot.epoch });
    } else {
      // The client checks the epoch: these seqs continue its state only if it came from this epoch.
      const events = await ctx.store.eventsSince(req.since, MAX_REPLAY);
      reply({ ok: true, events: events.map((e) => eventFor(socket.data.user, e)), epoch: ctx.store.epoch });
    }
  } catch (error) {
    reply({ ok: false, error: toErrorBody(error) });
  } finally {
    socket.data.resuming = false;
  }
}
