/**
 * The fan-out of committed events to resumed sockets, in two wire forms: `event` (one per change, the
 * default) and `events` (one array of everything new, for sockets that resumed with `batch: true`).
 *
 * Sockets are split into groups, each with its own rooms: the `event` sockets, and the batch sockets
 * spread over BATCH_GROUPS by socket id. The fan-out writes one group per turn of the event loop and
 * keeps, per group, how far into the log it has sent. Between turns the server takes requests and
 * commits; an event committed while a fan-out is under way still goes to the groups not yet written
 * in that round, and to the others in the next. So a change waits for at most one round instead of
 * the rest of the current fan-out plus its own, and a burst reaches each batch socket as one frame.
 * Per group the log is sent in order, once; room broadcasts also reach other processes' sockets
 * (Redis adapter), where each process sends its own commits.
 */
import type { Namespace } from "socket.io";
import type { Event, PublicUser } from "../../shared/domain.js";
import { log } from "../log.js";
import { privateRooms, roomsOf, withoutPrivate } from "../privacy.js";

export type PushForm = "single" | "batch";

/** Sockets join this room (of their group) once they asked to resume; only they get pushes. */
export const LIVE_ROOM = "live";

/** At 5,000 sockets a group is ~625 writes, ~10 ms: the longest a commit waits for the event loop. */
export const BATCH_GROUPS = 8;

/** "single", or a batch group's number. */
type Group = "single" | number;

const GROUPS: readonly Group[] = ["single", ...Array.from({ length: BATCH_GROUPS }, (_, i) => i)];

const room = (group: Group, name: string) => (group === "single" ? name : `batch:${group}:${name}`);

function batchGroupOf(socketId: string): number {
  let h = 0;
  for (let i = 0; i < socketId.length; i++) h = (h * 31 + socketId.charCodeAt(i)) | 0;
  return Math.abs(h) % BATCH_GROUPS;
}

/** The rooms a resumed socket joins: its group's push room and its private-field rooms. */
export function pushRoomsOf(form: PushForm, user: PublicUser, socketId: string): string[] {
  const group = form === "single" ? "single" : batchGroupOf(socketId);
  return [LIVE_ROOM, ...roomsOf(user)].map((name) => room(group, name));
}

/** Sends `events` (in seq order) to every socket of the group. */
function pushTo(live: Namespace, group: Group, events: Event[]): void {
  const all = room(group, LIVE_ROOM);
  if (group === "single") {
    for (const event of events) {
      const rooms = privateRooms(event);
      if (rooms.length === 0) live.to(all).emit("event", event);
      else {
        live.to(rooms).emit("event", event);
        live.to(all).except(rooms).emit("event", withoutPrivate(event));
      }
    }
    return;
  }
  // An event with private fields goes whole to the rooms that may see them and without them to the
  // rest, so it ends the current array: each socket still gets every seq once and in order.
  let run: Event[] = [];
  const flush = () => {
    if (run.length > 0) live.to(all).emit("events", run);
    run = [];
  };
  for (const event of events) {
    const rooms = privateRooms(event).map((name) => room(group, name));
    if (rooms.length === 0) {
      run.push(event);
      continue;
    }
    flush();
    live.to(rooms).emit("events", [event]);
    live.to(all).except(rooms).emit("events", [withoutPrivate(event)]);
  }
  flush();
}

/** Takes this process's commits in seq order (`add`, called inside the write lock) and sends them. */
export class Fanout {
  /** Events some group still needs; `base` is the position of pending[0] in everything added. */
  private pending: Event[] = [];
  private base = 0;
  /** Per group (GROUPS order): the position of the first event it has not been sent. */
  private readonly sent = GROUPS.map(() => 0);
  private turn = 0;
  private scheduled = false;
  private closed = false;
  /** Resolved once nothing is pending (drain()). */
  private drained: (() => void)[] = [];

  /**
   * `localOnly`: no adapter reaches other processes (no Redis), so a group without a socket of its own
   * here has nobody to send to and is skipped unencoded (a first start's seed is ~1,300 events, ~0.5 s
   * of encoding for nobody).
   */
  constructor(private readonly live: Namespace, private readonly options: { localOnly: boolean } = { localOnly: false }) {}

  private empty(group: Group): boolean {
    return this.options.localOnly && !this.live.adapter.rooms.get(room(group, LIVE_ROOM))?.size;
  }

  add(events: Event[]): void {
    this.pending.push(...events);
    this.schedule();
  }

  /** Stops sending: whatever is still pending is dropped (clients resume it from the log). */
  close(): void {
    this.closed = true;
    this.settle();
  }

  /** Resolves once nothing is pending: every event added so far, and any added meanwhile, has gone to every group. */
  drain(): Promise<void> {
    if (this.closed || this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  private settle(): void {
    if (this.drained.length === 0 || (!this.closed && this.pending.length > 0)) return;
    for (const resolve of this.drained.splice(0)) resolve();
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(this.step);
  }

  /** How many of this process's events some group has yet to be sent (0 when the fan-out keeps up). */
  get behind(): number {
    return this.pending.length;
  }

  /** Writes the next group that is behind, round robin, then yields to the event loop. */
  private readonly step = (): void => {
    this.scheduled = false;
    if (this.closed) return;
    const end = this.base + this.pending.length;
    for (let i = 0; i < GROUPS.length; i++) {
      const g = (this.turn + i) % GROUPS.length;
      if (this.sent[g]! < end) {
        // Nobody to write to costs no turn: on to the next group.
        if (this.empty(GROUPS[g]!)) {
          this.sent[g] = end;
          continue;
        }
        try {
          pushTo(this.live, GROUPS[g]!, this.pending.slice(this.sent[g]! - this.base));
        } catch (error) {
          // Counted as sent all the same: the log is the truth, and a client that missed a push
          // resumes over the gap (or after idleResumeMs). Retrying could fail forever.
          log.error({ err: error }, "live push failed");
        }
        this.sent[g] = end;
        this.turn = g + 1;
        break;
      }
    }
    const done = Math.min(...this.sent);
    this.pending.splice(0, done - this.base);
    this.base = done;
    if (done < end) this.schedule();
    else this.settle();
  };
}
