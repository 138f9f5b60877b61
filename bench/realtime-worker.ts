/**
 * One client process of `npm run bench:realtime` (forked by bench/realtime.ts with `--import tsx`).
 * Opens `count` connections — socket.io-client to Siaga's /live, or plain `ws` to the floor server —
 * and records, per connection and per seq, when the event arrived (performance.timeOrigin +
 * performance.now(), the same wall clock the orchestrator stamps its sends with).
 *
 * IPC: parent sends {type:"start", ...Start}; worker answers {type:"ready", ...}; parent sends
 * {type:"progress", seqs} (how many arrivals are still missing) and {type:"report"} (everything);
 * finally {type:"stop"}.
 */
import { io, type Socket } from "socket.io-client";
import WebSocket from "ws";
import type { Report, Start, WorkerMessage } from "./realtime/protocol.js";

const now = () => performance.timeOrigin + performance.now();

interface Conn {
  close(): void;
}

let conns: Conn[] = [];
/** seq → arrival time per connection (NaN = not received). */
const times = new Map<number, Float64Array>();
/** seq → the event's identity (`<entity id>@<version>`), so the parent can match it to its send. */
const keys = new Map<number, string>();
let count = 0;
let reordered = 0;
let duplicates = 0;
let disconnects = 0;
let maxSeq: Int32Array = new Int32Array(0);

function send(msg: WorkerMessage) {
  process.send!(msg);
}

/** Called for every event on every connection: as little work as possible before the timestamp. */
function received(i: number, seq: number, data: { id?: string; version?: number } | undefined) {
  const t = now();
  if (seq <= 0) return; // the floor's warm-up broadcasts
  let row = times.get(seq);
  if (!row) {
    row = new Float64Array(count).fill(NaN);
    times.set(seq, row);
    keys.set(seq, `${data?.id}@${data?.version}`);
  }
  if (!Number.isNaN(row[i]!)) {
    duplicates++;
    return;
  }
  row[i] = t;
  if (seq < maxSeq[i]!) reordered++;
  else maxSeq[i] = seq;
}

function openSiaga(start: Start, i: number): Promise<Conn> {
  return new Promise((resolve, reject) => {
    // forceNew: one Manager, hence one TCP connection, per socket (the default would multiplex them all).
    const socket: Socket = io(start.url + "/live", {
      auth: { token: start.token }, transports: ["websocket"], forceNew: true, reconnection: false, timeout: 60_000,
    });
    type Pushed = { seq: number; data?: { id?: string; version?: number } };
    socket.on("event", (e: Pushed) => received(i, e.seq, e.data));
    socket.on("events", (list: Pushed[]) => {
      for (const e of list) received(i, e.seq, e.data);
    });
    socket.once("connect_error", (err) => reject(err));
    socket.once("connect", () => {
      socket.timeout(60_000).emit("resume", { since: start.since, batch: start.batch }, (err: Error | null, ack: { ok: boolean; events?: { seq: number; data?: { id?: string; version?: number } }[] }) => {
        if (err || !ack?.ok) return reject(err ?? new Error(`resume refused: ${JSON.stringify(ack)}`));
        for (const e of ack.events ?? []) received(i, e.seq, e.data);
        socket.on("disconnect", () => disconnects++);
        resolve({ close: () => socket.disconnect() });
      });
    });
  });
}

function openFloor(start: Start, i: number): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(start.url);
    ws.on("message", (raw) => {
      type Pushed = { seq: number; data?: { id?: string; version?: number } };
      const msg = JSON.parse(raw.toString()) as Pushed | Pushed[];
      for (const e of Array.isArray(msg) ? msg : [msg]) received(i, e.seq, e.data);
    });
    ws.once("error", reject);
    ws.once("open", () => {
      ws.on("close", () => disconnects++);
      resolve({ close: () => ws.terminate() });
    });
  });
}

async function start(msg: Start) {
  count = msg.count;
  maxSeq = new Int32Array(count);
  const t0 = now();
  const open = msg.mode === "siaga" ? openSiaga : openFloor;
  let failed = 0;
  let firstError = "";
  // Ramp: at most `concurrency` handshakes in flight, as screens coming online would.
  let next = 0;
  const slots = Array.from({ length: Math.min(msg.concurrency, count) }, async () => {
    while (next < count) {
      const i = next++;
      try {
        conns[i] = await open(msg, i);
      } catch (error) {
        failed++;
        firstError ||= String((error as Error).message ?? error);
      }
    }
  });
  await Promise.all(slots);
  send({ type: "ready", connected: count - failed, failed, firstError, connectMs: now() - t0 });
}

function report(): Report {
  const perSeq: Report["perSeq"] = [];
  for (const [seq, row] of times) perSeq.push({ seq, key: keys.get(seq)!, times: row });
  return { count, reordered, duplicates, disconnects, perSeq };
}

function missing(seqs: number[]): number {
  let n = 0;
  for (const seq of seqs) {
    const row = times.get(seq);
    if (!row) n += count;
    else for (const t of row) if (Number.isNaN(t)) n++;
  }
  return n;
}

process.on("message", (msg: { type: string } & Partial<Start>) => {
  if (msg.type === "start") void start(msg as Start).catch((e) => { console.error(e); process.exit(1); });
  else if (msg.type === "report") send({ type: "report", ...report() });
  else if (msg.type === "progress") send({ type: "progress", missing: missing((msg as unknown as { seqs: number[] }).seqs) });
  else if (msg.type === "stop") {
    for (const c of conns) c?.close();
    conns = [];
    setTimeout(() => process.exit(0), 100);
  }
});
process.on("disconnect", () => process.exit(0));
