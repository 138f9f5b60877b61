/**
 * The REST contract in one table: every route under /api with the policy action it is (shared/policy.ts),
 * its body and its answer. The server mounts exactly these (tests/api/routes.test.ts), the authorization
 * matrix runs every one as every role, and the API tests check every answer against its schema.
 */
import { z } from "zod";
import {
  AssignmentCreate, EventsResponse, IncidentCreate, IncidentPatch, LoginBody, LoginResponse, PlanApprove, PlanApproveResponse,
  ReleaseCreate, SpikeCreate, StaffCreate, StaffPatch, TransitionBody, UnitCreate, UnitPatch, UntilBody, UserCreate,
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

export const HealthResponse = z.object({
  ok: z.boolean(),
  store: z.enum(["sqlite", "mongodb"]),
  seq: z.number().int().min(0),
  /** The store's epoch: changes when the data is restored or reset (docs/operations.md). */
  epoch: Epoch,
  uptimeS: z.number().int().min(0),
  live: z.object({ sockets: z.number().int().min(0), behind: z.number().int().min(0) }).optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const RevokeResponse = z.object({ revoked: z.number().int().min(0) });

export type Method = "GET" | "POST" | "PATCH" | "DELETE";

export interface Route {
  method: Method;
  /** Express path under /api, with `:params`. */
  path: string;
  /** `open`: no token (login, health); `signedIn`: any valid token; else the policy action it is. */
  auth: "open" | "signedIn" | Action;
  body?: z.ZodType;
  /**
   * Media types the body may come as besides JSON (a roster upload: text/csv, xlsx). Any other body is 415:
   * an unparsed body is never read as `{}` (issue "Hardening").
   */
  accepts?: readonly string[];
  /** The success status and its body's schema (null: no body). */
  status: 200 | 201 | 204;
  response: z.ZodType | null;
}

const r = (method: Method, path: string, auth: Route["auth"], status: Route["status"], response: z.ZodType | null, body?: z.ZodType): Route =>
  ({ method, path, auth, status, response, ...(body ? { body } : {}) });

export const ROUTES: readonly Route[] = [
  r("GET", "/health", "open", 200, HealthResponse),
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
  r("POST", "/plans", "plan.create", 201, Plan),
  r("GET", "/plans/:id", "plan.read", 200, Plan),
  r("POST", "/plans/:id/approve", "plan.approve", 200, PlanApproveResponse, PlanApprove),
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
