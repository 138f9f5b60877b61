/**
 * The live feed over Socket.IO namespace /live: connects with the token, resumes from the last applied
 * seq on every (re)connect, applies pushed events strictly in seq order and re-resumes on a gap. A seq
 * means something only within the store's epoch: when a resume ack names another epoch than the state's
 * (the store was restored or reset), the state is thrown away and a fresh snapshot taken. Works in the
 * browser and in Node (no DOM), so tests drive it with a real socket.io-client.
 */
import type { ManagerOptions, Socket, SocketOptions } from "socket.io-client";
import { Event } from "../../shared/domain.js";
import { PROTOCOL_VERSION, type ClientToServerEvents, type ResumeAck, type ServerToClientEvents } from "../../shared/protocol.js";
import { MAX_REPLAY } from "../../shared/rules.js";
import { parseSnapshotSliced } from "./parse.js";
import { LiveStore, type LiveState } from "./store.js";

export type ConnectionState = "live" | "reconnecting" | "offline";

export interface LiveStatus {
  conn: ConnectionState;
  /** When `conn` last changed to live, or when the feed stopped being live (ms since epoch). */
  since: number;
  /** When the state last changed (client clock, ms since epoch); null before the first snapshot. */
  lastUpdate: number | null;
  /** Seq of the last applied event. */
  seq: number | null;
  /** Set when the server refused the token: the user has to log in again. */
  authError: boolean;
}

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type IoFactory = (uri: string, opts: Partial<ManagerOptions & SocketOptions>) => LiveSocket;

export interface LiveClientOptions {
  /** Origin of the server, e.g. `http://localhost:3000`; the namespace `/live` is appended. */
  origin: string;
  /** Read on every (re)connect so a refreshed token is used. */
  getToken: () => string | null;
  /** Called once when the server refuses the token. */
  onAuthError?: () => void;
  /** Stays `reconnecting` this long after losing the feed, then shows `offline` (still retrying). */
  offlineAfterMs?: number;
  /** Listeners are called at most once per this many ms (bursts of events render once). */
  notifyMs?: number;
  /** How long a resume may wait for its ack before it is sent again. */
  resumeTimeoutMs?: number;
  /**
   * An ack with at least this many events may be a truncated page: resume again to be sure. The server
   * replays up to MAX_REPLAY events and answers with a snapshot beyond that (shared/rules.ts).
   */
  resumePage?: number;
  /** Wait before reconnecting by hand, when Socket.IO will not (server-side disconnect, refused handshake). */
  retryMs?: number;
  /**
   * How long a gap may stay open before a resume is asked. With several server processes, pushes of
   * neighbouring seqs cross in flight often; the missing one usually arrives within milliseconds, and
   * 1,000 screens resuming at once for nothing would each read the log.
   */
  gapWaitMs?: number;
  /**
   * While live and nothing arrives for this long, resume anyway: a push lost in transit (a Redis
   * restart) would otherwise go unnoticed until the next change, however long that takes.
   */
  idleResumeMs?: number;
  /**
   * A first snapshot body (GET /api/state, client/live/http-snapshot.ts), or null when there is none: applied
   * before the socket opens, which then resumes from its seq. On a weak link the staff phone's data comes
   * in one request started with the page, not after the socket's handshake and resume (issue 14).
   */
  initial?: Promise<unknown>;
  /** How long the socket waits for `initial` before it opens anyway (its own snapshot then comes first). */
  initialWaitMs?: number;
  now?: () => number;
  /** The Socket.IO client; by default socket.io-client, loaded when the socket first opens (not with the page). */
  io?: IoFactory;
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  onError?: (message: string) => void;
}

