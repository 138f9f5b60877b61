/**
 * Issue 16, item 12, against a real server: security headers on every answer (CSP with script-src
 * 'self' and frame-ancestors 'none', nosniff), `Cache-Control: no-store` on /api, and names, titles and
 * reasons with control or bidi characters refused with the `control_chars` reason, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStaff, makeUnit } from "../helpers/fixtures.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;
beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
  coord = await server.as("koordinator");
});
afterAll(() => server.close());

describe("[16.12] headers", () => {
  it("CSP, nosniff and no framing on API and non-API answers; no-store on /api", async () => {
    for (const path of ["/api/health", "/api/state", "/metrics"]) {
      const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${coord.token}` } });
      await res.arrayBuffer();
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      if (path.startsWith("/api/")) expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
    // Express's own 404 outside /api narrows the CSP to default-src 'none'; nosniff stays.
    const page = await fetch(`${server.url}/no-such-page`);
    await page.arrayBuffer();
    expect(page.headers.get("content-security-policy")).toMatch(/default-src 'none'|frame-ancestors 'none'/);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    const error = await fetch(`${server.url}/api/staff`);
    expect(error.status).toBe(401);
    expect(error.headers.get("cache-control")).toBe("no-store");
  });
});

describe("[16.12] control and bidi characters in user text", () => {
  it("a staff name with U+202E, a NUL in a title, an isolate in a unit name, a bidi mark in a reason: 400 control_chars, nothing changed", async () => {
    const unit = await makeUnit(coord);
    const person = await makeStaff(coord, unit.id);
    const before = (await coord.get("/events?limit=1")).body.lastSeq;
    const cases: [string, string, unknown, string][] = [
      ["PATCH", `/staff/${person.id}`, { version: person.version, name: "Yohanis \u202Egnaibmeb" }, "name"],
      ["POST", "/incidents", { type: "banjir", title: "Banjir\u0000Sikumana", severity: 3, location: { lat: -10.2, lng: 123.6 } }, "title"],
      ["PATCH", `/units/${unit.id}`, { version: unit.version, name: "Puskesmas \u2067Bello" }, "name"],
      ["POST", `/units/${unit.id}/spikes`, { reason: "Lonjakan\u200F pasien", extraWorkload: 1 }, "reason"],
      ["PATCH", `/staff/${person.id}`, { version: person.version, jabatan: "Perawat\u001B[31m" }, "jabatan"],
    ];
    for (const [method, path, body, field] of cases) {
      const res = method === "POST" ? await coord.post(path, body) : await coord.patch(path, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: field, reason: "control_chars" }));
    }
    expect((await coord.get("/events?limit=1")).body.lastSeq).toBe(before);
    // Plain text in any script passes; a reason may span lines.
    expect((await coord.patch(`/staff/${person.id}`, { version: person.version, name: "Maria Ndun محمد 张伟" })).status).toBe(200);
    expect((await coord.post(`/units/${unit.id}/spikes`, { reason: "Lonjakan pasien\nbanjir Bello", extraWorkload: 1 })).status).toBe(201);
  });
});
