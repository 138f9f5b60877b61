/**
 * The entity registry: each kind of record Siaga stores, declared once — its collection, its schema,
 * the facts the event log records about it, what clients receive of it (in the snapshot and in events),
 * its private fields and its indexes. The state snapshot, the event types and their data schemas, the
 * client's live maps and parser, and both stores' collections and indexes are derived from here.
 * SQLite's tables and indexes are created by frozen migrations (server/store/migrations.ts), which a
 * test holds equal to the indexes declared here.
 */
import { z } from "zod";
import {
  Assignment, DemandSpike, Event, Id, Incident, Release, SessionRecord, Staff, Unit, UserRecord,
} from "./domain.js";
import { Checkpoint } from "./checkpoint.js";
import { IdempotencyRecord } from "./idempotency.js";
import { LetterCounter, LetterRecord, LetterSummary } from "./letters.js";
import { PlanRecord, PlanSummary } from "./plan.js";
import { PushSubscriptionRecord } from "./push-subscription.js";
import { MUTASI_PLAN_PRIVATE, MutasiCycle, MutasiPlanLive, MutasiPlanRecord, Objection, ObjectionWire, Position, Wish, WishWire } from "./mutasi-cycle.js";

export interface IndexSpec {
  readonly name: string;
  /** Top-level fields of the record. */
  readonly fields: readonly string[];
  readonly unique?: boolean;
  /** Covers only open assignments (invariant 1's partial unique index). */
  readonly openOnly?: boolean;
}

interface EntityDef {
  /** The prefix of its event types (`unit.created`). */
  readonly entity: string;
  /** The record as stored. */
  readonly schema: z.ZodObject;
  /** The facts the log records: event type = `${entity}.${fact}`; a `deleted` event carries only `{id}`. */
  readonly facts: readonly string[];
  /** What clients receive of a record, in the snapshot and in event data. */
  readonly wire: z.ZodType;
  /** In the snapshot: every record, the newest few by a timestamp field, or none (server-only records). */
  readonly snapshot: "all" | { readonly recent: number; readonly by: string } | false;
  /** Fields only some users may see (shared/policy.ts says who); cut from what others receive. */
  readonly private: readonly string[];
  readonly indexes: readonly IndexSpec[];
}

/** A user as other users may see it: never the hash. */
export const UserWire = UserRecord.omit({ passwordHash: true });
export type UserWire = z.infer<typeof UserWire>;