/** Live state of the server for one token: subscribe, read `getState()` and `getStatus()`. */
export class LiveClient {
  private readonly store: LiveStore;
  private socket: LiveSocket | null = null;
  private readonly listeners = new Set<() => void>();
  private status: LiveStatus;
  /** One resume at a time: a gap seen meanwhile is re-checked when its ack has been applied. */
  private resuming = false;
  /** Identifies the resume in flight; an ack of an older one (before a reconnect) is ignored. */
  private resumeId = 0;
  private offlineTimer: ReturnType<typeof setTimeout> | null = null;
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private lastNotify = 0;
  private stopped = true;
  /** Counts start() calls: what an earlier one was still waiting for is dropped after a stop and a new start. */
  private runs = 0;
  private readonly now: () => number;
  private readonly opts: Required<Pick<LiveClientOptions, "offlineAfterMs" | "notifyMs" | "resumeTimeoutMs" | "resumePage" | "retryMs" | "gapWaitMs" | "idleResumeMs" | "initialWaitMs">>;

  constructor(private readonly options: LiveClientOptions) {
    this.now = options.now ?? Date.now;
    this.opts = {
      offlineAfterMs: options.offlineAfterMs ?? 10_000,
      notifyMs: options.notifyMs ?? 100,
      resumeTimeoutMs: options.resumeTimeoutMs ?? 15_000,
      resumePage: options.resumePage ?? MAX_REPLAY,
      retryMs: options.retryMs ?? 1_000,
      gapWaitMs: options.gapWaitMs ?? 150,
      idleResumeMs: options.idleResumeMs ?? 30_000,
      initialWaitMs: options.initialWaitMs ?? 10_000,
    };
    this.store = new LiveStore({
      onInvalid: (event, message) => options.onError?.(`event ${event.seq} (${event.type}) does not match the schema: ${message}`),
    });
    this.status = { conn: "offline", since: this.now(), lastUpdate: null, seq: null, authError: false };
  }

