/**
 * Graceful shutdown of an HTTP server and what hangs off it (SIGTERM from systemd, Ctrl-C), in order:
 *
 *  1. Stop listening: new connections are refused by the kernel. Idle keep-alive connections are closed
 *     (Node closes them in server.close()); a request that is already on its way over one of them was
 *     never read, so its client sees the connection closed before it was accepted, not a half-done write.
 *  2. Let the requests in flight finish. Their responses complete and carry `Connection: close`, so each
 *     connection closes after its last response and its client sends nothing more on it (a request that
 *     Node reads meanwhile is served the same way). A response that said keep-alive before the shutdown
 *     leaves its connection idle once it is written; that connection is closed then.
 *  3. Run the steps one after another (the live feed and the app, then the store). A failing step is
 *     logged and the rest still run; the exit code is then 1.
 *  4. Exit 0.
 *
 * Past `timeoutMs` it logs what it was still waiting for and exits 1. It runs once: another signal while
 * it runs is logged and changes nothing (a terminal's Ctrl-C reaches npm and the server both).
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { log as processLog } from "../log.js";

export interface ShutdownStep {
  name: string;
  run(): Promise<void> | void;
}

export interface ShutdownOptions {
  http: HttpServer;
  /** Run after the requests in flight have finished, in this order. */
  steps: ShutdownStep[];
  /** The whole shutdown at most; then exit 1. */
  timeoutMs: number;
  /**
   * Requests not waited for in phase 2, because they stay open until a step ends them (Socket.IO's
   * long-polling requests, which the live feed's close answers).
   */
  background?: (req: IncomingMessage) => boolean;
  /** Default the process logger (server/log.ts), at the level given. */
  log?: (line: string, level?: "info" | "error") => void;
  /** process.exit by default; tests pass their own. */
  exit?: (code: number) => void;
}

export interface Shutdown {
  /** True once run() was called. */
  readonly started: boolean;
  /** Requests being answered now (not counting `background` ones). */
  readonly inFlight: number;
  /** Starts the shutdown, once; resolves with the exit code, after `exit` was called with it. */
  run(reason: string): Promise<number>;
}

/** Watches the server's requests from now on; call it once the server is built, before it listens. */
export function createShutdown(options: ShutdownOptions): Shutdown {
  const { http, timeoutMs } = options;
  const log = options.log ?? ((line: string, level: "info" | "error" = "info") => processLog[level](line));
  const exit = options.exit ?? ((code: number) => process.exit(code));

  // The responses being written, per connection, in request order (more than one only when pipelined).
  const open = new Map<Duplex, ServerResponse[]>();
  let inFlight = 0;
  const markedClose = new WeakSet<ServerResponse>();
  let draining = false;
  let settled: (() => void) | undefined;

  /**
   * Only the last response of a connection may say `Connection: close`: Node drops the responses queued
   * behind one that does, and a pipelined request behind it has already been handed to the app.
   */
  const closeAfter = (res: ServerResponse, earlier: readonly ServerResponse[]) => {
    for (const e of earlier) {
      if (markedClose.has(e) && !e.headersSent) {
        e.removeHeader("connection");
        markedClose.delete(e);
      }
    }
    if (res.headersSent) return;
    res.setHeader("connection", "close");
    markedClose.add(res);
  };

  // First, so it sees every request before Express (or engine.io) answers it.
  http.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
    if (options.background?.(req)) return;
    const socket = req.socket;
    const list = open.get(socket) ?? [];
    if (draining) closeAfter(res, list);
    list.push(res);
    open.set(socket, list);
    inFlight++;
    res.once("close", () => {
      list.splice(list.indexOf(res), 1);
      if (list.length === 0) open.delete(socket);
      inFlight--;
      if (!draining) return;
      // A response that went out before the shutdown said keep-alive: its connection may be idle now.
      http.closeIdleConnections();
      if (inFlight === 0) settled?.();
    });
  });

  let running: Promise<number> | undefined;
  let phase = "";
  const where = () => (phase === "requests in flight" ? `${phase} (${inFlight})` : phase);

  async function shutdown(reason: string): Promise<number> {
    log(`${reason}: shutting down (at most ${timeoutMs} ms)`);
    let done!: (code: number) => void;
    const finished = new Promise<number>((resolve) => { done = resolve; });
    const timer = setTimeout(() => {
      log(`shutdown not finished after ${timeoutMs} ms (still at: ${where()}); exiting with code 1`, "error");
      done(1);
    }, timeoutMs);

    const work = (async () => {
      phase = "stop listening";
      draining = true;
      http.close();
      http.closeIdleConnections();
      for (const list of open.values()) closeAfter(list.at(-1)!, list.slice(0, -1));

      phase = "requests in flight";
      if (inFlight > 0) await new Promise<void>((resolve) => { settled = resolve; });

      let code = 0;
      for (const step of options.steps) {
        phase = step.name;
        try {
          await step.run();
        } catch (error) {
          code = 1;
          log(`shutdown: ${step.name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`, "error");
        }
      }
      phase = "exit";
      return code;
    })();
    void work.then(done, (error: unknown) => {
      log(`shutdown failed: ${String(error)}`, "error");
      done(1);
    });

    const code = await finished;
    clearTimeout(timer);
    if (code === 0) log("shut down cleanly");
    exit(code);
    return code;
  }

  return {
    get started() { return running !== undefined; },
    get inFlight() { return inFlight; },
    run(reason) {
      if (running) {
        log(`${reason}: already shutting down (still at: ${where()})`);
        return running;
      }
      running = shutdown(reason);
      return running;
    },
  };
}

/** Runs `shutdown` on each of `signals`; the handlers stay, so a second signal cannot kill the process midway. */
export function shutdownOnSignals(shutdown: Shutdown, signals: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT"], target: Pick<NodeJS.Process, "on"> = process): void {
  for (const signal of signals) target.on(signal, () => void shutdown.run(signal));
}