export const ENTITIES = {
  units: {
    entity: "unit", schema: Unit, wire: Unit, facts: ["created", "updated", "deleted"], snapshot: "all", private: [],
    indexes: [{ name: "units_code", fields: ["code"], unique: true }],
  },
  staff: {
    entity: "staff", schema: Staff, wire: Staff, facts: ["created", "updated", "deleted"], snapshot: "all", private: ["phone"],
    indexes: [
      { name: "staff_unit", fields: ["homeUnitId"] },
      { name: "staff_nip", fields: ["nip"], unique: true },
    ],
  },
  incidents: {
    entity: "incident", schema: Incident, wire: Incident, facts: ["created", "updated", "closed"], snapshot: "all", private: [], indexes: [],
  },
  spikes: {
    entity: "spike", schema: DemandSpike, wire: DemandSpike, facts: ["created", "ended"], snapshot: "all", private: [],
    indexes: [{ name: "spikes_unit", fields: ["unitId"] }],
  },
  releases: {
    entity: "release", schema: Release, wire: Release, facts: ["created", "ended"], snapshot: "all", private: [],
    indexes: [
      { name: "releases_staff", fields: ["staffId"] },
      { name: "releases_unit", fields: ["unitId"] },
    ],
  },
  assignments: {
    entity: "assignment", schema: Assignment, wire: Assignment,
    facts: ["created", "confirmed", "declined", "active", "completed", "cancelled", "recalled", "recall_requested", "escalated", "relief_due", "until_set"],
    snapshot: "all", private: [],
    indexes: [
      { name: "assignments_staff", fields: ["staffId"] },
      { name: "assignments_need", fields: ["needId"] },
      { name: "assignments_unit", fields: ["fromUnitId"] },
      { name: "assignments_state", fields: ["state"] },
      // Invariant 1 held by the database itself, beneath the service check.
      { name: "assignments_one_open", fields: ["staffId"], unique: true, openOnly: true },
    ],
  },
  plans: {
    entity: "plan", schema: PlanRecord, wire: PlanSummary, facts: ["created"], snapshot: { recent: 20, by: "createdAt" }, private: [],
    indexes: [{ name: "plans_created", fields: ["createdAt"] }],
  },
  users: {
    entity: "user", schema: UserRecord, wire: UserWire, facts: ["created", "revoked"], snapshot: false, private: [],
    indexes: [{ name: "users_username", fields: ["username"], unique: true }],
  },
  positions: {
    entity: "position", schema: Position, wire: Position, facts: ["created", "updated"], snapshot: "all", private: [],
    indexes: [{ name: "positions_unit", fields: ["unitId"] }],
  },
  mutasiCycles: {
    entity: "mutasi_cycle", schema: MutasiCycle, wire: MutasiCycle, facts: ["created", "phase_changed"], snapshot: "all", private: [],
    indexes: [{ name: "mutasi_cycles_year", fields: ["year"], unique: true }],
  },
  // A wish's content (its reasons may name a health condition) stays with the person and the coordinators' API.
  wishes: {
    entity: "wish", schema: Wish, wire: WishWire, facts: ["submitted"], snapshot: "all", private: [],
    indexes: [{ name: "wishes_cycle", fields: ["cycleId"] }],
  },
  mutasiPlans: {
    entity: "mutasi_plan", schema: MutasiPlanRecord, wire: MutasiPlanLive, facts: ["created", "reviewed", "decided"], snapshot: { recent: 5, by: "createdAt" }, private: MUTASI_PLAN_PRIVATE,
    indexes: [{ name: "mutasi_plans_cycle", fields: ["cycleId"] }, { name: "mutasi_plans_created", fields: ["createdAt"] }],
  },
  objections: {
    entity: "objection", schema: Objection, wire: ObjectionWire, facts: ["filed", "answered"], snapshot: "all", private: [],
    indexes: [{ name: "objections_cycle", fields: ["cycleId"] }],
  },
  sessions: {
    entity: "session", schema: SessionRecord, wire: z.never(), facts: [], snapshot: false, private: [],
    indexes: [{ name: "sessions_user", fields: ["userId"] }],
  },
  /** Surat Perintah Tugas as issued (issue 11): server-only, the log says that one was issued and its number. */
  letters: {
    entity: "letter", schema: LetterRecord, wire: LetterSummary, facts: ["issued"], snapshot: false, private: [],
    indexes: [
      { name: "letters_assignment", fields: ["assignmentId"], unique: true },
      { name: "letters_code", fields: ["code"], unique: true },
      { name: "letters_plan", fields: ["planId"] },
    ],
  },
  /** The yearly letter number of each issuing unit; bumped with the letter.issued it numbers. */
  letterCounters: {
    entity: "letterCounter", schema: LetterCounter, wire: z.never(), facts: [], snapshot: false, private: [], indexes: [],
  },
  /** Server-only: the first answer of each `Idempotency-Key` (shared/idempotency.ts), kept a day. */
  idempotency: {
    entity: "idempotency", schema: IdempotencyRecord, wire: z.never(), facts: [], snapshot: false, private: [], indexes: [],
  },
  /**
   * Web Push subscriptions (shared/push.ts), one per device: server-only like sessions, never in a snapshot
   * nor in the log (an endpoint is a capability to push to that device; its keys decrypt what is sent).
   */
  pushSubscriptions: {
    entity: "pushSubscription", schema: PushSubscriptionRecord, wire: z.never(), facts: [], snapshot: false, private: [],
    indexes: [{ name: "push_subscriptions_user", fields: ["userId"] }],
  },
  // Replay checkpoints (shared/checkpoint.ts): derived from the log, so no facts of their own; found by id.
  checkpoints: {
    entity: "checkpoint", schema: Checkpoint, wire: z.never(), facts: [], snapshot: false, private: [], indexes: [],
  },
} as const satisfies Record<string, EntityDef>;

