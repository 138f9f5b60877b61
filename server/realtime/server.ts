/**
 * Namespace /live: token auth at the handshake, `resume` from the durable event log, then every
 * committed event pushed in seq order. With REDIS_URL the Redis adapter fans pushes out to the
 * sockets of every server process; clients order by seq and resume over any gap, so correctness
 * rests on the event log, not on the transport.
 */
import { createAdapter } from "@socket.io/redis-adapter";
import type { Server as HttpServer } from "node:http";
import { createClient } from "redis";
import { Server } from "socket.io";
import { DomainError } from "../../shared/errors.js";
import { authenticate } from "../auth/service.js";
import type { Ctx } from "../context.js";
import { log } from "../log.js";
import { registerCommands } from "./commands.js";
import { Fanout } from "./push.js";
import { resume } from "./resume.js";
import type { LiveSocket } from "./socket.js";

export interface Realtime {
  io: Server;
  /** For /api/health: this process's live sockets, and events its fan-out has yet to send. */
  stats(): { sockets: number; behind: number };
  close(): Promise<void>;
}

export async function attachRealtime(ctx: Ctx, http: HttpServer, options: { redisUrl?: string | undefined }): Promise<Realtime> {
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 1e6, cors: { origin: false } });
  const redis = options.redisUrl ? await connectRedis(options.redisUrl) : undefined;
  if (redis) io.adapter(createAdapter(redis.pub, redis.sub));

  const live = io.of("/live");
  live.use(async (socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      socket.data.user = await authenticate(ctx, typeof token === "string" ? token : undefined);
      next();
    } catch (error) {
      const err = new Error(error instanceof DomainError ? error.message : "unauthenticated") as Error & { data: unknown };
      err.data = { code: "unauthenticated" };
      next(err);
    }
  });

  live.on("connection", (raw) => {
    const socket = raw as LiveSocket;
    socket.on("resume", (req, ack) => resume(ctx, socket, req, ack));
    registerCommands(ctx, socket);
  });

  // The store calls back inside its write lock, so the fan-out hears commits in seq order; it sends
  // them after the lock is released, a group of sockets per event-loop turn (push.ts).
  const fanout = new Fanout(live);
  const unsubscribe = ctx.store.subscribe((events) => fanout.add(events));

  return {
    io,
    stats: () => ({ sockets: live.sockets.size, behind: fanout.behind }),
    async close() {
      unsubscribe();
      fanout.close();
      live.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      if (redis) await Promise.allSettled([redis.pub.quit(), redis.sub.quit()]);
    },
  };
}

async function connectRedis(url: string) {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  pub.on("error", (e) => log.error({ err: e.message }, "redis"));
  sub.on("error", (e) => log.error({ err: e.message }, "redis"));
  await Promise.all([pub.connect(), sub.connect()]);
  return { pub, sub };
}
