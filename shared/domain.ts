/**
 * The domain of Siaga as zod schemas: the single source of types for server and client.
 * Schema and type share a name (`export const Unit = …; export type Unit = z.infer<…>`).
 */
import { z } from "zod";
import { checkNip } from "./nip.js";
import { ASSIGNMENT_STATES, INCIDENT_STATUSES, STAFF_STATUSES } from "./vocabulary.js";

// The states live in shared/vocabulary.ts (no zod there, so a client reads them before it loads zod).
export { ASSIGNMENT_STATES, INCIDENT_STATUSES, STAFF_STATUSES };

export const Id = z.string().min(1).max(80).regex(/^[A-Za-z0-9._:-]+$/, "id may hold letters, digits and . _ : - only");
export type Id = z.infer<typeof Id>;

/** ISO-8601 timestamp, as stored and sent. */
export const Timestamp = z.iso.datetime({ offset: true });

export const LatLng = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type LatLng = z.infer<typeof LatLng>;

/** Kemendagri region code of a kelurahan, e.g. 53.71.02.1001. */
export const KelurahanCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, "kelurahan code looks like 53.71.02.1001");

export const SKILLS = [
  "medis", "keperawatan", "kesehatan_masyarakat", "psikososial", "sosial", "logistik",
  "dapur_umum", "administrasi", "teknik", "keamanan", "komunikasi", "evakuasi",
] as const;
export const Skill = z.enum(SKILLS);
export type Skill = z.infer<typeof Skill>;

export const UNIT_KINDS = ["dinas", "puskesmas", "kelurahan", "kecamatan", "bpbd", "rumah_sakit", "lainnya"] as const;
export const UnitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKind>;

/**
 * The domain's number bounds, one place (issue 16, item 13): a province's units and people, not a
 * float's range. A count of 2^31, a workload of 1e308 or a floor of 2^53 − 1 is a 400, never a 500.
 */
export const BOUNDS = {
  /** People in one unit or one need, a unit's floor. */
  headcount: 100_000,
  /** Staff-equivalents of work. */
  workload: 100_000,
  /** Hours deployed in the last 14 days. */
  fatigueHours: 24 * 14,
  /** Half the Earth's circumference: no distance on it is longer. */
  km: 20_040,
  /** An optimistic version or a log position: far below 2^53, where integers stop being exact. */
  counter: 2 ** 48,
} as const;

export const Version = z.number().int().min(1).max(BOUNDS.counter);

export const Unit = z.object({
  id: Id,
  code: z.string().min(1).max(40).regex(/^[a-z0-9-]+$/, "unit code is lower-case letters, digits and -"),
  name: z.string().min(1).max(200),
  kind: UnitKind,
  location: LatLng,
  /** Set when no open source gives the real position (the kelurahan centroid is used). */
  approximate: z.boolean().default(false),
  kelurahan: KelurahanCode,
  /** Minimum staff who must stay for service continuity. */
  floor: z.number().int().min(0).max(BOUNDS.headcount),
  /** Staff-equivalents its own work needs today, before spikes. */
  workload: z.number().min(0).max(BOUNDS.workload),
  version: Version,
});
export type Unit = z.infer<typeof Unit>;

export const StaffStatus = z.enum(STAFF_STATUSES);
export type StaffStatus = z.infer<typeof StaffStatus>;

export const Nip = z.string().superRefine((nip, ctx) => {
  const check = checkNip(nip);
  if (!check.ok) ctx.addIssue({ code: "custom", message: check.reason, params: { reason: check.problem } });
});

export const Golongan = z.string().regex(/^(I|II|III|IV)\/[a-e]$/, "golongan looks like III/a");

export const Phone = z.string().regex(/^\+?[0-9 -]{6,20}$/, "phone holds digits, spaces, - and an optional leading +");

/** Yearly SKP rating (PP 30/2019): the mutasi cycle's points read it. */
export const SKP_RATINGS = ["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"] as const;
export const SkpRating = z.enum(SKP_RATINGS);
export type SkpRating = z.infer<typeof SkpRating>;

