/**
 * The REST contract in one table: every route under /api with the policy action it is (shared/policy.ts),
 * its body and its answer. The server mounts exactly these (tests/api/routes.test.ts), the authorization
 * matrix runs every one as every role, and the API tests check every answer against its schema.
 */
import { z } from "zod";
import {
  AssignmentCreate, EventsResponse, IncidentCreate, IncidentPatch, LoginBody, LoginResponse, PlanApprove, PlanApproveResponse, PlanCreate,
  ReleaseCreate, SpikeCreate, StaffCreate, StaffPatch, TransitionBody, UnitCreate, UnitPatch, UntilBody, UserCreate,
  UnitHeadContact,
} from "./api.js";
import { Assignment, DemandSpike, Incident, PublicUser, Release, Staff, Unit } from "./domain.js";
import { DemobilisationResponse, DemobiliseBody, DemobiliseResponse } from "./demobilisation.js";
import { Epoch } from "./entities.js";
import { EstimateBody, EstimateResponse } from "./estimate.js";
import { StateAtSeq } from "./replay.js";
import { Plan } from "./plan.js";
import { PlannerInput, PlanResult } from "./planner.js";
import type { Action } from "./policy.js";
import { ASSIGNMENT_ACTIONS } from "./rules.js";
import { MutasiInput, MutasiResult } from "./mutasi.js";
import {
  AbkPut, AnswerBody, CycleCreate, DecideBody, MutasiCycle, MutasiPlan, MyCycle, Objection, ObjectionBody, PhaseBody, PlanCreateBody, Position,
  PositionCreate, PositionPatch, ReviewBody, Wish, WishBody,
} from "./mutasi-cycle.js";
import { CSV_TYPE, IMPORT_TYPES, ImportQuery, ImportResult, XLSX_TYPE } from "./roster.js";
import { LetterInfo } from "./letters.js";
import { EventsExportQuery, ExportQuery } from "./exports.js";
import { PushKeyResponse, PushSubscriptionBody, PushSubscriptionInfo, PushUnsubscribeBody } from "./push.js";

