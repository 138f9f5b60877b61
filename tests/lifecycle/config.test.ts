/** The operating settings in server/config.ts: the listen address, the shutdown timeout and `trust proxy`, as Express takes it. */
import express from "express";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../server/config.js";

/** Express's compiled `trust proxy`: does it believe a proxy at `address` (the `i`-th hop from the server)? */
function trusts(value: string | undefined, address: string, i = 0): boolean {
  const app = express();
  app.set("trust proxy", readConfig(value === undefined ? {} : { SIAGA_TRUST_PROXY: value }).trustProxy);
  return (app.get("trust proxy fn") as (addr: string, i: number) => boolean)(address, i);
}

describe("configuration", () => {
  it("SIAGA_HOST: every interface when unset, else the address given", () => {
    expect(readConfig({}).host).toBeUndefined();
    expect(readConfig({ SIAGA_HOST: "" }).host).toBeUndefined();
    expect(readConfig({ SIAGA_HOST: "127.0.0.1" }).host).toBe("127.0.0.1");
  });

  it("SIAGA_SHUTDOWN_TIMEOUT_MS: 10 s by default, a positive whole number of ms otherwise", () => {
    expect(readConfig({}).shutdownTimeoutMs).toBe(10_000);
    expect(readConfig({ SIAGA_SHUTDOWN_TIMEOUT_MS: "25000" }).shutdownTimeoutMs).toBe(25_000);
    for (const bad of ["0", "-1", "1.5", "soon"]) expect(() => readConfig({ SIAGA_SHUTDOWN_TIMEOUT_MS: bad })).toThrow(/SIAGA_SHUTDOWN_TIMEOUT_MS/);
  });

  it("SIAGA_TRUST_PROXY: loopback by default; addresses, subnets, presets, hop counts and booleans as Express reads them", () => {
    expect(trusts(undefined, "127.0.0.1")).toBe(true);
    expect(trusts(undefined, "10.0.0.5")).toBe(false);
    expect(trusts("10.0.0.0/8, loopback", "10.0.0.5")).toBe(true);
    expect(trusts("10.0.0.0/255.0.0.0", "10.1.2.3")).toBe(true);
    expect(trusts("192.168.1.10", "192.168.1.11")).toBe(false);
    expect(trusts("uniquelocal", "fd00::1")).toBe(true);
    expect(trusts("1", "203.0.113.9", 0)).toBe(true);
    expect(trusts("1", "203.0.113.9", 1)).toBe(false);
    expect(trusts("false", "127.0.0.1")).toBe(false);
    expect(trusts("true", "203.0.113.9")).toBe(true);
    for (const bad of ["nginx.local", "10.0.0.0/8/1", "loopback/8", "10.0.0.256"]) expect(() => readConfig({ SIAGA_TRUST_PROXY: bad })).toThrow(/SIAGA_TRUST_PROXY/);
  });
});
