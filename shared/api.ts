/**
 * Request and response bodies of the REST API under /api (DESIGN.md, "HTTP API").
 * Bodies are strict: an unknown field is a 400, not silently dropped.
 */
import { z } from "zod";
import {
  Acting, Assignment, BOUNDS, Golongan, Id, IncidentStatus, IncidentType, KelurahanCode, LatLng,
  Nip, Phone, Polygon, PostInfo, Priority, PublicUser, Skill, Staff, StaffMutasiFields, StaffStatus, Unit, UnitKind, Version,
} from "./domain.js";
import { WireEvent } from "./entities.js";
import { ConflictReason, ErrorCode } from "./errors.js";
import { plainText } from "./text.js";

/** A NIP as people type it on a phone ("19850312 201001 1 003"): spaces, dots and dashes dropped; any other name as given. */
export function loginName(username: string): string {
  const digits = username.replace(/[\s.-]/g, "");
  return /^\d{18}$/.test(digits) ? digits : username;
}

export const LoginBody = z.object({
  username: z.string().min(1).max(100).transform(loginName),
  password: z.string().min(1).max(200),
}).strict();
export type LoginBody = z.infer<typeof LoginBody>;

/** A coordinator adds an account; the role decides which link (unit, staff) it must carry. */
export const UserCreate = z.object({
  username: z.string().min(3).max(100).regex(/^[a-z0-9._-]+$/, "username is lower-case letters, digits and . _ -"),
  password: z.string().min(10, "password needs at least 10 characters").max(200),
  role: z.enum(["coordinator", "unit_head", "staff", "screen"]),
  unitId: Id.optional(),
  staffId: Id.optional(),
  /** A unit head's stand-in (Plh/Plt): may confirm surge requests, receives escalations first (issue 15). */
  acting: Acting.optional(),
}).strict().superRefine((u, ctx) => {
  if (u.role === "unit_head" && !u.unitId) ctx.addIssue({ code: "custom", path: ["unitId"], message: "a unit head needs unitId", params: { reason: "unit_required" } });
  if (u.acting && u.role !== "unit_head") ctx.addIssue({ code: "custom", path: ["acting"], message: "only a unit head account may be acting (Plh/Plt)", params: { reason: "unit_required" } });
  if (u.role === "staff" && !u.staffId) ctx.addIssue({ code: "custom", path: ["staffId"], message: "a staff account needs staffId", params: { reason: "staff_required" } });
  if (u.password.toLowerCase() === u.username.toLowerCase()) ctx.addIssue({ code: "custom", path: ["password"], message: "the password may not be the username", params: { reason: "password_is_username" } });
  // A link gives sight of private fields (a unit's phones): only the role it belongs to carries it.
  if (u.role !== "unit_head" && u.unitId) ctx.addIssue({ code: "custom", path: ["unitId"], message: "only a unit head is linked to a unit", params: { reason: "link_not_for_role" } });
  if (u.role !== "staff" && u.staffId) ctx.addIssue({ code: "custom", path: ["staffId"], message: "only a staff account is linked to a staff member", params: { reason: "link_not_for_role" } });
});
export type UserCreate = z.infer<typeof UserCreate>;

export const LoginResponse = z.object({ token: z.string(), expiresAt: z.string(), user: PublicUser });
export type LoginResponse = z.infer<typeof LoginResponse>;

const UnitFields = {
  code: Unit.shape.code,
  name: plainText(Unit.shape.name),
  kind: UnitKind,
  location: LatLng,
  approximate: z.boolean().optional(),
  kelurahan: KelurahanCode,
  floor: Unit.shape.floor,
  workload: Unit.shape.workload,
};
export const UnitCreate = z.object(UnitFields).strict();
export type UnitCreate = z.infer<typeof UnitCreate>;
export const UnitPatch = z.object({ ...UnitFields, version: Version }).partial().required({ version: true }).strict();
export type UnitPatch = z.infer<typeof UnitPatch>;

const StaffFields = {
  nip: Nip,
  name: plainText(Staff.shape.name),
  homeUnitId: Id,
  jabatan: plainText(Staff.shape.jabatan),
  golongan: Golongan,
  skills: Staff.shape.skills,
  status: StaffStatus.exclude(["deployed"]),
  fatigueHours: Staff.shape.fatigueHours,
  volunteer: z.boolean(),
  phone: Phone,
  ...StaffMutasiFields,
};
export const StaffCreate = z.object({
  ...StaffFields,
  status: StaffFields.status.default("available"),
  fatigueHours: StaffFields.fatigueHours.default(0),
  volunteer: StaffFields.volunteer.default(false),
  phone: Phone.optional(),
}).strict();
export type StaffCreate = z.infer<typeof StaffCreate>;
/** `deployed` is set by assignments only, never by hand. */
export const StaffPatch = z.object({ ...StaffFields, version: Version }).partial().required({ version: true }).strict();
export type StaffPatch = z.infer<typeof StaffPatch>;

export const NeedInput = z.object({
  /** Keep a need's id when editing it; new needs get one from the server. */
  id: Id.optional(),
  skill: Skill,
  count: z.number().int().min(1).max(10_000),
  priority: Priority,
}).strict();
export type NeedInput = z.infer<typeof NeedInput>;

