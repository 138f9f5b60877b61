/**
 * Every answer the tests see, held to the REST contract (shared/routes.ts, shared/errors.ts): a success
 * has the route's status and parses with its response schema, an error is `{error: ErrorBody}` with the
 * status of its code, a 409 `conflict` carries `ConflictDetails`, a 400 `validation` at most a
 * `FieldIssue[]`, and every event of `GET /events` carries the data of its type. A path that is not in
 * ROUTES may only answer 404 `not_found`. `request()` (tests/helpers/http.ts) calls this on every answer.
 */
import { z } from "zod";
import { EVENT_TYPES, eventDataSchema, type EventType } from "../../shared/entities.js";
import { ConflictDetails, ErrorBody, FieldIssue, HTTP_STATUS } from "../../shared/errors.js";
import { routeOf, type Route } from "../../shared/routes.js";

/** The error envelope exactly: nothing beside `error`, nothing in it beside code, message and details. */
const ErrorEnvelope = z.strictObject({ error: ErrorBody.strict() });
const FieldIssues = z.array(FieldIssue);
const KNOWN_TYPES = new Set<string>(EVENT_TYPES);

export class ContractError extends Error {
  override name = "ContractError";
}

function issues(error: z.ZodError): string {
  return z.prettifyError(error);
}

function fail(method: string, path: string, status: number, route: Route | undefined, what: string): never {
  const name = route ? `${route.method} ${route.path}` : "(no route in ROUTES)";
  throw new ContractError(`${method.toUpperCase()} ${path} → ${status} breaks the contract of ${name}: ${what}`);
}

/** Throws a ContractError naming the route, the status and the zod issues when the answer breaks the contract. */
export function checkContract(method: string, path: string, status: number, body: unknown, contentType?: string): void {
  const route = routeOf(method, path);
  const bad: (what: string) => never = (what) => fail(method, path, status, route, what);

  if (status >= 200 && status < 300) {
    if (!route) bad("a path that is not in ROUTES answered with a success");
    if (status !== route.status) bad(`the route answers ${route.status} on success`);
    // A file (PDF, CSV, XLSX, a page): its media type is the contract.
    if (route.produces) {
      if (!contentType?.startsWith(route.produces)) bad(`the route answers ${route.produces}, not ${contentType}`);
      return;
    }
    if (contentType !== undefined && body !== undefined && !contentType.includes("json")) bad(`the route answers JSON, not ${contentType}`);
    if (route.response === null) {
      if (body !== undefined) bad("the route answers with no body");
      return;
    }
    const parsed = route.response.safeParse(body);
    if (!parsed.success) bad(`the body does not match its response schema:\n${issues(parsed.error)}`);
    // zod objects drop keys they do not know; a key the schema does not name is a drift (or a leak) all the same.
    const extra = unknownKeys(body, parsed.data);
    if (extra.length > 0) bad(`the body has fields its response schema does not name: ${extra.slice(0, 10).join(", ")}`);
    if (route.method === "GET" && route.path === "/events") checkEvents(body as { events: { seq: number; type: string; data: unknown }[] }, bad);
    return;
  }

  if (contentType !== undefined && !contentType.includes("json")) bad(`an error is JSON, not ${contentType}`);
  const parsed = ErrorEnvelope.safeParse(body);
  if (!parsed.success) bad(`the body is not {error: ErrorBody}:\n${issues(parsed.error)}`);
  const error = parsed.data.error;
  if (HTTP_STATUS[error.code] !== status) bad(`error code ${error.code} belongs with status ${HTTP_STATUS[error.code]}`);
  if (!route && error.code !== "not_found") bad(`a path that is not in ROUTES may only answer 404 not_found, not ${error.code}`);
  if (error.code === "conflict") {
    const details = ConflictDetails.safeParse(error.details);
    if (!details.success) bad(`a conflict's details are not ConflictDetails:\n${issues(details.error)}`);
  }
  if (error.code === "validation" && error.details !== undefined) {
    const details = FieldIssues.safeParse(error.details);
    if (!details.success) bad(`a validation error's details are not FieldIssue[]:\n${issues(details.error)}`);
  }
}

/** Paths of object keys in what was sent that the parse dropped (zod strips what a schema does not name). */
function unknownKeys(sent: unknown, kept: unknown, path = ""): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) return sent.flatMap((item, i) => unknownKeys(item, kept[i], `${path}${i}.`));
  if (!sent || typeof sent !== "object" || !kept || typeof kept !== "object") return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(sent)) {
    if (!(key in kept)) out.push(`${path}${key}`);
    else out.push(...unknownKeys(value, (kept as Record<string, unknown>)[key], `${path}${key}.`));
  }
  return out;
}

function checkEvents(body: { events: { seq: number; type: string; data: unknown }[] }, bad: (what: string) => never) {
  for (const [i, event] of body.events.entries()) {
    // EventsResponse already refused unknown types; this keeps the cast below honest.
    if (!KNOWN_TYPES.has(event.type)) bad(`events.${i} has the unknown type ${event.type}`);
    const data = eventDataSchema(event.type as EventType).safeParse(event.data);
    if (!data.success) bad(`events.${i} (seq ${event.seq}, ${event.type}) has data that is not its type's:\n${issues(data.error)}`);
    const extra = unknownKeys(event.data, data.data);
    if (extra.length > 0) bad(`events.${i} (seq ${event.seq}, ${event.type}) has data fields its type does not name: ${extra.slice(0, 10).join(", ")}`);
  }
}
