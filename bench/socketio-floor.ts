/**
 * The Socket.IO floor for `npm run bench:realtime`: a bare Socket.IO server that does what a live feed
 * must do at the least — make each change durable (append + fsync) and broadcast it — with no auth, no
 * store, no schema, no rooms per role. Siaga's /live next to it shows what Siaga adds on top of the
 * transport it is built on; the `ws` floor (bench/ws-floor.ts) shows what Socket.IO itself costs.
 *
 * Changes arrive in order on one control WebSocket (`/control`), as for the ws floor (separate POSTs
 * could overtake each other, and these events carry Siaga's seqs); each is appended to a file in
 * FLOOR_DIR and fsynced before the broadcast, as a commit would be. Clients use
 * Siaga's handshake: `resume` is acked `{ok: true, events: []}` and joins the socket to the broadcast.
 *   - FLOOR_FORM=batch (default): each change goes out as a one-element `events` array (what sockets
 *     that resumed with `batch: true` take); FLOOR_FORM=single: as one `event`.
 *
 *   PORT=0 FLOOR_DIR=/tmp/x node --import tsx bench/socketio-floor.ts   → `listening on http://127.0.0.1:<port>`
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Server } from "socket.io";
import { WebSocketServer } from "ws";

const batch = (process.env.FLOOR_FORM ?? "batch") === "batch";
const own = !process.env.FLOOR_DIR;
const dir = process.env.FLOOR_DIR ?? mkdtempSync(join(tmpdir(), "siaga-sio-floor-"));
const log = openSync(join(dir, "changes.jsonl"), "a");

function change(text: string) {
  writeSync(log, `${text}\n`);
  fsyncSync(log); // durable before anyone hears of it, as Siaga's COMMIT (synchronous=FULL) is
  const event = JSON.parse(text) as unknown;
  live.to("live").emit(batch ? "events" : "event", batch ? [event] : event);
}

const http = createServer((req, res) => {
  if (req.url === "/health") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, clients: live.sockets.size, form: batch ? "batch" : "single" }));
    return;
  }
  res.writeHead(404).end();
});
// destroyUpgrade: false leaves the /control upgrade to the control server below.
const io = new Server(http, { transports: ["websocket"], serveClient: false, perMessageDeflate: false, destroyUpgrade: false });
const control = new WebSocketServer({ noServer: true, perMessageDeflate: false });
http.on("upgrade", (req, socket, head) => {
  if (req.url === "/control") control.handleUpgrade(req, socket, head, (ws) => ws.on("message", (data) => change(data.toString())));
});
const live = io.of("/live");
live.on("connection", (socket) => {
  socket.on("resume", (_body: unknown, ack: (answer: unknown) => void) => {
    void socket.join("live");
    ack({ ok: true, events: [] });
  });
});

http.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`[socketio-floor] listening on http://127.0.0.1:${(http.address() as AddressInfo).port} (${batch ? "batch" : "single"})`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    closeSync(log);
    if (own) rmSync(dir, { recursive: true, force: true });
    io.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1_000).unref();
  });
}