/** What the mutasi cycle reads of a person; optional, so a 0.1.0 database still loads (shared/mutasi-cycle.ts). */
export const StaffMutasiFields = {
  positionId: Id.optional(),
  /** TMT of the current position (yyyy-mm-dd). */
  tmtJabatan: z.iso.date().optional(),
  /** SKP rating by year ("2026"). */
  ratings: z.record(z.string().regex(/^\d{4}$/, "a year"), SkpRating).optional(),
  /** Under a disciplinary sanction (or its process) until this day. */
  sanctionUntil: z.iso.date().optional(),
  /** Tugas belajar. */
  studyLeave: z.boolean().optional(),
  /** Cuti di luar tanggungan negara (CLTN). */
  unpaidLeave: z.boolean().optional(),
};

export const Staff = z.object({
  id: Id,
  nip: Nip,
  name: z.string().min(1).max(200),
  homeUnitId: Id,
  jabatan: z.string().min(1).max(200),
  golongan: Golongan,
  skills: z.array(Skill).min(1).max(SKILLS.length),
  status: StaffStatus,
  /** Hours deployed in the last 14 days. */
  fatigueHours: z.number().min(0).max(BOUNDS.fatigueHours),
  volunteer: z.boolean(),
  /** Private: never broadcast, only the person, their unit head and coordinators see it. */
  phone: Phone.optional(),
  ...StaffMutasiFields,
  version: Version,
});
export type Staff = z.infer<typeof Staff>;

export const Priority = z.number().int().min(1).max(5);

export const Need = z.object({
  id: Id,
  skill: Skill,
  count: z.number().int().min(1).max(10_000),
  priority: Priority,
});
export type Need = z.infer<typeof Need>;

export const INCIDENT_TYPES = ["banjir", "tanah_longsor", "angin_kencang", "kebakaran", "kekeringan", "wabah", "lainnya"] as const;
export const IncidentType = z.enum(INCIDENT_TYPES);
export type IncidentType = z.infer<typeof IncidentType>;

export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** A ring of [lng, lat] positions, GeoJSON order. */
export const Polygon = z.array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])).min(4).max(5000);

/** What a person sent to the incident needs besides its point: the Pos Komando's name, address, phones, and how long a deployment is planned. */
export const PostInfo = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  address: z.string().trim().min(1).max(300).optional(),
  /** The posko's phone (and WhatsApp). */
  phone: Phone.optional(),
  /** The coordinator on duty for this incident. */
  coordinatorPhone: Phone.optional(),
  plannedHours: z.number().int().min(1).max(720).optional(),
}).strict();
export type PostInfo = z.infer<typeof PostInfo>;

export const Incident = z.object({
  id: Id,
  type: IncidentType,
  title: z.string().min(1).max(200),
  severity: z.number().int().min(1).max(5),
  status: IncidentStatus,
  location: LatLng,
  radiusM: z.number().positive().max(100_000).optional(),
  polygon: Polygon.optional(),
  kelurahan: z.array(KelurahanCode).max(60),
  /** Pos Komando: where deployed staff report; the incident location when not given. */
  commandPost: LatLng.optional(),
  post: PostInfo.optional(),
  needs: z.array(Need).max(50),
  createdAt: Timestamp,
  closedAt: Timestamp.optional(),
  version: Version,
});
export type Incident = z.infer<typeof Incident>;

export const SPIKE_STATUSES = ["active", "ended"] as const;
export const DemandSpike = z.object({
  id: Id,
  unitId: Id,
  reason: z.string().min(1).max(500),
  extraWorkload: z.number().min(0).max(100_000),
  needs: z.array(Need).max(50),
  from: Timestamp,
  until: Timestamp.optional(),
  status: z.enum(SPIKE_STATUSES),
  version: Version,
});
export type DemandSpike = z.infer<typeof DemandSpike>;

export const RELEASE_STATUSES = ["active", "ended"] as const;
/** Pelepasan sementara: a unit head marks own staff as free to deploy until a time. */
export const Release = z.object({
  id: Id,
  unitId: Id,
  staffId: Id,
  until: Timestamp,
  note: z.string().max(500).optional(),
  status: z.enum(RELEASE_STATUSES),
  createdAt: Timestamp,
  version: Version,
});
export type Release = z.infer<typeof Release>;

