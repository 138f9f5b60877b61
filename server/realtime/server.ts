/**
 * Namespace /live: token auth at the handshake, `resume` from the durable event log, then every
 * committed event pushed in seq order. With REDIS_URL the Redis adapter fans pushes out to the
 * sockets of every server process; clients order by seq and resume over any gap, so correctness
 * rests on the event log, not on the transport.
 */
import type { Server as HttpServer } from "node:http";
import type { Duplex } from "node:stream";
import { Server } from "socket.io";
import { DomainError } from "../../shared/errors.js";
import type { Ctx } from "../context.js";
import { log } from "../log.js";
import { registerCommands } from "./commands.js";
import { Fanout } from "./push.js";
import { resume } from "./resume.js";
import { admit, expired, joinIdentityRooms, sessionRoom, userRoom } from "./session.js";
import type { LiveSocket } from "./socket.js";

export interface Realtime {
  io: Server;
  /** For /api/health: this process's live sockets, and events its fan-out has yet to send. */
  stats(): { sockets: number; behind: number };
  /** Sends the sockets of ended sessions away, on every process (a room broadcast goes through the Redis adapter). */
  endSessions(ended: { username: string } | { sessionId: string }): void;
  /** Sends this process's sockets whose session has expired away; runs every EXPIRY_SWEEP_MS, tests call it. Returns how many. */
  expireSessions(): number;
  /**
   * Sends what has committed, then tells this process's sockets to go (reason "io server disconnect",
   * on which the client library reconnects, to another process or to this one restarted) and closes.
   */
  close(): Promise<void>;
}

/**
 * How long each stage of close() may take: the fan-out of what has committed (socket commands could keep
 * adding to it), the sockets' last pushes and disconnect (a client that stopped reading would hold them
 * for ever), the WebSocket close handshake (`ws` would wait 30 s for a client that is gone). Past it the
 * stage is cut short; a client that missed something resumes it from the log.
 */
const CLOSE_GRACE_MS = 2_000;

/** How often sockets are checked for an expired session (commands check at once). */
const EXPIRY_SWEEP_MS = 30_000;

export async function attachRealtime(ctx: Ctx, http: HttpServer, options: { redisUrl?: string | undefined }): Promise<Realtime> {
  // No perMessageDeflate (issue 14 weighed it): with it on, Engine.IO no longer writes a broadcast's
  // pre-encoded frame to each socket (transports/websocket.ts `_canSendPreEncodedFrame`), the fan-out path
  // docs/realtime.md measures at 5,000 sockets. A staff phone's snapshot is its own part instead (server/scope.ts).
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 1e6, cors: { origin: false } });
  // The connections upgraded to WebSocket, so close() can cut those whose client does not answer.
  const upgraded = new Set<Duplex>();
  http.on("upgrade", (_req, socket: Duplex) => {
    upgraded.add(socket);
    socket.once("close", () => upgraded.delete(socket));
  });
  const redis = options.redisUrl ? await connectRedis(options.redisUrl) : undefined;
  if (redis) io.adapter(redis.adapter);

  const live = io.of("/live");
  live.use(async (socket, next) => {
    try {
      await admit(ctx, socket as LiveSocket);
      next();
    } catch (error) {
      const err = new Error(error instanceof DomainError ? error.message : "unauthenticated") as Error & { data: unknown };
      err.data = { code: "unauthenticated" };
      next(err);
    }
  });

  live.on("connection", (raw) => {
    const socket = raw as LiveSocket;
    joinIdentityRooms(socket);
    socket.on("resume", (req, ack) => resume(ctx, socket, req, ack));
    registerCommands(ctx, socket);
  });

  // The store calls back inside its write lock, so the fan-out hears commits in seq order; it sends
  // them after the lock is released, a group of sockets per event-loop turn (push.ts).
  const fanout = new Fanout(live, { localOnly: !redis });
  const unsubscribe = ctx.store.subscribe((events) => fanout.add(events));

  const expireSessions = () => {
    let n = 0;
    for (const socket of live.sockets.values()) {
      if (expired(ctx, socket as LiveSocket)) {
        socket.disconnect(true);
        n++;
      }
    }
    return n;
  };
  const sweep = setInterval(expireSessions, EXPIRY_SWEEP_MS);
  sweep.unref();

  return {
    io,
    stats: () => ({ sockets: live.sockets.size, behind: fanout.behind }),
    endSessions(ended) {
      live.in("username" in ended ? userRoom(ended.username) : sessionRoom(ended.sessionId)).disconnectSockets(true);
    },
    expireSessions,
    async close() {
      clearInterval(sweep);
      await within(CLOSE_GRACE_MS, fanout.drain());
      unsubscribe();
      fanout.close();
      // Engine.io closes a connection once its last packets are written: wait for that before io.close()
      // discards what is unsent. `local`: with the Redis adapter a plain disconnectSockets() would
      // disconnect the sockets of every process.
      const engines = new Set([...live.sockets.values()].map((socket) => socket.conn));
      const written = Promise.all([...engines].map((e) => new Promise<void>((resolve) => e.once("close", resolve))));
      live.local.disconnectSockets(true);
      await within(CLOSE_GRACE_MS, written);
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      await within(CLOSE_GRACE_MS, Promise.all([...upgraded].map((s) => new Promise((resolve) => s.once("close", resolve)))));
      for (const socket of upgraded) socket.destroy();
      await closed;
      if (redis) await Promise.allSettled([redis.pub.quit(), redis.sub.quit()]);
    },
  };
}

/** `promise`, or nothing after `ms`. */
async function within(ms: number, promise: Promise<unknown>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([promise, new Promise((resolve) => { timer = setTimeout(resolve, ms); })]);
  clearTimeout(timer);
}

/** Loaded only with REDIS_URL: the client and adapter take ~0.3 s to load, a first start without them need not. */
async function connectRedis(url: string) {
  const [{ createAdapter }, { createClient }] = await Promise.all([import("@socket.io/redis-adapter"), import("redis")]);
  const pub = createClient({ url });
  const sub = pub.duplicate();
  pub.on("error", (e) => log.error({ err: e.message }, "redis"));
  sub.on("error", (e) => log.error({ err: e.message }, "redis"));
  await Promise.all([pub.connect(), sub.connect()]);
  return { pub, sub, adapter: createAdapter(pub, sub) };
}