export const HealthResponse = z.object({
  ok: z.boolean(),
  store: z.enum(["sqlite", "mongodb"]),
  seq: z.number().int().min(0),
  /** The store's epoch: changes when the data is restored or reset (docs/operations.md). */
  epoch: Epoch,
  uptimeS: z.number().int().min(0),
  /** A write goes through (probed every few seconds); false answers 503 `store_unavailable` instead. */
  writable: z.boolean(),
  /** The last failure of the storage itself (full, read-only or failing disk), even when it has recovered. */
  lastStoreError: z.object({ at: z.string(), code: z.string(), message: z.string() }).optional(),
  live: z.object({ sockets: z.number().int().min(0), behind: z.number().int().min(0) }).optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** The OpenAPI document, in the shape every 3.1 document has (server/openapi/document.ts builds it). */
export const OpenApiDocument = z.object({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.object({ title: z.string(), version: z.string(), description: z.string().optional() }).loose(),
  servers: z.array(z.object({ url: z.string() }).loose()).optional(),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
  paths: z.record(z.string().startsWith("/"), z.partialRecord(z.enum(["get", "post", "patch", "delete", "put"]), z.object({ responses: z.record(z.string(), z.unknown()) }).loose())),
  components: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

export const RevokeResponse = z.object({ revoked: z.number().int().min(0) });

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface Route {
  method: Method;
  /** Express path under /api, with `:params`. */
  path: string;
  /** `open`: no token (login, health); `signedIn`: any valid token; else the policy action it is. */
  auth: "open" | "signedIn" | Action;
  body?: z.ZodType;
  /** The query string's schema, when the route reads one (the OpenAPI document lists its parameters). */
  query?: z.ZodObject;
  /**
   * Media types the body may come as besides JSON (a roster upload: text/csv, xlsx). Any other body is 415:
   * an unparsed body is never read as `{}` (issue "Hardening").
   */
  accepts?: readonly string[];
  /** The media type of a success body that is not JSON (a PDF, a CSV, a page): `response` is then null. */
  produces?: string;
  /** The success status and its body's schema (null: no body). */
  status: 200 | 201 | 204;
  response: z.ZodType | null;
}

const r = (method: Method, path: string, auth: Route["auth"], status: Route["status"], response: z.ZodType | null, body?: z.ZodType): Route =>
  ({ method, path, auth, status, response, ...(body ? { body } : {}) });

export const ROUTES: readonly Route[] = [
  r("GET", "/health", "open", 200, HealthResponse),
  // The API's own description (issue 11): public.
  r("GET", "/openapi.json", "open", 200, OpenApiDocument),
  { ...r("GET", "/docs", "open", 200, null), produces: "text/html" },
  r("POST", "/auth/login", "open", 200, LoginResponse, LoginBody),
  r("POST", "/auth/logout", "signedIn", 204, null),
  r("GET", "/me", "signedIn", 200, PublicUser),
  r("POST", "/users", "user.create", 201, PublicUser, UserCreate),
  r("POST", "/users/:username/revoke", "user.revoke", 200, RevokeResponse),
  r("GET", "/state", "state.read", 200, StateAtSeq),
  r("GET", "/events", "events.read", 200, EventsResponse),
  r("GET", "/units", "unit.read", 200, z.array(Unit)),
  r("GET", "/units/:id", "unit.read", 200, Unit),
  r("POST", "/units", "unit.create", 201, Unit, UnitCreate),
  r("PATCH", "/units/:id", "unit.update", 200, Unit, UnitPatch),
  r("DELETE", "/units/:id", "unit.delete", 204, null, TransitionBody),
  r("GET", "/unit-heads", "unitHead.read", 200, z.array(UnitHeadContact)),
  r("GET", "/units/:id/spikes", "spike.read", 200, z.array(DemandSpike)),
  r("POST", "/units/:id/spikes", "spike.create", 201, DemandSpike, SpikeCreate),
  r("POST", "/units/:id/spikes/:spikeId/end", "spike.end", 200, DemandSpike, TransitionBody),
  r("GET", "/units/:id/releases", "release.read", 200, z.array(Release)),
  r("POST", "/units/:id/releases", "release.create", 201, z.array(Release), ReleaseCreate),
  r("POST", "/units/:id/releases/:releaseId/end", "release.end", 200, Release, TransitionBody),
  r("GET", "/staff", "staff.read", 200, z.array(Staff)),
  r("GET", "/staff/:id", "staff.read", 200, Staff),
  r("POST", "/staff", "staff.create", 201, Staff, StaffCreate),
  r("PATCH", "/staff/:id", "staff.update", 200, Staff, StaffPatch),
  r("DELETE", "/staff/:id", "staff.delete", 204, null, TransitionBody),
  r("GET", "/incidents", "incident.read", 200, z.array(Incident)),
  r("GET", "/incidents/:id", "incident.read", 200, Incident),
  r("POST", "/incidents", "incident.create", 201, Incident, IncidentCreate),
  r("PATCH", "/incidents/:id", "incident.update", 200, Incident, IncidentPatch),
  r("GET", "/incidents/:id/demobilisation", "incident.demobilisation.read", 200, DemobilisationResponse),
  r("POST", "/incidents/:id/demobilise", "incident.demobilise", 200, DemobiliseResponse, DemobiliseBody),
  r("POST", "/estimate/needs", "estimate.needs", 200, EstimateResponse, EstimateBody),
  r("GET", "/assignments", "assignment.read", 200, z.array(Assignment)),
  r("GET", "/assignments/:id", "assignment.read", 200, Assignment),
  r("POST", "/assignments", "assignment.create", 201, Assignment, AssignmentCreate),
  ...ASSIGNMENT_ACTIONS.map((a) => r("POST", `/assignments/:id/${a}`, `assignment.${a}`, 200, Assignment, TransitionBody)),
  r("POST", "/assignments/:id/until", "assignment.until", 200, Assignment, UntilBody),
  r("POST", "/plans/simulate", "plan.simulate", 200, PlanResult, PlannerInput),
  r("POST", "/plans", "plan.create", 201, Plan, PlanCreate),
  r("GET", "/plans/:id", "plan.read", 200, Plan),
  r("POST", "/plans/:id/approve", "plan.approve", 200, PlanApproveResponse, PlanApprove),
  r("GET", "/positions", "position.read", 200, z.array(Position)),
  r("POST", "/positions", "position.create", 201, Position, PositionCreate),
  r("PATCH", "/positions/:id", "position.update", 200, Position, PositionPatch),
  r("PUT", "/positions/:id/abk", "position.update", 200, Position, AbkPut),
  r("GET", "/mutasi/cycles", "mutasi.cycle.read", 200, z.array(MutasiCycle)),
  r("POST", "/mutasi/cycles", "mutasi.cycle.create", 201, MutasiCycle, CycleCreate),
  r("POST", "/mutasi/cycles/:id/phase", "mutasi.cycle.phase", 200, MutasiCycle, PhaseBody),
  r("GET", "/mutasi/cycles/:id/me", "mutasi.me", 200, MyCycle),
  r("PUT", "/mutasi/cycles/:id/wishes/me", "mutasi.me", 200, Wish, WishBody),
  r("POST", "/mutasi/cycles/:id/points/contest", "mutasi.me", 201, Objection, ObjectionBody),
  r("GET", "/mutasi/cycles/:id/objections", "mutasi.objection.read", 200, z.array(Objection)),
  r("POST", "/mutasi/objections/:id/answer", "mutasi.objection.answer", 200, Objection, AnswerBody),
  r("POST", "/mutasi/simulate", "mutasi.simulate", 200, MutasiResult, MutasiInput),
  r("POST", "/mutasi/cycles/:id/plans", "mutasi.plan.create", 201, MutasiPlan, PlanCreateBody),
  r("GET", "/mutasi/plans/:id", "mutasi.plan.read", 200, MutasiPlan),
  r("POST", "/mutasi/plans/:id/reviews", "mutasi.plan.review", 200, MutasiPlan, ReviewBody),
  r("POST", "/mutasi/plans/:id/decide", "mutasi.plan.decide", 200, MutasiPlan, DecideBody),
  r("POST", "/mutasi/plans/:id/objections", "mutasi.plan.object", 201, Objection, ObjectionBody),
  { ...r("GET", "/mutasi/plans/:id/sk.pdf", "mutasi.sk.read", 200, null), produces: "application/pdf" },
  // Surat Perintah Tugas (issue 11): issued on first request, the same letter ever after.
  r("GET", "/assignments/:id/letter", "letter.read", 200, LetterInfo),
  { ...r("GET", "/assignments/:id/letter.pdf", "letter.read", 200, null), produces: "application/pdf" },
  { ...r("GET", "/plans/:id/letters.pdf", "letter.plan", 200, null), produces: "application/pdf" },
  // Exports (issue 11): files for the Camat, the Wali Kota and the auditors.
  { ...r("GET", "/export/assignments.csv", "export.read", 200, null), produces: CSV_TYPE, query: ExportQuery },
  { ...r("GET", "/export/assignments.xlsx", "export.read", 200, null), produces: XLSX_TYPE, query: ExportQuery },
  { ...r("GET", "/export/person-days.csv", "export.read", 200, null), produces: CSV_TYPE, query: ExportQuery },
  { ...r("GET", "/export/events.csv", "export.read", 200, null), produces: CSV_TYPE, query: EventsExportQuery },
  // Web Push (issue 14): the VAPID public key when the deployment has one, and this device's subscription.
  r("GET", "/push/key", "push.key", 200, PushKeyResponse),
  r("POST", "/push/subscriptions", "push.manage", 201, PushSubscriptionInfo, PushSubscriptionBody),
  r("DELETE", "/push/subscriptions", "push.manage", 204, null, PushUnsubscribeBody),
  // Roster import (issue 11): the body is the file itself.
  { ...r("POST", "/import/staff", "roster.import", 200, ImportResult), accepts: IMPORT_TYPES, query: ImportQuery },
  { ...r("POST", "/import/units", "roster.import", 200, ImportResult), accepts: IMPORT_TYPES, query: ImportQuery },
  ...(["staff", "units"] as const).flatMap((kind) => [
    { ...r("GET", `/import/${kind}/template.csv`, "roster.import", 200, null), produces: CSV_TYPE },
    { ...r("GET", `/import/${kind}/template.xlsx`, "roster.import", 200, null), produces: XLSX_TYPE },
  ]),
];

/** The route a request went to (method and concrete path under /api, without the query), if any. */
export function routeOf(method: string, path: string): Route | undefined {
  const parts = path.split("?")[0]!.split("/");
  return ROUTES.find((route) => {
    if (route.method !== method.toUpperCase()) return false;
    const pattern = route.path.split("/");
    return pattern.length === parts.length && pattern.every((p, i) => p.startsWith(":") ? parts[i] !== "" : p === parts[i]);
  });
}
