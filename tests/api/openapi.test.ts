/**
 * The OpenAPI document (issue 11): valid OpenAPI 3.1 in shape, every route the server mounts (ROUTES,
 * which tests/api/routes.test.ts holds equal to the mounted ones) and every route the README names is in
 * it with its path parameters, body and answers, every $ref resolves, and each answer's schema is the one
 * real answers are checked against: the document's schema is the route's zod schema converted
 * (no JSON-schema validator is installed, so real answers are validated by that zod schema, strictly, in
 * every API test through tests/helpers/contract.ts, and here for a sample of live answers).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonSchema, openApiPath } from "../../server/openapi/document.js";
import { ROUTES } from "../../shared/routes.js";
import { request, startServer, type Client, type TestServer } from "../helpers/server.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let server: TestServer;
let coord: Client;
let doc: Json;

beforeAll(async () => {
  server = await startServer({ seed: "maulafa" });
  coord = await server.as("koordinator");
  const res = await request(server.url, "GET", "/openapi.json");
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(() => server.close());

const METHODS = ["get", "post", "patch", "delete", "put"];

/** Every `$ref` in the document, with where it sits. */
function refs(node: unknown, at = "#"): [string, string][] {
  if (!node || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [[at, v] as [string, string]] : refs(v, `${at}/${k}`)));
}
const resolve = (ref: string) => ref.replace(/^#\//, "").split("/").reduce<unknown>((n, k) => (n as Json | undefined)?.[k], doc);

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3.1 document in shape", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: "Siaga API", version: expect.any(String) });
    expect(doc.components.securitySchemes.bearer).toEqual(expect.objectContaining({ type: "http", scheme: "bearer" }));
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      expect(path.startsWith("/"), path).toBe(true);
      for (const [method, op] of Object.entries(item as Json)) {
        expect(METHODS, `${method} ${path}`).toContain(method);
        expect(Object.keys(op.responses).length, `${method} ${path} answers`).toBeGreaterThan(0);
        for (const status of Object.keys(op.responses)) expect(status).toMatch(/^[1-5]\d\d$|^default$/);
        // Every {param} of the path is declared as a required path parameter, and no other.
        const declared = (op.parameters ?? []).filter((p: Json) => p.in === "path").map((p: Json) => p.name).sort();
        expect(declared, `${method} ${path}`).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
        for (const p of op.parameters ?? []) expect(p.in === "path" ? p.required : true).toBe(true);
      }
    }
    const ids = Object.values(doc.paths as Json).flatMap((item) => Object.values(item as Json).map((op) => op.operationId));
    expect(new Set(ids).size, "operationIds are unique").toBe(ids.length);
    for (const [at, ref] of refs(doc)) expect(resolve(ref), `${ref} at ${at}`).toBeDefined();
  });

  it("lists every route of ROUTES with its body, its success and its errors", () => {
    for (const route of ROUTES) {
      const op = doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      const name = `${route.method} ${route.path}`;
      expect(op, name).toBeDefined();
      expect(op["x-siaga-policy"]).toBe(route.auth);
      const success = op.responses[String(route.status)];
      if (route.produces) expect(Object.keys(success.content), name).toEqual([route.produces]);
      else if (route.response) expect(success.content["application/json"].schema, name).toEqual(jsonSchema(route.response, "output"));
      else expect(success.content, name).toBeUndefined();
      if (route.body) expect(op.requestBody.content["application/json"].schema, name).toEqual(jsonSchema(route.body, "input"));
      for (const type of route.accepts ?? []) expect(op.requestBody.content[type], `${name} accepts ${type}`).toBeDefined();
      if (route.auth !== "open") expect(op.responses["401"], name).toEqual({ $ref: "#/components/responses/401" });
      if (route.auth !== "open" && route.auth !== "signedIn") expect(op.responses["403"], name).toBeDefined();
      if (route.auth === "open") expect(op.security).toEqual([]);
      expect(op.responses["400"]).toBeDefined();
    }
    const count = Object.values(doc.paths as Json).reduce((n, item) => n + Object.keys(item as Json).length, 0);
    expect(count).toBe(ROUTES.length);
  });

  it("lists every route the README names", () => {
    const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
    const named = [...readme.matchAll(/`(GET|POST|PATCH|DELETE) \/api(\/[^`?\s]*)/g)].flatMap(([, method, path]) => {
      // `/assignments/:id/{confirm|decline}` names several routes.
      const alt = /\{([a-z-]+(?:\|[a-z-]+)+)\}/.exec(path!);
      return alt ? alt[1]!.split("|").map((a) => [method!, path!.replace(alt[0], a)]) : [[method!, path!]];
    });
    expect(named.length).toBeGreaterThan(15);
    for (const [method, path] of named) {
      expect(doc.paths[openApiPath(path!)]?.[method!.toLowerCase()], `${method} ${path} (README)`).toBeDefined();
    }
  });

  it("real answers validate against the document's schemas (through the zod schemas they were made from)", async () => {
    const samples = ["/state", "/units", "/staff", "/incidents", "/assignments", "/events?since=0&limit=50", "/me", "/health"];
    for (const path of samples) {
      const res = await coord.get(path);
      const route = ROUTES.find((r) => r.method === "GET" && r.path === path.split("?")[0])!;
      expect(res.status).toBe(200);
      const op = doc.paths[openApiPath(route.path)].get;
      // The document's schema is exactly the route's schema converted, and the answer parses with that schema.
      expect(op.responses["200"].content["application/json"].schema).toEqual(jsonSchema(route.response!, "output"));
      expect(route.response!.safeParse(res.body).success, path).toBe(true);
    }
    const error = await request(server.url, "GET", "/units/nope", undefined, coord.token);
    expect(error.status).toBe(404);
    expect(Object.keys(error.body)).toEqual(doc.components.schemas.Error.required);
  });
});

describe("GET /api/docs", () => {
  it("is a page listing every route, with no script and nothing from elsewhere", async () => {
    const res = await fetch(`${server.url}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    for (const route of ROUTES) expect(html, route.path).toContain(`${route.method} /api${openApiPath(route.path)}`);
    expect(html).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/i);
  });
});
