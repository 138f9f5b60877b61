/**
 * The realtime contract (DESIGN.md, "Realtime"): event types of the log, and the Socket.IO event maps of
 * namespace /live. Commands are `domain:verb`; broadcasts are facts in the past tense.
 */
import { z } from "zod";
import { Assignment, DemandSpike, Event, Id, Incident, Release, Staff, Unit } from "./domain.js";
import { PlanApproveResponse, PublicStaff, StateSnapshot, TransitionBody } from "./api.js";
import { ErrorBody } from "./errors.js";

/**
 * Every event's `type` is `<entity>.<fact>` and its `data` is the whole entity after the change, so a
 * client applies any event by upserting `data` into the collection; `*.deleted` carries only `{id}`.
 * A staff member's phone is in the data only for users who may see it (the server cuts it for others).
 */
export const EVENT_ENTITIES = {
  unit: "units",
  staff: "staff",
  incident: "incidents",
  spike: "spikes",
  release: "releases",
  assignment: "assignments",
  plan: "plans",
} as const;
export type EventEntity = keyof typeof EVENT_ENTITIES;

export const EventData = {
  unit: Unit,
  staff: Staff,
  incident: Incident,
  spike: DemandSpike,
  release: Release,
  assignment: Assignment,
  plan: z.object({ id: Id, seq: z.number().int(), lines: z.number().int(), unfilled: z.number().int() }),
} as const;

export function eventEntity(type: string): EventEntity | undefined {
  const entity = type.split(".")[0];
  return entity && entity in EVENT_ENTITIES ? (entity as EventEntity) : undefined;
}

/**
 * `batch: true` asks for pushes as `events` (an array: the events committed in one burst, in seq order)
 * instead of one `event` per change. One frame per burst instead of one per change is what lets a
 * single process keep up with thousands of sockets (docs/realtime.md); `event` stays the default.
 */
export const ResumeRequest = z.object({ since: z.number().int().min(0).nullable(), batch: z.boolean().optional() }).strict();
export type ResumeRequest = z.infer<typeof ResumeRequest>;

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: ErrorBody };
export type ResumeAck = Ack<{ events: Event[] } | { snapshot: StateSnapshot; seq: number }>;

export const PlanApproveCommand = z.object({ planId: Id, staffIds: z.array(Id).min(1).optional() }).strict();
export const AssignmentCommand = TransitionBody.extend({ id: Id }).strict();

export interface ClientToServerEvents {
  resume: (req: ResumeRequest, ack: (res: ResumeAck) => void) => void;
  "plan:approve": (req: z.infer<typeof PlanApproveCommand>, ack: (res: Ack<PlanApproveResponse>) => void) => void;
  "assignment:confirm": (req: z.infer<typeof AssignmentCommand>, ack: (res: Ack<{ assignment: Assignment }>) => void) => void;
  "assignment:decline": (req: z.infer<typeof AssignmentCommand>, ack: (res: Ack<{ assignment: Assignment }>) => void) => void;
  "assignment:checkin": (req: z.infer<typeof AssignmentCommand>, ack: (res: Ack<{ assignment: Assignment }>) => void) => void;
  "assignment:complete": (req: z.infer<typeof AssignmentCommand>, ack: (res: Ack<{ assignment: Assignment }>) => void) => void;
}

export interface ServerToClientEvents {
  event: (event: Event) => void;
  /** Only to sockets that resumed with `batch: true`; never empty. */
  events: (events: Event[]) => void;
}

export type { PublicStaff };
