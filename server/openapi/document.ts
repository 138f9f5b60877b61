/**
 * The OpenAPI 3.1 document of the REST API, generated from the REST table (shared/routes.ts) and the
 * shared zod schemas with zod 4's own `z.toJSONSchema` (JSON Schema 2020-12, which OpenAPI 3.1 uses as
 * is): every route with its path parameters, query, body (JSON or the files it accepts), success answer
 * and the error answers it can give (shared/errors.ts ErrorBody). Built once per process: ROUTES is fixed.
 */
import { z } from "zod";
import { ErrorBody, HTTP_STATUS, type ErrorCode } from "../../shared/errors.js";
import { ROUTES, type Route } from "../../shared/routes.js";

type Json = Record<string, unknown>;

/** A zod schema as the document writes it: requests as they are sent, answers as they come. */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const out = z.toJSONSchema(schema, { target: "draft-2020-12", unrepresentable: "any", io, cycles: "ref", reused: "inline" }) as Json;
  delete out.$schema;
  return out;
}

/** `/units/:id` → `/units/{id}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
const paramsOf = (path: string) => [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);

const DESCRIPTIONS: Partial<Record<ErrorCode, string>> = {
  validation: "The body, query or path does not match its schema (`details` lists field issues), or the file cannot be read",
  bad_json: "The body is not valid JSON",
  unauthenticated: "No, a bad, an expired or a revoked bearer token",
  forbidden: "The role, or the user's unit or person, may not do this",
  not_found: "No such record",
  conflict: "The change is refused by a rule or lost a race; `details.reason` says which (CONFLICT_REASONS)",
  too_large: "The body is too large",
  rate_limited: "Too many attempts; wait and try again",
  internal: "An unexpected error, logged with the request id",
};

/** The errors a route can answer, by status. */
function errorStatuses(route: Route): number[] {
  const codes = new Set<number>([HTTP_STATUS.validation, HTTP_STATUS.internal]);
  if (route.auth !== "open") codes.add(HTTP_STATUS.unauthenticated);
  if (route.auth !== "open" && route.auth !== "signedIn") codes.add(HTTP_STATUS.forbidden);
  if (route.path.includes(":")) codes.add(HTTP_STATUS.not_found);
  if (route.method !== "GET" || route.produces === "application/pdf") codes.add(HTTP_STATUS.conflict);
  if (route.body || route.accepts) {
    codes.add(HTTP_STATUS.too_large);
    codes.add(415);
  }
  if (route.path === "/auth/login") codes.add(HTTP_STATUS.rate_limited);
  return [...codes].sort();
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request", 401: "Unauthenticated", 403: "Forbidden", 404: "Not found", 409: "Conflict", 413: "Too large", 415: "Unsupported media type", 429: "Rate limited", 500: "Internal error",
};

function errorResponses(): Json {
  return Object.fromEntries(Object.entries(STATUS_TEXT).map(([status, text]) => {
    const codes = (Object.keys(HTTP_STATUS) as ErrorCode[]).filter((c) => HTTP_STATUS[c] === Number(status));
    const description = codes.length ? codes.map((c) => `\`${c}\`: ${DESCRIPTIONS[c] ?? c}`).join("; ") : "The body's media type is not one this route accepts";
    return [String(status), { description: `${text}. ${description}`, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }];
  }));
}

function operation(route: Route): Json {
  const params = paramsOf(route.path).map((name) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  const query = route.query ? Object.entries((jsonSchema(route.query, "input").properties ?? {}) as Record<string, Json>).map(([name, schema]) => ({
    name, in: "query", required: ((jsonSchema(route.query!, "input").required ?? []) as string[]).includes(name), schema,
  })) : [];
  const content: Json = {};
  if (route.body) content["application/json"] = { schema: jsonSchema(route.body, "input") };
  for (const type of route.accepts ?? []) content[type] = { schema: { type: "string", contentMediaType: type } };
  const success = route.produces
    ? { description: `The file (${route.produces})`, content: { [route.produces]: { schema: { type: "string", contentMediaType: route.produces } } } }
    : route.response
      ? { description: "Success", content: { "application/json": { schema: jsonSchema(route.response, "output") } } }
      : { description: "Success, no body" };
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[:/.{}-]+(\w)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: `${route.method} ${route.path}`,
    tags: [route.path.split("/")[1]!],
    ...(route.auth === "open" ? { security: [] } : {}),
    "x-siaga-policy": route.auth,
    ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
    ...(Object.keys(content).length ? { requestBody: { required: !!route.accepts || !route.body?.safeParse(undefined).success, content } } : {}),
    responses: {
      [String(route.status)]: success,
      ...Object.fromEntries(errorStatuses(route).map((s) => [String(s), { $ref: `#/components/responses/${s}` }])),
    },
  };
}

let built: Json | undefined;

/** The whole document. */
export function openApiDocument(version: string): Json {
  if (built) return built;
  const paths: Record<string, Json> = {};
  for (const route of ROUTES) (paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = operation(route);
  built = {
    openapi: "3.1.0",
    info: {
      title: "Siaga API",
      version,
      description: "Surge deployment and workload balance of the ASN of Kecamatan Maulafa, Kota Kupang. Every route, generated from shared/routes.ts and the shared zod schemas. `x-siaga-policy` names the policy action (shared/policy.ts) a route is.",
    },
    servers: [{ url: "/api" }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "The token of POST /auth/login" } },
      schemas: { Error: { type: "object", properties: { error: jsonSchema(ErrorBody, "output") }, required: ["error"], additionalProperties: false } },
      responses: errorResponses(),
    },
  };
  return built;
}
