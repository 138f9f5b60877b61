/** First start: the demo password is hashed once for every seeded account; random passwords once each. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../server/auth/passwords.js";
import { demoAccounts, hashAll } from "../../server/bootstrap/accounts.js";
import { DEMO_PASSWORD, startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ seed: "maulafa" });
});
afterAll(() => server.close());

describe("first-start passwords", () => {
  it("with a demo password every seeded account stores the same valid scrypt hash (one hash in all)", async () => {
    const users = await server.store.read((tx) => tx.find("users"));
    expect(users.length).toBeGreaterThan(600);
    const hashes = new Set(users.map((u) => u.passwordHash));
    expect(hashes.size).toBe(1);
    expect([...hashes][0]).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword(DEMO_PASSWORD, [...hashes][0]!)).toBe(true);
    expect(await verifyPassword("salah-sekali", [...hashes][0]!)).toBe(false);
    // Any account, not just the first, signs in with it.
    const staff = users.filter((u) => u.role === "staff").at(-1)!;
    expect((await server.as(staff.username)).user.role).toBe("staff");
  });

  it("random passwords get a salt and a hash each, at the generated passwords' work factor, and each verifies only its own", async () => {
    const accounts = demoAccounts([], [], undefined);
    const hashes = await hashAll(accounts, true);
    expect(hashes.size).toBe(accounts.length);
    for (const h of hashes.values()) expect(h).toMatch(/^scrypt\$1024\$8\$1\$/);
    const [a, b] = accounts;
    expect(hashes.get(a!.password)).not.toBe(hashes.get(b!.password));
    expect(await verifyPassword(a!.password, hashes.get(a!.password)!)).toBe(true);
    expect(await verifyPassword(b!.password, hashes.get(a!.password)!)).toBe(false);
  });
});
