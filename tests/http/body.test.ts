/**
 * Issue 16, items 2, 4 and 6, replayed against a real server: a body that is not JSON is a 415 and
 * changes nothing (it is never read as `{}`); the token and the role are checked before any body is read
 * or inflated; a corrupt gzip or brotli body and a bad percent-escape are 400s with no stack in the log.
 */
import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../server/log.js";
import { makeIncident, makeStaff, makeUnit } from "../helpers/fixtures.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

interface Raw { status: number; body: any } // eslint-disable-line @typescript-eslint/no-explicit-any

describe("bodies, media types and malformed requests", () => {
  let server: TestServer;
  let coord: Client;
  let screen: Client;
  const lines: string[] = [];

  async function send(method: string, path: string, body: BodyInit | undefined, headers: Record<string, string> = {}, token?: string): Promise<Raw> {
    const res = await fetch(`${server.url}/api${path}`, { method, body, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  beforeAll(async () => {
    const logger = createLogger("info", { write: (chunk: string) => { lines.push(...chunk.split("\n").filter(Boolean)); } });
    server = await startServer({ seed: "accounts", logger });
    coord = await server.as("koordinator");
    screen = await server.as("layar");
  });
  afterAll(() => server.close());

  it("[16.2] a plan approval sent as text/plain, as a form or without a type is 415 and approves nothing", async () => {
    const donor = await makeUnit(coord, { floor: 0 });
    const people = [await makeStaff(coord, donor.id), await makeStaff(coord, donor.id), await makeStaff(coord, donor.id)];
    await makeIncident(coord, [{ skill: "sosial", count: 3, priority: 5 }]);
    // No donor cap (POST /plans defaults to 1.0): this test is about the body, not about who may lend.
    const plan = await coord.post("/plans", { donorLoadCap: null });
    expect(plan.status).toBe(201);
    expect(plan.body.result.assignments).toHaveLength(3);
    const one = JSON.stringify({ staffIds: [people[0]!.id] });
    for (const [body, headers] of [
      [one, { "content-type": "text/plain" }],
      [`staffIds=${people[0]!.id}`, { "content-type": "application/x-www-form-urlencoded" }],
      [one, {}],
      [new Blob([one]), { "content-type": "application/octet-stream" }],
    ] as const) {
      const res = await send("POST", `/plans/${plan.body.id}/approve`, body, headers, coord.token);
      expect(res.status, JSON.stringify(headers)).toBe(415);
      expect(res.body.error.code).toBe("unsupported_media_type");
    }
    expect((await coord.get("/assignments")).body).toEqual([]);
    // The same body as JSON approves exactly the one line.
    const approved = await send("POST", `/plans/${plan.body.id}/approve`, one, { "content-type": "application/json; charset=utf-8" }, coord.token);
    expect(approved.status).toBe(200);
    expect(approved.body.approved.map((a: { staffId: string }) => a.staffId)).toEqual([people[0]!.id]);
  });

  it("[16.2] a stale version sent as a form cannot skip the version check of a delete", async () => {
    const unit = await makeUnit(coord);
    const person = await makeStaff(coord, unit.id);
    const res = await send("DELETE", `/staff/${person.id}`, "version=999", { "content-type": "application/x-www-form-urlencoded" }, coord.token);
    expect(res.status).toBe(415);
    expect((await coord.get(`/staff/${person.id}`)).status).toBe(200);
    // No body at all is no body: the delete without a version still works.
    expect((await send("DELETE", `/staff/${person.id}`, undefined, {}, coord.token)).status).toBe(204);
  });

  it("[16.4] the token and the role are checked before a body is read: a corrupt gzip is 401 anonymous, 403 for a screen", async () => {
    const corrupt = Buffer.concat([gzipSync(JSON.stringify({ units: [] })).subarray(0, 12), Buffer.from("not gzip at all")]);
    const headers = { "content-type": "application/json", "content-encoding": "gzip" };
    expect((await send("POST", "/plans/simulate", corrupt, headers)).status).toBe(401);
    expect((await send("POST", "/plans/simulate", corrupt, headers, screen.token)).status).toBe(403);
    expect((await send("POST", "/units", corrupt, headers, screen.token)).status).toBe(403);
    // The coordinator's request is read: then the corruption is the request's fault, a 400.
    const mine = await send("POST", "/plans/simulate", corrupt, headers, coord.token);
    expect(mine.status).toBe(400);
    expect(mine.body.error.code).toBe("validation");
  });

  it("[16.4] the inflated size is capped: a small gzip that inflates past the limit is 413", async () => {
    const bomb = gzipSync(Buffer.from(`{"code":"${" ".repeat(1024 * 1024)}"}`)); // ~1 KB that inflates to 1 MB
    expect(bomb.length).toBeLessThan(5_000);
    const res = await send("POST", "/units", bomb, { "content-type": "application/json", "content-encoding": "gzip" }, coord.token);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("too_large");
    const big = gzipSync(Buffer.alloc(41 * 1024 * 1024, 0x20));
    const sim = await send("POST", "/plans/simulate", big, { "content-type": "application/json", "content-encoding": "gzip" }, coord.token);
    expect(sim.status).toBe(413);
  });

  it("[16.6] a corrupt gzip or brotli body on the open login is a 400, and a good one still signs in", async () => {
    const body = JSON.stringify({ username: "koordinator", password: "x" });
    const badGzip = Buffer.concat([gzipSync(body).subarray(0, 10), Buffer.from([1, 2, 3, 4, 5, 6, 7, 8])]);
    const badBrotli = Buffer.from([0x1b, 0xff, 0xff, 0xff, 0x12, 0x34, 0x56]);
    expect(brotliCompressSync(body).length).toBeGreaterThan(0);
    for (const [encoding, bytes] of [["gzip", badGzip], ["br", badBrotli], ["deflate", Buffer.from("nope")]] as const) {
      const res = await send("POST", "/auth/login", bytes, { "content-type": "application/json", "content-encoding": encoding });
      expect(res.status, encoding).toBe(400);
      expect(res.body.error.code).toBe("validation");
    }
    const good = await send("POST", "/auth/login", gzipSync(JSON.stringify({ username: "koordinator", password: "rahasia-uji-123" })), { "content-type": "application/json", "content-encoding": "gzip" });
    expect(good.status).toBe(200);
  });

  it("[16.6] a bad percent-escape in a path is a 400 without a stack in the log", async () => {
    for (const path of ["/units/%ZZ", "/staff/%E0%A4%A", "/incidents/%"]) {
      const res = await send("GET", path, undefined, {}, coord.token);
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe("validation");
    }
    expect(lines.filter((l) => /"stack"|URIError|at Layer/.test(l))).toEqual([]);
    expect(lines.some((l) => l.includes('"level":50'))).toBe(false);
    expect((await send("GET", "/health", undefined)).status).toBe(200);
  });
});
