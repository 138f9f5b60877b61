/** Tokens: they expire, they can be revoked, and they survive a server restart. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request, startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
});
afterAll(() => server.close());

describe("sessions", () => {
  it("a token stays valid across a restart (a wall screen is not logged out)", async () => {
    const screen = await server.as("layar");
    await server.restart();
    const me = await request(server.url, "GET", "/me", undefined, screen.token);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ username: "layar", role: "screen" });
  });

  it("a token expires: 12 h for people, longer for screens", async () => {
    const coord = await server.as("koordinator");
    const screen = await server.as("layar");
    server.clock.advance(13 * 3600_000);
    expect((await request(server.url, "GET", "/me", undefined, coord.token)).status).toBe(401);
    expect((await request(server.url, "GET", "/me", undefined, screen.token)).status).toBe(200);
  });

  it("logout revokes the token; a coordinator can revoke all of a user's sessions", async () => {
    const a = await server.as("koordinator");
    expect((await a.post("/auth/logout")).status).toBe(204);
    expect((await request(server.url, "GET", "/me", undefined, a.token)).status).toBe(401);

    const coord = await server.as("koordinator");
    const s1 = await server.as("layar");
    const s2 = await server.as("layar");
    const res = await coord.post("/users/layar/revoke");
    expect(res.body.revoked).toBeGreaterThanOrEqual(2);
    expect((await request(server.url, "GET", "/me", undefined, s1.token)).status).toBe(401);
    expect((await request(server.url, "GET", "/me", undefined, s2.token)).status).toBe(401);
  });

  it("passwords are stored as scrypt hashes, never in plain", async () => {
    const users = await server.store.read((tx) => tx.find("users"));
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) expect(u.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
  });

  it("repeated wrong passwords are rate limited with 429", async () => {
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await request(server.url, "POST", "/auth/login", { username: "layar", password: `salah-${i}` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
