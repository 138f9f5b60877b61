/**
 * The server mounts exactly the routes of shared/routes.ts under /api: none the table lacks, none it
 * names that the server lacks. Read from the Express 5 app itself (router 2's layer stack), walking
 * nested routers, so a route added in server/*\/routes.ts without its row (or the reverse) fails here.
 */
import type { IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../shared/routes.js";
import { startServer, type TestServer } from "../helpers/server.js";

/** What router 2 keeps of each `use`, `get`, `post`, …: a layer with its path and its handler or route. */
interface Layer {
  rawPath?: string | RegExp | (string | RegExp)[];
  handle: { stack?: Layer[] };
  route?: { path: string | RegExp | (string | RegExp)[]; methods: Record<string, boolean> };
}

/** Every (METHOD, full path) the stack mounts, with the prefix of the routers it sits in. */
function mounted(stack: Layer[], prefix = ""): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const paths = [layer.route.path].flat();
      return paths.flatMap((path) => {
        if (typeof path !== "string") return [`* ${prefix}${String(path)}`]; // a RegExp route: never equal to a row
        return Object.keys(layer.route!.methods).map((m) => `${m === "_all" ? "ALL" : m.toUpperCase()} ${prefix}${path}`);
      });
    }
    if (!layer.handle.stack) return []; // plain middleware: json parsing, auth, the 404
    const path = layer.rawPath ?? "/";
    if (typeof path !== "string") throw new Error(`a router is mounted on a non-string path ${String(path)}: teach this test to read it`);
    return mounted(layer.handle.stack, prefix + (path === "/" ? "" : path));
  });
}

/**
 * The Express app createApp built. Socket.IO wraps the HTTP server's request listener in a closure, so
 * the app is taken from a request instead: Express gives every request it handles `req.app`.
 */
async function expressApp(server: TestServer): Promise<{ router: { stack: Layer[] } }> {
  let app: { router?: { stack: Layer[] } } | undefined;
  const spy = (req: IncomingMessage) => { app ??= (req as IncomingMessage & { app?: typeof app }).app; };
  server.app.http.on("request", spy); // after Socket.IO's listener, which has handed the request to Express by then
  try {
    await (await fetch(server.url + "/api/health")).arrayBuffer(); // plain fetch: what it answers is not this test's question
  } finally {
    server.app.http.off("request", spy);
  }
  if (!app?.router?.stack) throw new Error("no Express app with a router stack answered /api/health");
  return app as { router: { stack: Layer[] } };
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
});
afterAll(() => server.close());

describe("the routes the server mounts", () => {
  it("are exactly ROUTES under /api", async () => {
    const app = await expressApp(server);
    const all = mounted(app.router.stack);
    const underApi = all.filter((r) => r.split(" ")[1]!.startsWith("/api/"));
    // Nothing else answers under /api: the dashboard's routes are outside it.
    expect(all.filter((r) => !underApi.includes(r) && r.includes("/api"))).toEqual([]);
    const actual = underApi.map((r) => r.replace(" /api/", " /")).sort();
    const table = ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    expect(new Set(table).size, "no route twice in ROUTES").toBe(table.length);
    expect(new Set(actual).size, "no route mounted twice").toBe(actual.length);
    expect({ missingFromTable: actual.filter((r) => !table.includes(r)), missingFromServer: table.filter((r) => !actual.includes(r)) })
      .toEqual({ missingFromTable: [], missingFromServer: [] });
    expect(actual.length).toBe(ROUTES.length);
  });
});