type Entities = typeof ENTITIES;
export type Collection = keyof Entities;
export const COLLECTIONS = Object.keys(ENTITIES) as Collection[];

/** The stored record of each collection: what the store port's reads return. */
export type Docs = { [C in Collection]: z.infer<Entities[C]["schema"]> };

/** The collections a client holds: those in the snapshot. */
export type SnapshotCollection = { [C in Collection]: Entities[C]["snapshot"] extends false ? never : C }[Collection];
export const SNAPSHOT_COLLECTIONS = COLLECTIONS.filter((c) => ENTITIES[c].snapshot !== false) as SnapshotCollection[];

/** What a client holds of each snapshot collection. */
export type Wire = { [C in SnapshotCollection]: z.infer<Entities[C]["wire"]> };

/**
 * The store's epoch: a random id kept in the database, the same across restarts and new when the data is
 * replaced (a restore, a reset). A seq means something only within its epoch: a client holding state of
 * another epoch throws it away and takes a fresh snapshot (client/live/client.ts).
 */
export const Epoch = z.string().min(1).max(64);
export type Epoch = z.infer<typeof Epoch>;

/** The state at one seq of one epoch: every snapshot collection as clients receive it. */
export type StateSnapshot = { seq: number; epoch: Epoch } & { [C in SnapshotCollection]: Wire[C][] };
export const StateSnapshot = z.object({
  seq: z.number().int().min(0),
  epoch: Epoch,
  ...Object.fromEntries(SNAPSHOT_COLLECTIONS.map((c) => [c, z.array(ENTITIES[c].wire)])),
}) as unknown as z.ZodType<StateSnapshot>;

/** Every event type of the log: a closed union. */
export type EventType = { [C in Collection]: `${Entities[C]["entity"]}.${Entities[C]["facts"][number]}` }[Collection];
type EntityName = Entities[Collection]["entity"];
type CollectionOf<E extends EntityName> = { [C in Collection]: Entities[C]["entity"] extends E ? C : never }[Collection];
type EntityOf<T extends EventType> = T extends `${infer E}.${string}` ? E : never;

export const EVENT_TYPES = COLLECTIONS.flatMap((c) => ENTITIES[c].facts.map((fact) => `${ENTITIES[c].entity}.${fact}`)) as EventType[];
const EVENT_TYPE_SET = new Set<string>(EVENT_TYPES);
export const EventType = z.string().refine((t): t is EventType => EVENT_TYPE_SET.has(t), { message: "unknown event type" });

/** An event as the live feed and GET /api/events send it: its type is one of the registry's. */
export const WireEvent = Event.extend({ type: EventType });

export const Deleted = z.object({ id: Id });

/** What an event of type T carries: `{id}` for a deletion, else the record as clients receive it. */
export type EventDataOf<T extends EventType> = T extends `${string}.deleted`
  ? z.infer<typeof Deleted>
  : z.infer<Entities[CollectionOf<EntityOf<T>>]["wire"]>;

const COLLECTION_OF_ENTITY = new Map<string, Collection>(COLLECTIONS.map((c) => [ENTITIES[c].entity, c]));

/** The collection an event type is about. */
export function collectionOfEvent(type: string): Collection | undefined {
  return COLLECTION_OF_ENTITY.get(type.split(".")[0] ?? "");
}

/** The schema of an event's data. */
export function eventDataSchema(type: EventType): z.ZodType {
  if (type.endsWith(".deleted")) return Deleted;
  return ENTITIES[collectionOfEvent(type)!].wire;
}

/** A typed event, as the log keeps it. */
export type TypedEvent<T extends EventType = EventType> = { seq: number; at: string; type: T; actor: string; data: EventDataOf<T> };

/** The fields of a collection that only some users may see. */
export function privateFieldsOf(collection: Collection): readonly string[] {
  return ENTITIES[collection].private;
}

