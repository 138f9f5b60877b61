/**
 * A socket lives no longer than its session (issue 16, item 1): it is checked again before every command
 * and resume, and sent away when the session is revoked, logged out or expires. Each socket sits in the
 * rooms of its user and its session, so a revoke reaches its sockets on every process (Redis adapter).
 */
import { DomainError } from "../../shared/errors.js";
import { sessionOf } from "../auth/service.js";
import type { Ctx } from "../context.js";
import type { LiveSocket } from "./socket.js";

export const userRoom = (username: string) => `user:${username}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** The rooms that say who a socket is; a resume keeps them when it changes the push rooms. */
export const isIdentityRoom = (room: string) => room.startsWith("user:") || room.startsWith("session:");

const tokenOf = (socket: LiveSocket) => {
  const token = (socket.handshake.auth as { token?: unknown }).token;
  return typeof token === "string" ? token : undefined;
};

/** At the handshake: the session, or a 401. */
export async function admit(ctx: Ctx, socket: LiveSocket): Promise<void> {
  const session = await sessionOf(ctx, tokenOf(socket));
  socket.data.user = session.user;
  socket.data.expiresAt = session.expiresAt;
  socket.data.sessionId = session.id;
}

/** Once connected: the rooms that say who the socket is. */
export function joinIdentityRooms(socket: LiveSocket): void {
  socket.join([userRoom(socket.data.user.username), sessionRoom(socket.data.sessionId!)]);
}

/**
 * Before a command: the session is read again; a revoked or expired one throws the 401 (the command's ack
 * says it) and the socket is disconnected right after that ack.
 */
export async function recheck(ctx: Ctx, socket: LiveSocket): Promise<void> {
  try {
    const session = await sessionOf(ctx, tokenOf(socket));
    socket.data.user = session.user;
  } catch (error) {
    if (error instanceof DomainError && error.code === "unauthenticated") setImmediate(() => socket.disconnect(true));
    throw error;
  }
}

/** Whether the socket's session has passed its end by the server's clock. */
export const expired = (ctx: Ctx, socket: LiveSocket) =>
  socket.data.expiresAt !== undefined && Date.parse(socket.data.expiresAt) <= ctx.clock.now().getTime();
