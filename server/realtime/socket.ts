/** The typed socket of namespace /live, on its own so that the handlers and the server import it without a cycle. */
import type { Socket } from "socket.io";
import type { PublicUser } from "../../shared/domain.js";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/protocol.js";

export interface SocketData {
  user: PublicUser;
  /** When the socket's session ends (session.ts). */
  expiresAt?: string;
  /** The session's id (the token's hash), for its room. */
  sessionId?: string;
  /** Set while a resume is being answered (resume.ts). */
  resuming?: boolean;
}

export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
