/**
 * The production build, run as `npm start` runs it: `vite build` and scripts/build-server.ts write a
 * dist/ (here into a temp folder laid out like a deployment: package.json, node_modules, dist/), then
 * plain `node dist/server/index.js` with NODE_ENV=production, no TypeScript loader. It serves the API
 * and the dashboard, solves a plan in its worker thread, its errors are the same JSON, and it stops
 * cleanly on SIGTERM.
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientDir } from "../../server/lifecycle/paths.js";
import { request } from "../helpers/http.js";
import { ROOT, startProcess, type ChildProc } from "../helpers/process.js";
import { DEMO_PASSWORD } from "../helpers/server.js";

const out = mkdtempSync(join(tmpdir(), "siaga-build-"));
let server: ChildProc | undefined;

function run(args: string[]): void {
  const res = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  if (res.status !== 0) throw new Error(`${args.join(" ")} failed (${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
}

beforeAll(() => {
  copyFileSync(join(ROOT, "package.json"), join(out, "package.json")); // "type": "module"
  symlinkSync(join(ROOT, "node_modules"), join(out, "node_modules"), "dir");
  run([join(ROOT, "node_modules", "vite", "bin", "vite.js"), "build", "--outDir", join(out, "dist", "client"), "--emptyOutDir"]);
  run(["--import", "tsx", "scripts/build-server.ts", join(out, "dist", "server")]);
});

afterAll(async () => {
  await server?.kill();
  rmSync(out, { recursive: true, force: true });
});

describe("the compiled server", () => {
  it("finds the dashboard in dist/client from the source entry and from the compiled one", () => {
    expect(clientDir("file:///srv/siaga/server/index.ts")).toBe("/srv/siaga/dist/client");
    expect(clientDir("file:///srv/siaga/dist/server/index.js")).toBe("/srv/siaga/dist/client");
  });

  it("builds to dist/server/index.js, with each worker beside it", () => {
    const files = readdirSync(join(out, "dist", "server"));
    expect(files).toContain("index.js");
    expect(files.filter((f) => f.endsWith(".ts"))).toEqual([]);
    // The planner pool finds its worker next to the module it is bundled in (scripts/build-server.ts).
    expect(files).toContain("worker.js");
  });

  it("runs with plain node and NODE_ENV=production: /api/health, the dashboard, the same JSON errors, a plan in the worker; SIGTERM exits 0", async () => {
    server = await startProcess({
      name: "compiled",
      cmd: process.execPath,
      args: [join(out, "dist", "server", "index.js")],
      env: { ...process.env, NODE_ENV: "production", PORT: "0", DATA_DIR: join(out, "data"), SIAGA_DEMO_PASSWORD: DEMO_PASSWORD, REDIS_URL: "", MONGODB_URI: "", NODE_OPTIONS: "", LOG_LEVEL: "info" },
      ready: /listening on http:\/\/localhost:(\d+)/,
      url: (m) => `http://127.0.0.1:${m[1]}`,
      timeoutMs: 20_000,
    });
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, store: "sqlite", seq: expect.any(Number) });

    for (const path of ["/", "/screen"]) {
      const page = await fetch(server.url + path);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await page.text()).toContain('<div id="root">');
    }

    // Production mode hides nothing a user needs: the errors are the same JSON as in development.
    const unsigned = await fetch(`${server.url}/api/state`);
    expect(unsigned.status).toBe(401);
    expect((await unsigned.json()).error).toMatchObject({ code: "unauthenticated", message: expect.any(String) });
    const badJson = await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ error: { code: "bad_json", message: "Request body is not valid JSON", requestId: badJson.headers.get("x-request-id") } });
    const invalid = await fetch(`${server.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toMatchObject({ code: "validation", details: expect.anything() });

    // A plan is solved in the planner's worker thread, dist/server/worker.js.
    const token = (await request(server.url, "POST", "/auth/login", { username: "koordinator", password: DEMO_PASSWORD })).body.token as string;
    const planned = await request(server.url, "POST", "/plans", {}, token);
    expect(planned.status).toBe(201);
    expect(planned.body.result.metrics).toMatchObject({ coverage: expect.any(Number) });

    const exited = once(server.child, "exit");
    server.child.kill("SIGTERM");
    expect(await exited).toEqual([0, null]);
    expect(server.log()).toContain("shut down cleanly");
  });
});
