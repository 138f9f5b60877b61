/**
 * Invariant 6 for data: private fields (shared/entities.ts) and who may see them (shared/policy.ts). The
 * store and the event log keep them; everything that leaves the server passes through here first.
 */
import { ROLES, type Event, type PublicUser, type Staff } from "../shared/domain.js";
import { collectionOfEvent, ENTITIES, type Collection, type Docs, type SnapshotCollection, type Wire } from "../shared/entities.js";
import { planSummary } from "../shared/plan.js";
import { can } from "../shared/policy.js";

/**
 * A user's private live-feed room, named by role and by the one link that role carries (a unit head's
 * unit, a staff member's own record; no other role has one): `private:coordinator`,
 * `private:unit_head:<unitId>`, `private:staff:<staffId>`, `private:screen`. A screen or a coordinator
 * account that was given a unitId is still only in its role's room (issue 16, item 5). A linked user also
 * joins its role's room (`private:unit_head`), for fields every user of the role may see (a mutasi plan's).
 */
function audienceRoom(user: Pick<PublicUser, "role" | "unitId" | "staffId">): string {
  const link = user.role === "unit_head" ? user.unitId : user.role === "staff" ? user.staffId : undefined;
  return link === undefined ? `private:${user.role}` : `private:${user.role}:${link}`;
}

/**
 * The rooms that may see a staff member's phone, derived from the policy itself: of the one stand-in user
 * per role (linked to this record where the role has a link), those that `can` read the phone.
 */
function phoneRooms(staff: Staff): string[] {
  return ROLES
    .map((role): PublicUser => ({ username: "", role, ...(role === "unit_head" ? { unitId: staff.homeUnitId } : role === "staff" ? { staffId: staff.id } : {}) }))
    .filter((user) => can(user, "staff.phone.read", staff))
    .map(audienceRoom);
}

/** The role-wide rooms of the roles the policy lets read mutasi plans (every unit head may). */
const PLAN_READER_ROOMS = ROLES.filter((role) => can({ username: "", role }, "mutasi.plan.read")).map((role) => `private:${role}`);

/** Per collection with private fields: who may see them on this record, and the live-feed rooms of those users. */
const PRIVATE: Partial<Record<Collection, { visible(user: PublicUser, doc: never): boolean; rooms(doc: never): string[] }>> = {
  staff: {
    visible: (user, staff: Staff) => can(user, "staff.phone.read", staff),
    rooms: phoneRooms,
  },
  mutasiPlans: {
    visible: (user) => can(user, "mutasi.plan.read"),
    rooms: () => PLAN_READER_ROOMS,
  },
};

function cutPrivate<T extends object>(collection: Collection, doc: T): T {
  const fields = ENTITIES[collection].private as readonly string[];
  if (!fields.some((f) => f in doc)) return doc;
  const out = { ...doc } as Record<string, unknown>;
  for (const f of fields) delete out[f];
  return out as T;
}

/** A record as this user may receive it: the registry's wire form, private fields cut unless the policy shows them. */
export function wireFor<C extends SnapshotCollection>(user: PublicUser, collection: C, doc: Docs[C]): Wire[C] {
  // A registry wire form narrower than the record (a wish without its content) is what leaves the server.
  const def = ENTITIES[collection];
  const wire = (collection === "plans" ? planSummary(doc as Docs["plans"]) : def.wire !== def.schema ? def.wire.parse(doc) : doc) as Wire[C];
  const rule = PRIVATE[collection];
  return rule && !rule.visible(user, doc as never) ? cutPrivate(collection, wire as object) as Wire[C] : wire;
}

function privateData(event: Event): { collection: Collection; data: object } | undefined {
  const collection = collectionOfEvent(event.type);
  if (!collection || !PRIVATE[collection] || typeof event.data !== "object" || event.data === null) return undefined;
  const data = event.data as Record<string, unknown>;
  return (ENTITIES[collection].private as readonly string[]).some((f) => data[f] !== undefined) ? { collection, data } : undefined;
}

/** An event as this user may see it. */
export function eventFor(user: PublicUser, event: Event): Event {
  const p = privateData(event);
  return p && !PRIVATE[p.collection]!.visible(user, p.data as never) ? withoutPrivate(event) : event;
}

/** The event with its private fields cut, for everyone outside `privateRooms`. */
export function withoutPrivate(event: Event): Event {
  const p = privateData(event);
  return p ? { ...event, data: cutPrivate(p.collection, p.data) } : event;
}

/** Live-feed rooms whose sockets may see this event's private fields; none when it has none. */
export function privateRooms(event: Event): string[] {
  const p = privateData(event);
  return p ? PRIVATE[p.collection]!.rooms(p.data as never) : [];
}

/** The private rooms a user's socket joins, matching privateRooms: its audience's, and its role's. */
export function roomsOf(user: PublicUser): string[] {
  const own = audienceRoom(user);
  const role = `private:${user.role}`;
  return own === role ? [own] : [own, role];
}