export const AssignmentState = z.enum(ASSIGNMENT_STATES);
export type AssignmentState = z.infer<typeof AssignmentState>;
export const SiteKind = z.enum(["incident", "spike"]);
export type SiteKind = z.infer<typeof SiteKind>;

export const Transition = z.object({
  state: AssignmentState,
  at: Timestamp,
  by: z.string(),
  reason: z.string().max(500).optional(),
});
export type Transition = z.infer<typeof Transition>;

export const Assignment = z.object({
  id: Id,
  staffId: Id,
  needId: Id,
  siteKind: SiteKind,
  /** The incident or the spike the need belongs to. */
  siteId: Id,
  /** The home unit the person is lent from (the donor). */
  fromUnitId: Id,
  /** The person was released by their unit when requested: outside the floor, confirmed at once. */
  released: z.boolean(),
  planId: Id.optional(),
  state: AssignmentState,
  /** Set while a recall asked by the unit head waits for the coordinator. */
  recallRequested: z.object({ at: Timestamp, by: z.string(), reason: z.string().max(500) }).optional(),
  /** Issue 15: set once, at the first stage of escalation (the request waited past SIAGA_ESCALATE_AFTER_MIN unanswered). */
  escalatedAt: Timestamp.optional(),
  /** The unit's stand-in (a Plh/Plt unit head's username) the escalation went to first, when one is named. */
  escalatedTo: z.string().max(100).optional(),
  /** Where the escalation stands: with the stand-in (first, when one is named), then with the coordinator. */
  escalationStage: z.enum(["stand_in", "coordinator"]).optional(),
  /** Planned end (from the plan or set by the coordinator). */
  until: Timestamp.optional(),
  /** When the person may rest: the end of the shift, the fatigue limit or `until`, whichever comes first (set at check-in). */
  restAt: Timestamp.optional(),
  /** Relief found due: when, and the plan that replaces the person. */
  reliefDueAt: Timestamp.optional(),
  reliefPlanId: Id.optional(),
  /** When the person was sent home (demobilisation or completion): the end of their surat tugas. */
  endedAt: Timestamp.optional(),
  history: z.array(Transition),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Version,
});
export type Assignment = z.infer<typeof Assignment>;

export const ROLES = ["coordinator", "unit_head", "staff", "screen", "ppk"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * Someone acting for the holder of a post (SE BKN 2/SE/VII/2019): a Plh or Plt may sign a surat tugas
 * (so a unit head's stand-in may confirm surge requests) but never a mutasi decree.
 */
export const ACTING = ["plh", "plt"] as const;
export const Acting = z.enum(ACTING);
export type Acting = z.infer<typeof Acting>;

/** The user as sent on the wire: never the hash. */
export const PublicUser = z.object({
  username: z.string(),
  role: Role,
  unitId: Id.optional(),
  staffId: Id.optional(),
  acting: Acting.optional(),
});
export type PublicUser = z.infer<typeof PublicUser>;

/** A user as stored: the hash never leaves the server. */
export const UserRecord = z.object({
  id: Id,
  username: z.string().min(1).max(100),
  role: Role,
  unitId: Id.optional(),
  staffId: Id.optional(),
  acting: Acting.optional(),
  /** Name, NIP and jabatan of an official who signs (a ppk): the SK's signer snapshot is taken from it. */
  official: z.object({ name: z.string().min(1).max(200), nip: z.string().max(18).optional(), jabatan: z.string().min(1).max(200) }).optional(),
  passwordHash: z.string(),
  version: Version,
});
export type UserRecord = z.infer<typeof UserRecord>;

/** A login session; its id is the SHA-256 of the bearer token, so a leaked database holds no tokens. */
export const SessionRecord = z.object({
  id: z.string(),
  userId: Id,
  createdAt: Timestamp,
  expiresAt: Timestamp,
  revokedAt: Timestamp.optional(),
  version: Version,
});
export type SessionRecord = z.infer<typeof SessionRecord>;

export const Event = z.object({
  seq: z.number().int().min(1),
  at: Timestamp,
  type: z.string(),
  actor: z.string(),
  data: z.unknown(),
});
export type Event = z.infer<typeof Event>;
