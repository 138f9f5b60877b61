/**
 * server/lifecycle/shutdown.ts on its own, over a real HTTP server on loopback: what it refuses, what it
 * lets finish, how it closes idle keep-alive connections, the order of its steps, the timeout and a
 * second signal. Every wait is on an event (a response, a socket's end, a gate the test opens).
 */
import { EventEmitter, once } from "node:events";
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createShutdown, shutdownOnSignals, type Shutdown, type ShutdownStep } from "../../server/lifecycle/shutdown.js";

let servers: Server[] = [];
afterEach(() => {
  for (const s of servers) s.closeAllConnections();
  for (const s of servers) s.close();
  servers = [];
});

/** A gate: `open()` lets whoever awaits `passed` through. */
function gate() {
  let open!: () => void;
  const passed = new Promise<void>((resolve) => { open = resolve; });
  return { open, passed };
}

/** A server whose `/slow` requests wait for `slow.open()`; any other path answers at once. */
async function serve() {
  const slow = gate();
  const arrived = gate();
  const http = createServer(async (req, res) => {
    if (req.url === "/slow") {
      arrived.open();
      await slow.passed;
    }
    res.setHeader("content-type", "text/plain");
    res.end(`done ${req.url}`);
  });
  servers.push(http);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return { http, port: (http.address() as AddressInfo).port, slow, arrived };
}

function harness(http: Server, steps: ShutdownStep[] = [], timeoutMs = 10_000) {
  const lines: string[] = [];
  const exits: number[] = [];
  const shutdown = createShutdown({ http, steps, timeoutMs, log: (l) => lines.push(l), exit: (c) => exits.push(c) });
  return { shutdown, lines, exits };
}

function get(port: number, path: string): Promise<{ res: IncomingMessage; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ res, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** A raw keep-alive connection that has had one complete response; resolves with the socket. */
async function keepAliveConnection(port: number): Promise<{ socket: Socket; ended: Promise<"end" | "error"> }> {
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  const ended = new Promise<"end" | "error">((resolve) => {
    socket.once("end", () => resolve("end"));
    socket.once("error", () => resolve("error"));
  });
  let got = "";
  const answered = new Promise<void>((resolve) => socket.on("data", (c: Buffer) => {
    got += c.toString();
    if (got.includes("done /fast")) resolve();
  }));
  socket.write("GET /fast HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n");
  await answered;
  return { socket, ended };
}

describe("graceful shutdown", () => {
  it("refuses new connections, closes idle keep-alive ones cleanly and lets the request in flight finish with Connection: close", async () => {
    const { http, port, slow, arrived } = await serve();
    const order: string[] = [];
    const { shutdown, exits, lines } = harness(http, [{ name: "a", run: () => { order.push("a"); } }]);

    const idle = await keepAliveConnection(port);
    const inFlight = get(port, "/slow");
    await arrived.passed;
    expect(shutdown.inFlight).toBe(1);

    const done = shutdown.run("SIGTERM");
    expect(lines[0]).toMatch(/SIGTERM: shutting down/);
    // The listener is closed at once: a new connection is refused by the kernel, never reset.
    await expect(get(port, "/fast")).rejects.toMatchObject({ code: "ECONNREFUSED" });
    // The idle keep-alive connection gets a FIN, not a reset.
    expect(await idle.ended).toBe("end");
    // Nothing runs while the request is in flight.
    expect(order).toEqual([]);
    expect(exits).toEqual([]);

    slow.open();
    const { res, body } = await inFlight;
    expect(res.statusCode).toBe(200);
    expect(body).toBe("done /slow");
    expect(res.headers.connection).toBe("close");
    expect(await done).toBe(0);
    expect(order).toEqual(["a"]);
    expect(exits).toEqual([0]);
    expect(lines.at(-1)).toMatch(/shut down cleanly/);
  });

  it("answers requests pipelined behind the one in flight (Node has handed them to the app), then ends the connection", async () => {
    const { http, port, slow, arrived } = await serve();
    const { shutdown, exits } = harness(http);
    const socket = connect(port, "127.0.0.1");
    await once(socket, "connect");
    let got = "";
    socket.on("data", (c: Buffer) => (got += c.toString()));
    const ended = new Promise<"end" | "error">((resolve) => {
      socket.once("end", () => resolve("end"));
      socket.once("error", () => resolve("error"));
    });
    // Two pipelined requests on one connection: the first is held, the second answered behind it.
    socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n");
    await arrived.passed;
    const done = shutdown.run("SIGTERM");
    slow.open();
    expect(await ended).toBe("end");
    expect(got).toContain("done /slow");
    expect(got).toContain("done /after");
    expect(await done).toBe(0);
    expect(exits).toEqual([0]);
  });

  it("runs the steps in order after the requests; a failing step is logged, the rest still run, and it exits 1", async () => {
    const { http } = await serve();
    const order: string[] = [];
    const { shutdown, exits, lines } = harness(http, [
      { name: "live", run: async () => { order.push("live"); } },
      { name: "broken", run: async () => { order.push("broken"); throw new Error("nope"); } },
      { name: "store", run: async () => { order.push("store"); } },
    ]);
    expect(await shutdown.run("SIGINT")).toBe(1);
    expect(order).toEqual(["live", "broken", "store"]);
    expect(exits).toEqual([1]);
    expect(lines.some((l) => /broken failed: Error: nope/.test(l))).toBe(true);
  });

  it("past the timeout it says where it is stuck and exits 1", async () => {
    const { http } = await serve();
    // A step that never ends: only the timeout can end this shutdown.
    const { shutdown, exits, lines } = harness(http, [{ name: "stuck step", run: () => new Promise<void>(() => {}) }], 50);
    expect(await shutdown.run("SIGTERM")).toBe(1);
    expect(exits).toEqual([1]);
    expect(lines.at(-1)).toMatch(/not finished after 50 ms \(still at: stuck step\); exiting with code 1/);
  });

  it("a second signal while it runs is logged and changes nothing", async () => {
    const { http } = await serve();
    const step = gate();
    const entered = gate();
    let runs = 0;
    const { shutdown, exits, lines } = harness(http, [{ name: "store", run: async () => { runs++; entered.open(); await step.passed; } }]);
    const signals = new EventEmitter();
    shutdownOnSignals(shutdown, ["SIGTERM", "SIGINT"], signals as unknown as NodeJS.Process);
    signals.emit("SIGTERM");
    await entered.passed;
    signals.emit("SIGINT");
    signals.emit("SIGTERM");
    expect(lines.filter((l) => /already shutting down \(still at: store\)/.test(l))).toHaveLength(2);
    step.open();
    expect(await (shutdown as Shutdown).run("again")).toBe(0);
    expect(runs).toBe(1);
    expect(exits).toEqual([0]);
  });
});
