/**
 * Issue 16, item 3, replayed against a real server. Clients are told apart by X-Forwarded-For, which
 * the server believes from loopback (SIAGA_TRUST_PROXY's default), as it would from a reverse proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN_LIMITS } from "../../server/auth/limiter.js";
import { DEMO_PASSWORD, startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;

async function login(username: string, password: string, client: string): Promise<{ status: number; retryAfter: string | null }> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": client },
    body: JSON.stringify({ username, password }),
  });
  await res.arrayBuffer();
  return { status: res.status, retryAfter: res.headers.get("retry-after") };
}

beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
});
afterAll(() => server.close());

describe("[16.3] the sign-in limiter", () => {
  it("60 concurrent guesses at one account from one client: at most 10 are evaluated, the rest are 429 with Retry-After", async () => {
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => login("koordinator", `tebakan-${i}`, "203.0.113.60")));
    const evaluated = answers.filter((a) => a.status === 401).length;
    expect(evaluated).toBeLessThanOrEqual(LOGIN_LIMITS.accountClient.points);
    expect(answers.filter((a) => a.status === 429).length).toBe(60 - evaluated);
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    expect(Number(answers.find((a) => a.status === 429)!.retryAfter)).toBeGreaterThanOrEqual(1);
    // Locked now even with the right password, from that client; the lock is the back-off's first step.
    const locked = await login("koordinator", DEMO_PASSWORD, "203.0.113.60");
    expect(locked.status).toBe(429);
    expect(Number(locked.retryAfter)).toBeGreaterThanOrEqual(LOGIN_LIMITS.lockS.first - 5);
  });

  it("one password tried across many accounts from one client stops at the client's budget", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.client.points + 5; i++) statuses.push((await login(`pengguna.${i}`, "Password123", "203.0.113.77")).status);
    expect(statuses.slice(0, LOGIN_LIMITS.client.points).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(LOGIN_LIMITS.client.points).every((s) => s === 429)).toBe(true);
  });

  it("guessers on many addresses cannot lock the owner out: the owner's known client still signs in", async () => {
    const owner = "198.51.100.7";
    expect((await login("layar", DEMO_PASSWORD, owner)).status).toBe(200);
    // Enough addresses, 10 guesses each, to spend the account's whole budget.
    const addresses = Math.ceil(LOGIN_LIMITS.account.points / LOGIN_LIMITS.accountClient.points);
    const guesses = await Promise.all(Array.from({ length: addresses }, async (_, a) => {
      const out: number[] = [];
      for (let i = 0; i < LOGIN_LIMITS.accountClient.points; i++) out.push((await login("layar", `tebak-${a}-${i}`, `192.0.2.${a + 1}`)).status);
      return out;
    }));
    expect(guesses.flat().filter((s) => s === 401).length).toBe(LOGIN_LIMITS.account.points);
    // A new address, even with the right password, meets the spent account budget…
    expect((await login("layar", DEMO_PASSWORD, "192.0.2.250")).status).toBe(429);
    // …the owner's known client does not, and its wrong password is still only a 401.
    expect((await login("layar", "salah-sekali", owner)).status).toBe(401);
    expect((await login("layar", DEMO_PASSWORD, owner)).status).toBe(200);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
