/**
 * The fan-out of committed events to resumed sockets, in two wire forms: `event` (one per change, the
 * default) and `events` (one array per burst, for sockets that resumed with `batch: true`). Each form has
 * its own set of rooms, so one broadcast reaches exactly the sockets that asked for it, across processes
 * too (the Redis adapter relays room broadcasts).
 */
import type { Namespace } from "socket.io";
import type { Event, PublicUser, Staff } from "../../shared/domain.js";
import { privateRooms, publicStaff, roomsOf } from "../privacy.js";

export type PushForm = "single" | "batch";

/** Sockets join this room once they asked to resume; only they get pushes. */
export const LIVE_ROOM = "live";

const room = (form: PushForm, name: string) => (form === "batch" ? `batch:${name}` : name);

/** The rooms a resumed socket joins: the push room of its form and its private-field rooms. */
export function pushRoomsOf(form: PushForm, user: PublicUser): string[] {
  return [LIVE_ROOM, ...roomsOf(user)].map((name) => room(form, name));
}

/**
 * Sends `burst` (events in seq order) to every resumed socket. An event with private fields goes whole
 * to the rooms that may see them and without them to every other socket; for batch sockets it also
 * ends the current array, so each socket still gets every seq once and in order.
 */
export function pushBurst(live: Namespace, burst: Event[]): void {
  for (const event of burst) {
    const rooms = privateRooms(event);
    if (rooms.length === 0) live.to(LIVE_ROOM).emit("event", event);
    else {
      live.to(rooms).emit("event", event);
      live.to(LIVE_ROOM).except(rooms).emit("event", withoutPrivate(event));
    }
  }

  let run: Event[] = [];
  const flush = () => {
    if (run.length > 0) live.to(room("batch", LIVE_ROOM)).emit("events", run);
    run = [];
  };
  for (const event of burst) {
    const rooms = privateRooms(event).map((name) => room("batch", name));
    if (rooms.length === 0) {
      run.push(event);
      continue;
    }
    flush();
    live.to(rooms).emit("events", [event]);
    live.to(room("batch", LIVE_ROOM)).except(rooms).emit("events", [withoutPrivate(event)]);
  }
  flush();
}

function withoutPrivate(event: Event): Event {
  return { ...event, data: publicStaff(event.data as Staff) };
}