const uniqueSkills = (needs: NeedInput[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  needs.forEach((n, i) => {
    if (seen.has(n.skill)) ctx.addIssue({ code: "custom", path: [i, "skill"], message: `skill ${n.skill} is listed twice`, params: { reason: "duplicate_skill" } });
    seen.add(n.skill);
  });
};
const Needs = z.array(NeedInput).max(12).superRefine(uniqueSkills);

export const IncidentCreate = z.object({
  type: IncidentType,
  title: plainText(z.string().trim().min(1).max(200)),
  severity: z.number().int().min(1).max(5),
  location: LatLng,
  radiusM: z.number().positive().max(100_000).optional(),
  polygon: Polygon.optional(),
  kelurahan: z.array(KelurahanCode).max(60).optional(),
  commandPost: LatLng.optional(),
  post: PostInfo.optional(),
  needs: Needs.default([]),
}).strict();
export type IncidentCreate = z.infer<typeof IncidentCreate>;

export const IncidentPatch = z.object({
  version: Version,
  type: IncidentType.optional(),
  title: plainText(z.string().trim().min(1).max(200)).optional(),
  severity: z.number().int().min(1).max(5).optional(),
  status: IncidentStatus.optional(),
  location: LatLng.optional(),
  radiusM: z.number().positive().max(100_000).nullable().optional(),
  polygon: Polygon.nullable().optional(),
  kelurahan: z.array(KelurahanCode).max(60).optional(),
  commandPost: LatLng.nullable().optional(),
  post: PostInfo.nullable().optional(),
  needs: Needs.optional(),
}).strict();
export type IncidentPatch = z.infer<typeof IncidentPatch>;

export const SpikeCreate = z.object({
  reason: plainText(z.string().trim().min(1).max(500), { multiline: true }),
  extraWorkload: z.number().min(0).max(100_000),
  needs: Needs.default([]),
  until: z.iso.datetime({ offset: true }).optional(),
}).strict();
export type SpikeCreate = z.infer<typeof SpikeCreate>;

export const ReleaseCreate = z.object({
  staffIds: z.array(Id).min(1).max(500),
  until: z.iso.datetime({ offset: true }),
  note: plainText(z.string().max(500), { multiline: true }).optional(),
}).strict();
export type ReleaseCreate = z.infer<typeof ReleaseCreate>;

export const AssignmentCreate = z.object({ staffId: Id, needId: Id }).strict();
export type AssignmentCreate = z.infer<typeof AssignmentCreate>;

/** Body of every assignment transition route; `version` guards against acting on a stale view. */
export const TransitionBody = z.object({
  version: Version.optional(),
  reason: plainText(z.string().trim().min(1).max(500), { multiline: true }).optional(),
}).strict();
export type TransitionBody = z.infer<typeof TransitionBody>;

/**
 * POST /api/plans: the coordinator's donor load cap (absent: DEFAULT_DONOR_LOAD_CAP, null: none), and
 * optionally only some needs ("Cari pengganti" plans just the declined need).
 */
export const PlanCreate = z.object({
  donorLoadCap: z.number().positive().max(100).nullable().optional(),
  needIds: z.array(Id).min(1).max(1000).optional(),
}).strict();
export type PlanCreate = z.infer<typeof PlanCreate>;

export const PlanApprove = z.object({
  staffIds: z.array(Id).min(1).max(100_000).optional(),
  /** The planned end of every approved line (issue 15). */
  until: z.iso.datetime({ offset: true }).optional(),
}).strict();
/** POST /assignments/:id/until: the planned end, set by hand (issue 15). */
export const UntilBody = z.object({ until: z.iso.datetime({ offset: true }), version: Version.optional() }).strict();
export type UntilBody = z.infer<typeof UntilBody>;
export type PlanApprove = z.infer<typeof PlanApprove>;

/** A line that could not be approved: the English reason for API users, and its code (and conflict reason) for the dashboard. */
export const PlanLineFailure = z.object({ staffId: Id, reason: z.string(), code: ErrorCode, conflict: ConflictReason.optional() });
export type PlanLineFailure = z.infer<typeof PlanLineFailure>;
export const PlanApproveResponse = z.object({
  approved: z.array(Assignment),
  failed: z.array(PlanLineFailure),
});
export type PlanApproveResponse = z.infer<typeof PlanApproveResponse>;

export const EventsQuery = z.object({
  since: z.coerce.number().int().min(0).max(BOUNDS.counter).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
}).strict();

/** The log as a user may read it; each event's type is one of the registry's (its data is checked by type in tests). */
export const EventsResponse = z.object({ events: z.array(WireEvent), lastSeq: z.number().int().min(0) });
export type EventsResponse = z.infer<typeof EventsResponse>;

/**
 * A unit head as the coordinator sees them (GET /api/unit-heads): the account to call on and how to reach
 * them, the phone of the staff record the account is linked to (none when it is linked to nobody).
 */
export const UnitHeadContact = z.object({
  username: z.string(),
  unitId: Id,
  unitName: z.string(),
  staffId: Id.optional(),
  name: z.string().optional(),
  phone: Phone.optional(),
  acting: PublicUser.shape.acting,
}).strict();
export type UnitHeadContact = z.infer<typeof UnitHeadContact>;

/** Staff as other roles see them: without the phone. */
export const PublicStaff = Staff.omit({ phone: true });
export type PublicStaff = z.infer<typeof PublicStaff>;
