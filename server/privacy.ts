/**
 * Invariant 6 for data: who may see a staff member's phone. The store and the event log keep it;
 * everything that leaves the server passes through here first.
 */
import type { PublicStaff } from "../shared/api.js";
import type { Event, PublicUser, Staff } from "../shared/domain.js";

/** Coordinators see every phone, unit heads their own unit's, staff their own. */
export function phoneVisible(user: PublicUser, staff: Pick<Staff, "id" | "homeUnitId">): boolean {
  return user.role === "coordinator"
    || (user.role === "unit_head" && user.unitId === staff.homeUnitId)
    || (user.role === "staff" && user.staffId === staff.id);
}

export function publicStaff(staff: Staff): PublicStaff {
  const { phone: _phone, ...rest } = staff;
  return rest;
}

export function staffFor(user: PublicUser, staff: Staff): Staff | PublicStaff {
  return phoneVisible(user, staff) ? staff : publicStaff(staff);
}

function isStaffWithPhone(event: Event): event is Event & { data: Staff } {
  return event.type.startsWith("staff.") && typeof (event.data as Partial<Staff> | null)?.phone === "string";
}

/** An event as this user may see it. */
export function eventFor(user: PublicUser, event: Event): Event {
  return isStaffWithPhone(event) && !phoneVisible(user, event.data) ? { ...event, data: publicStaff(event.data) } : event;
}

/** Live-feed rooms whose sockets may see this event's private fields; none when it has none. */
export function privateRooms(event: Event): string[] {
  if (!isStaffWithPhone(event)) return [];
  return ["role:coordinator", `unit:${event.data.homeUnitId}`, `staff:${event.data.id}`];
}

/** The rooms a user's socket joins, matching privateRooms. */
export function roomsOf(user: PublicUser): string[] {
  return [`role:${user.role}`, ...(user.unitId ? [`unit:${user.unitId}`] : []), ...(user.staffId ? [`staff:${user.staffId}`] : [])];
}
