/**
 * GET /metrics on a real server: Prometheus text that a strict parser accepts, with the request, socket,
 * fan-out, planner, store and event-loop series after some traffic; a token when SIAGA_METRICS_TOKEN is
 * set, loopback clients only when it is not. Counts are asserted, never durations.
 */
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateInstance, SCALES } from "../../bench/generate.js";
import { createMetrics } from "../../server/metrics.js";
import { makeUnit } from "../helpers/fixtures.js";
import { parsePrometheus, sampleValue, type Family } from "../helpers/prometheus.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

const TOKEN = "metrics-token-for-the-test-0123456789";

async function scrape(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/metrics`, { headers });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

describe("/metrics without SIAGA_METRICS_TOKEN", () => {
  let server: TestServer;
  let coord: Client;
  let socket: Socket;
  let families: Map<string, Family>;

  beforeAll(async () => {
    server = await startServer({ seed: "accounts" });
    coord = await server.as("koordinator");
    // Traffic: a REST write, one that the service refuses, a socket that stays connected, a what-if.
    const unit = await makeUnit(coord);
    expect((await coord.patch(`/units/${unit.id}`, { version: unit.version + 5, floor: 1 })).status).toBe(409);
    expect((await coord.get(`/units/${unit.id}`)).status).toBe(200);
    socket = io(server.url + "/live", { auth: { token: coord.token }, transports: ["websocket"], reconnection: false });
    await new Promise<void>((resolve, reject) => { socket.once("connect", () => resolve()); socket.once("connect_error", reject); });
    expect((await coord.post("/plans/simulate", generateInstance(SCALES.small))).status).toBe(200);
    const res = await scrape(server.url);
    expect(res.status).toBe(200);
    expect(res.type?.split(/;\s*/).sort()).toEqual(["charset=utf-8", "text/plain", "version=0.0.4"]);
    families = parsePrometheus(res.text);
  });
  afterAll(async () => {
    socket?.disconnect();
    await server?.close();
  });

  it("times requests by route pattern and status, never by a URL with ids", () => {
    const http = families.get("siaga_http_request_duration_seconds");
    expect(http?.type).toBe("histogram");
    const count = (labels: Record<string, string>) => sampleValue(families, "siaga_http_request_duration_seconds_count", labels);
    expect(count({ method: "POST", route: "/api/auth/login", status: "200" })).toBe(1);
    expect(count({ method: "POST", route: "/api/units", status: "201" })).toBe(1);
    expect(count({ method: "PATCH", route: "/api/units/:id", status: "409" })).toBe(1);
    expect(count({ method: "GET", route: "/api/units/:id", status: "200" })).toBe(1);
    expect(count({ method: "POST", route: "/api/plans/simulate", status: "200" })).toBe(1);
    const routes = new Set(http!.samples.map((s) => s.labels.route));
    for (const route of routes) expect(route).toMatch(/^(\/api(\/(:[a-zA-Z]+|[a-z-]+))+|unmatched)$/);
  });

  it("has the live sockets and the fan-out lag of this process", () => {
    expect(families.get("siaga_live_sockets")?.type).toBe("gauge");
    expect(sampleValue(families, "siaga_live_sockets")).toBe(1);
    expect(families.get("siaga_fanout_behind_events")?.type).toBe("gauge");
    const behind = sampleValue(families, "siaga_fanout_behind_events");
    expect(Number.isInteger(behind) && behind! >= 0).toBe(true);
  });

  it("has the planner's solve time and the store's transactions and failures", () => {
    expect(families.get("siaga_planner_solve_seconds")?.type).toBe("histogram");
    expect(sampleValue(families, "siaga_planner_solve_seconds_count", { kind: "simulate" })).toBe(1);
    expect(families.get("siaga_store_transaction_seconds")?.type).toBe("histogram");
    // Two logins (sessions), the unit, the refused patch.
    expect(sampleValue(families, "siaga_store_transaction_seconds_count")).toBeGreaterThanOrEqual(3);
    expect(families.get("siaga_store_transaction_errors_total")?.type).toBe("counter");
    expect(sampleValue(families, "siaga_store_transaction_errors_total", { reason: "rejected" })).toBe(1);
    expect(sampleValue(families, "siaga_store_transaction_errors_total", { reason: "conflict" })).toBe(0);
    expect(sampleValue(families, "siaga_store_transaction_errors_total", { reason: "error" })).toBe(0);
  });

  it("has the process defaults: event-loop lag, memory", () => {
    for (const name of ["nodejs_eventloop_lag_seconds", "nodejs_eventloop_lag_p99_seconds", "process_resident_memory_bytes", "nodejs_heap_size_used_bytes"]) {
      expect(families.get(name)?.type, name).toBe("gauge");
      expect(sampleValue(families, name), name).toBeGreaterThanOrEqual(0);
    }
  });

  it("a second app in the same process counts on its own registry", async () => {
    const other = await startServer({ seed: "accounts" });
    try {
      const again = parsePrometheus((await scrape(other.url)).text);
      expect(sampleValue(again, "siaga_http_request_duration_seconds_count", { route: "/api/units" })).toBeUndefined();
      expect(sampleValue(again, "siaga_live_sockets")).toBe(0);
    } finally {
      await other.close();
    }
  });

  it("answers loopback clients only: a proxy here relaying an outsider is refused", async () => {
    const relayed = await scrape(server.url, { "x-forwarded-for": "203.0.113.7" });
    expect(relayed.status).toBe(403);
    const body = JSON.parse(relayed.text);
    expect(body.error).toMatchObject({ code: "forbidden", requestId: expect.any(String) });
    expect((await scrape(server.url, { "x-forwarded-for": "127.0.0.1" })).status).toBe(200);
  });

  it("refuses a peer that is not this host", async () => {
    const endpoint = createMetrics(() => undefined).endpoint(undefined);
    const outcome = await new Promise<unknown>((resolve) => {
      const req = { socket: { remoteAddress: "10.20.30.40" }, ip: "10.20.30.40", get: () => undefined };
      const res = { setHeader: () => res, send: () => resolve("sent") };
      void endpoint(req as never, res as never, resolve);
    });
    expect(outcome).toMatchObject({ code: "forbidden" });
  });
});

describe("/metrics with SIAGA_METRICS_TOKEN", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ seed: "accounts", metricsToken: TOKEN });
  });
  afterAll(() => server?.close());

  it("wants the token as a bearer token, from loopback clients too", async () => {
    const none = await scrape(server.url);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text).error).toMatchObject({ code: "unauthenticated", requestId: expect.any(String) });
    expect((await scrape(server.url, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await scrape(server.url, { authorization: `Bearer ${TOKEN.slice(0, -1)}` })).status).toBe(401);
    expect((await scrape(server.url, { authorization: TOKEN })).status).toBe(401);
    // A user's session token is not the metrics token.
    const coord = await server.as("koordinator");
    expect((await scrape(server.url, { authorization: `Bearer ${coord.token}` })).status).toBe(401);
    const ok = await scrape(server.url, { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(parsePrometheus(ok.text).has("siaga_http_request_duration_seconds")).toBe(true);
  });

  it("with the token, a relayed outsider gets them too (the token is the protection)", async () => {
    expect((await scrape(server.url, { authorization: `Bearer ${TOKEN}`, "x-forwarded-for": "203.0.113.7" })).status).toBe(200);
  });
});