  /** Opens the socket (after the `initial` snapshot, when one is given); safe to call once. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const run = ++this.runs;
    const { initial, io } = this.options;
    if (!initial && io) return this.open(io);
    this.setConn("reconnecting");
    void (async () => {
      if (initial) await this.applyInitial(initial, run);
      const factory = io ?? (await loadIo().catch((err: unknown) => {
        this.options.onError?.(`socket.io-client did not load: ${err instanceof Error ? err.message : String(err)}`);
        return null;
      }));
      if (factory && run === this.runs && !this.stopped) this.open(factory);
    })();
  }

  /** Applies a snapshot fetched over HTTP, if it comes within `initialWaitMs` and no other came first. */
  private async applyInitial(initial: Promise<unknown>, run: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), this.opts.initialWaitMs); });
    const raw = await Promise.race([initial.catch(() => null), late]);
    clearTimeout(timer);
    if (!raw || typeof raw !== "object") return;
    const { seq, epoch } = raw as { seq?: unknown; epoch?: unknown };
    if (typeof seq !== "number" || !Number.isInteger(seq) || seq < 0) {
      this.options.onError?.("snapshot without a valid seq");
      return;
    }
    const snapshot = await parseSnapshotSliced(raw, seq, (name, index, message) =>
      this.options.onError?.(`snapshot ${name}[${index}] does not match the schema: ${message}`));
    if (run !== this.runs || this.stopped || (this.store.seq !== null && !this.store.needsSnapshot)) return;
    this.store.applySnapshot(snapshot, seq, typeof epoch === "string" ? epoch : null);
    this.changed();
  }

  private open(factory: IoFactory): void {
    const socket = factory(this.options.origin.replace(/\/$/, "") + "/live", {
      auth: (cb: (data: object) => void) => cb({ token: this.options.getToken() ?? "" }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      // WebSocket first: polling-then-upgrade costs four more round trips before the first resume (0.4 s
      // each on a weak link). Where a proxy blocks WebSocket, the next transport (polling) is tried.
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      ...this.options.socketOptions,
    });
    this.socket = socket;
    this.setConn("reconnecting");

    socket.on("connect", () => {
      this.resuming = false; // an ack of the previous connection will never come
      this.resumeId++;
      // Events buffered from the previous connection come again in the resume, if they are still
      // real: the server may now hold another epoch, whose seqs they must not fill.
      this.store.dropBuffered();
      this.resume();
    });
    socket.on("disconnect", (reason) => {
      this.resuming = false;
      this.resumeId++;
      this.setConn("reconnecting");
      // The server dropped us on purpose (e.g. while shutting down): Socket.IO does not retry by itself.
      if (reason === "io server disconnect" && !this.stopped) this.retryLater();
    });
    socket.on("connect_error", (err: Error & { data?: unknown }) => {
      if (socket.active) return; // a transport failure: the manager retries with backoff
      // Refused by the server's middleware: retrying the same token is pointless if it is the token.
      if (isAuthError(err)) {
        this.status = { ...this.status, authError: true };
        this.setConn("offline", true);
        this.options.onAuthError?.();
        return;
      }
      this.options.onError?.(`live connection refused: ${err.message}`);
      this.retryLater();
    });
    // The client resumes with `batch: true`, so the server sends `events`; `event` is kept for a
    // server that predates batching.
    socket.on("events", (raw) => this.onPushed(Array.isArray(raw) ? raw : [raw]));
    socket.on("event", (raw) => this.onPushed([raw]));
  }

  /** Closes the socket and timers; the state stays readable. */
  stop(): void {
    this.stopped = true;
    for (const t of [this.offlineTimer, this.notifyTimer, this.retryTimer, this.gapTimer, this.idleTimer]) if (t) clearTimeout(t);
    this.offlineTimer = this.notifyTimer = this.retryTimer = this.gapTimer = this.idleTimer = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    if (this.status.conn !== "offline") this.status = { ...this.status, conn: "offline", since: this.now() };
    this.flush(); // now, and no timer left behind
  }

  // Bound once, so `useSyncExternalStore(client.subscribe, client.getState)` keeps stable arguments.
  /** The current immutable state; null before the first snapshot. */
  readonly getState = (): LiveState | null => this.store.getState();

  readonly getStatus = (): LiveStatus => this.status;

  /** Calls `listener` after state or status changes (throttled); returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private onPushed(raws: unknown[]): void {
    const events: Event[] = [];
    for (const raw of raws) {
      const parsed = Event.safeParse(raw);
      if (parsed.success) events.push(parsed.data);
      else this.options.onError?.(`pushed event does not match the schema: ${parsed.error.message}`);
    }
    // Before the first snapshot every event waits in the buffer; the resume in flight fills the rest.
    // A dropped (invalid) event leaves a gap, which a resume fills from the log.
    const result = this.store.offer(events);
    if (result.applied > 0) this.changed();
    if (result.gap && this.store.seq !== null) this.resumeIfGapStays();
    this.armIdleResume();
  }

  private resumeIfGapStays(): void {
    if (this.opts.gapWaitMs <= 0) return this.resume();
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.store.hasGap) this.resume();
    }, this.opts.gapWaitMs);
  }

  private armIdleResume(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.stopped || this.opts.idleResumeMs <= 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.status.conn === "live") this.resume();
      this.armIdleResume();
    }, this.opts.idleResumeMs);
  }

  /** Asks for everything after the last applied seq; one request at a time, repeated while behind. */
  private resume(): void {
    const socket = this.socket;
    if (!socket || !socket.connected) return;
    if (this.resuming) return;
    this.resuming = true;
    const id = ++this.resumeId;
    const since = this.store.needsSnapshot ? null : this.store.seq;
    socket.timeout(this.opts.resumeTimeoutMs).emit("resume", { since, batch: true, protocolVersion: PROTOCOL_VERSION }, (err: Error | null, ack: ResumeAck) => {
      void this.onResumeAck(socket, id, err, ack);
    });
  }

  private async onResumeAck(socket: LiveSocket, id: number, err: Error | null, ack: ResumeAck): Promise<void> {
    const current = () => socket === this.socket && id === this.resumeId;
    if (!current()) return; // superseded by a reconnect
    if (err) {
      this.resuming = false;
      this.options.onError?.("resume timed out");
      this.resume();
      return;
    }
    if (!ack || ack.ok !== true) {
      this.resuming = false;
      this.options.onError?.(`resume refused: ${ack && !ack.ok ? ack.error.message : "no ack"}`);
      if (ack && !ack.ok && ack.error.code === "unauthenticated") {
        this.status = { ...this.status, authError: true };
        this.setConn("offline", true);
        this.options.onAuthError?.();
        return;
      }
      this.retryLater();
      return;
    }
    let again = false;
    // A server that names no epoch cannot be checked; otherwise the state must come from this one.
    const epoch = typeof ack.epoch === "string" ? ack.epoch : null;
    if (!("snapshot" in ack) && epoch !== null && epoch !== this.store.epoch) {
      // The store was restored or reset: these events continue another history than the state's.
      this.resuming = false;
      this.store.reset();
      this.changed();
      this.resume(); // since: null, a fresh snapshot
      return;
    }
    if ("snapshot" in ack) {
      if (typeof ack.seq !== "number" || !Number.isInteger(ack.seq) || ack.seq < 0) {
        this.resuming = false;
        this.options.onError?.("snapshot without a valid seq");
        this.retryLater();
        return;
      }
      // Events pushed meanwhile wait in the store's buffer; `resuming` stays set so no second resume starts.
      const snapshot = await parseSnapshotSliced(ack.snapshot, ack.seq, (name, index, message) =>
        this.options.onError?.(`snapshot ${name}[${index}] does not match the schema: ${message}`));
      if (!current()) return;
      this.store.applySnapshot(snapshot, ack.seq, epoch);
      this.changed();
    } else {
      const events: Event[] = [];
      for (const raw of ack.events ?? []) {
        const ev = Event.safeParse(raw);
        if (ev.success) events.push(ev.data);
        else this.options.onError?.(`resumed event does not match the schema: ${ev.error.message}`);
      }
      const result = this.store.offer(events);
      if (result.applied > 0) this.changed();
      if (events.length >= this.opts.resumePage) again = true;
    }
    this.resuming = false;
    this.setConn("live");
    this.armIdleResume();
    if (again || this.store.hasGap || this.store.needsSnapshot) this.resume();
  }

  private retryLater(): void {
    if (this.retryTimer || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.stopped || !this.socket) return;
      if (this.socket.connected) this.resume();
      else this.socket.connect();
    }, this.opts.retryMs);
  }

  private setConn(conn: ConnectionState, force = false): void {
    const prev = this.status.conn;
    if (prev === conn && !force) return;
    const now = this.now();
    // "since" of reconnecting/offline is when the feed was lost, so a screen shows how long it has been.
    const since = conn === "live" || prev === "live" ? now : this.status.since;
    this.status = { ...this.status, conn, since };
    if (this.offlineTimer) {
      clearTimeout(this.offlineTimer);
      this.offlineTimer = null;
    }
    if (conn === "reconnecting") {
      this.offlineTimer = setTimeout(() => {
        this.offlineTimer = null;
        if (this.status.conn === "reconnecting") this.setConn("offline");
      }, this.opts.offlineAfterMs);
    }
    this.schedule();
  }

  private changed(): void {
    this.status = { ...this.status, lastUpdate: this.now(), seq: this.store.seq };
    this.schedule();
  }

  private schedule(): void {
    if (this.notifyTimer) return;
    const wait = Math.max(0, this.lastNotify + this.opts.notifyMs - this.now());
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = null;
      this.flush();
    }, wait);
  }

  private flush(): void {
    this.lastNotify = this.now();
    for (const listener of [...this.listeners]) listener();
  }
}

/** socket.io-client, in its own chunk: a staff phone on a weak link paints its assignment first. */
const loadIo = async (): Promise<IoFactory> => (await import("socket.io-client")).io as unknown as IoFactory;

function isAuthError(err: Error & { data?: unknown }): boolean {
  const data = err.data as { code?: string; error?: { code?: string } } | undefined;
  const code = data?.code ?? data?.error?.code;
  if (code) return code === "unauthenticated";
  return /unauth|token|401/i.test(err.message);
}
