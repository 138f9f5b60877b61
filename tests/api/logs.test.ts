/**
 * Structured logs of a real server, captured line by line in memory while a flow with logins, a staff
 * member with a phone, refused requests and an internal error runs: every line is JSON, every request
 * has its line with the id the client got back, and no line holds a password, a token or a phone number.
 */
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, log, setProcessLogger } from "../../server/log.js";
import type { Planner } from "../../server/planner/pool.js";
import { makeUnit, nextNip } from "../helpers/fixtures.js";
import { DEMO_PASSWORD, startServer, type TestServer } from "../helpers/server.js";

const PHONE = "+62 813-5555-0192";
const PHONE_DIGITS = PHONE.replace(/\D/g, "");

/** The planner fails as a bug would: a plain Error, which the client must see as a bare 500. */
const exploding: Planner = {
  solve: () => Promise.reject(new Error("planner exploded")),
  simulate: () => Promise.reject(new Error("planner exploded")),
  close: async () => {},
};

interface Answer {
  status: number;
  requestId: string | null;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe("the log of a real server", () => {
  const lines: string[] = [];
  const previous = log;
  let server: TestServer;
  const answers: Answer[] = [];
  const tokens: string[] = [];

  async function call(method: string, path: string, options: { body?: unknown; token?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(server.url + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await res.text();
    const answer = { status: res.status, requestId: res.headers.get("x-request-id"), body: text ? JSON.parse(text) : undefined };
    answers.push(answer);
    return answer;
  }

  beforeAll(async () => {
    // Both loggers write here: the app's (request lines, request errors) and the process's (store, fan-out, planner pool).
    const logger = createLogger("info", { write: (chunk: string) => { lines.push(...chunk.split("\n").filter(Boolean)); } });
    setProcessLogger(logger);
    server = await startServer({ seed: "accounts", logger, planner: exploding });

    const login = await call("POST", "/api/auth/login", { body: { username: "koordinator", password: DEMO_PASSWORD } });
    expect(login.status).toBe(200);
    const token: string = login.body.token;
    tokens.push(token);
    expect((await call("POST", "/api/auth/login", { body: { username: "koordinator", password: `${DEMO_PASSWORD}-wrong` } })).status).toBe(401);

    const coord = await server.as("koordinator");
    tokens.push(coord.token);
    const unit = await makeUnit(coord);
    const staff = await call("POST", "/api/staff", {
      token,
      body: { nip: nextNip(), name: "Maria Uji", homeUnitId: unit.id, jabatan: "Perawat", golongan: "III/b", skills: ["medis"], phone: PHONE },
    });
    expect(staff.status).toBe(201);
    expect((await call("GET", `/api/staff/${staff.body.id}`, { token })).body.phone).toBe(PHONE);
    // The same phone again, refused: the body that carried it is not logged either.
    expect((await call("POST", "/api/staff", { token, body: { nip: "123", name: "X", phone: PHONE } })).status).toBe(400);
    // A token in a query string (a client's mistake) stays out of the log: paths are logged without the query.
    expect((await call("GET", `/api/me?token=${token}&phone=${encodeURIComponent(PHONE)}`, { token })).status).toBe(200);
    expect((await call("GET", "/api/nowhere", { token, headers: { "x-request-id": "proxy-trace-42" } })).status).toBe(404);
    expect((await call("GET", "/api/me", { headers: { "x-request-id": "not a sane id; DROP TABLE" } })).status).toBe(401);
    expect((await call("POST", "/api/plans", { token })).status).toBe(500);

    const socket = io(server.url + "/live", { auth: { token }, transports: ["websocket"], reconnection: false });
    await new Promise<void>((resolve, reject) => { socket.once("connect", () => resolve()); socket.once("connect_error", reject); });
    socket.disconnect();
    expect((await call("POST", "/api/auth/logout", { token })).status).toBe(204);
  });
  afterAll(async () => {
    await server?.close();
    setProcessLogger(previous);
  });

  const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown> & { req?: { id?: string } });

  it("is one JSON object a line", () => {
    expect(lines.length).toBeGreaterThan(answers.length);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
  });

  it("has a line for every request, with the id the client got in X-Request-Id, its route pattern, status and duration", () => {
    const requestLines = parsed().filter((l) => typeof l.status === "number" && l.req);
    for (const answer of answers) {
      expect(answer.requestId).toBeTruthy();
      const mine = requestLines.filter((l) => l.req!.id === answer.requestId);
      expect(mine, `request line of ${answer.requestId}`).toHaveLength(1);
      expect(mine[0]).toMatchObject({ status: answer.status, durationMs: expect.any(Number), route: expect.any(String) });
      expect(Object.keys(mine[0]!.req!).sort()).toEqual(["id", "method", "path"]);
    }
    expect(requestLines.find((l) => l.req!.id === answers[2]!.requestId)).toMatchObject({ route: "/api/staff", req: { method: "POST", path: "/api/staff" } });
    expect(requestLines.find((l) => l.req!.id === answers[3]!.requestId)).toMatchObject({ route: "/api/staff/:id" });
  });

  it("takes a sane X-Request-Id from the client and replaces one that is not", () => {
    expect(answers.find((a) => a.status === 404)!.requestId).toBe("proxy-trace-42");
    const insane = answers.find((a) => a.status === 401 && a.body.error.message.includes("missing bearer"))!;
    expect(insane.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("puts the request id in every error body", () => {
    const errors = answers.filter((a) => a.status >= 400);
    expect(errors.map((a) => a.status).sort()).toEqual([400, 401, 401, 404, 500]);
    for (const a of errors) expect(a.body.error.requestId).toBe(a.requestId);
  });

  it("logs an internal error with its stack, under the request's id; the client gets neither", () => {
    const failed = answers.find((a) => a.status === 500)!;
    expect(failed.body).toEqual({ error: { code: "internal", message: "Internal error", requestId: failed.requestId } });
    const line = parsed().find((l) => l.msg === "request failed");
    expect(line).toMatchObject({ level: 50, req: { id: failed.requestId }, err: { message: "planner exploded" } });
    expect((line!.err as { stack: string }).stack).toMatch(/planner exploded\n\s+at /);
  });

  it("holds no password, no token, no phone number", () => {
    expect(tokens).toHaveLength(2);
    const text = lines.join("\n");
    for (const secret of [DEMO_PASSWORD, ...tokens, PHONE, PHONE_DIGITS, encodeURIComponent(PHONE)]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/authorization|cookie|passwordHash/i);
  });
});
