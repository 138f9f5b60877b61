/**
 * The realtime contract (DESIGN.md, "Realtime"): the Socket.IO event maps of namespace /live.
 * Commands are `domain:verb`; broadcasts are facts in the past tense. Event types and their data come
 * from the entity registry (shared/entities.ts): every event's `type` is `<entity>.<fact>` and its
 * `data` the record after the change as the user may see it (a `*.deleted` carries only `{id}`), so a
 * client applies any event by upserting `data` into the collection.
 */
import { z } from "zod";
import { Assignment, BOUNDS, Event, Id } from "./domain.js";
import { PlanApproveResponse, TransitionBody } from "./api.js";
import type { Epoch, StateSnapshot } from "./entities.js";
import { ErrorBody } from "./errors.js";

/** Bumped when the live protocol changes incompatibly; a resume naming another version is refused. */
export const PROTOCOL_VERSION = 2;

/**
 * `batch: true` asks for pushes as `events` (an array: the events committed in one burst, in seq order)
 * instead of one `event` per change. One frame per burst instead of one per change is what lets a
 * single process keep up with thousands of sockets (docs/realtime.md); `event` stays the default.
 * `protocolVersion` is optional for plain clients (DESIGN.md's `{since}`); when given it must match.
 */
export const ResumeRequest = z.object({
  since: z.number().int().min(0).max(BOUNDS.counter).nullable(),
  batch: z.boolean().optional(),
  protocolVersion: z.number().int().min(1).max(1000).optional(),
}).strict();
export type ResumeRequest = z.infer<typeof ResumeRequest>;

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: ErrorBody };
/**
 * Both forms name the store's epoch (shared/entities.ts): events continue the client's state only when
 * the epoch is the one that state came from; otherwise the client resumes with `since: null`.
 */
export type ResumeAck = Ack<({ events: Event[] } | { snapshot: StateSnapshot; seq: number }) & { epoch: Epoch }>;

export const PlanApproveCommand = z.object({ planId: Id, staffIds: z.array(Id).min(1).optional() }).strict();
export const AssignmentCommand = TransitionBody.extend({ id: Id }).strict();

/** The socket commands and the policy action each one is (shared/policy.ts). */
export const COMMANDS = {
  "plan:approve": "plan.approve",
  "assignment:confirm": "assignment.confirm",
  "assignment:decline": "assignment.decline",
  "assignment:checkin": "assignment.checkin",
  "assignment:complete": "assignment.complete",
} as const;
export type CommandName = keyof typeof COMMANDS;

type AssignmentAck = (res: Ack<{ assignment: Assignment }>) => void;
export interface ClientToServerEvents {
  resume: (req: ResumeRequest, ack: (res: ResumeAck) => void) => void;
  "plan:approve": (req: z.infer<typeof PlanApproveCommand>, ack: (res: Ack<PlanApproveResponse>) => void) => void;
  "assignment:confirm": (req: z.infer<typeof AssignmentCommand>, ack: AssignmentAck) => void;
  "assignment:decline": (req: z.infer<typeof AssignmentCommand>, ack: AssignmentAck) => void;
  "assignment:checkin": (req: z.infer<typeof AssignmentCommand>, ack: AssignmentAck) => void;
  "assignment:complete": (req: z.infer<typeof AssignmentCommand>, ack: AssignmentAck) => void;
}

export interface ServerToClientEvents {
  event: (event: Event) => void;
  /** Only to sockets that resumed with `batch: true`; never empty. */
  events: (events: Event[]) => void;
}
