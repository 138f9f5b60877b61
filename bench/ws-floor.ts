/**
 * The floor for `npm run bench:realtime`: the least a server can do to push changes to N sockets — a
 * plain `ws` server, no auth, no store, no Socket.IO framing, the same fan-out rule as Siaga's. Compared
 * with Siaga's REST → commit → /live push, the difference is what Siaga's stack costs.
 *
 * The bench sends each change's JSON on one control WebSocket (`/control`), in order, on its schedule.
 *   - FLOOR_FORM=single: each change goes to every client as its own frame, as it comes.
 *   - FLOOR_FORM=batch (default): Siaga's rule (server/realtime/push.ts). Clients are spread over
 *     BATCH_GROUPS groups; one group is written per event-loop turn, with everything it has not had yet
 *     as one JSON array.
 *
 *   PORT=0 node --import tsx bench/ws-floor.ts   → prints `listening on http://127.0.0.1:<port>`
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import { BATCH_GROUPS } from "../server/realtime/push.js";

const batch = (process.env.FLOOR_FORM ?? "batch") === "batch";

const groups: Set<WebSocket>[] = Array.from({ length: batch ? BATCH_GROUPS : 1 }, () => new Set());
let joined = 0;

// Siaga's Fanout without Socket.IO: per group, how far into the changes it has been sent.
let pending: string[] = [];
let base = 0;
const sent = groups.map(() => 0);
let turn = 0;
let scheduled = false;

/** Encoded once, written to each client. */
function send(group: Set<WebSocket>, json: string) {
  const data = Buffer.from(json);
  for (const client of group) if (client.readyState === WebSocket.OPEN) client.send(data, { binary: false });
}

function step() {
  scheduled = false;
  const end = base + pending.length;
  for (let i = 0; i < groups.length; i++) {
    const g = (turn + i) % groups.length;
    if (sent[g]! < end) {
      send(groups[g]!, `[${pending.slice(sent[g]! - base).join(",")}]`);
      sent[g] = end;
      turn = g + 1;
      break;
    }
  }
  const done = Math.min(...sent);
  pending = pending.slice(done - base);
  base = done;
  if (done < end) schedule();
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  setImmediate(step);
}

function change(json: string) {
  if (!batch) return send(groups[0]!, json);
  pending.push(json);
  schedule();
}

const http = createServer((req, res) => {
  if (req.url === "/health") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, clients: clients.clients.size, form: batch ? "batch" : "single" }));
    return;
  }
  res.writeHead(404).end();
});
const clients = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const control = new WebSocketServer({ noServer: true, perMessageDeflate: false });
http.on("upgrade", (req, socket, head) => {
  const wss = req.url === "/control" ? control : clients;
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
});
clients.on("connection", (ws) => {
  const group = groups[joined++ % groups.length]!;
  group.add(ws);
  ws.on("close", () => group.delete(ws));
});
control.on("connection", (ws) => ws.on("message", (data) => change(data.toString())));

http.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`[ws-floor] listening on http://127.0.0.1:${(http.address() as AddressInfo).port} (${batch ? "batch" : "single"})`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const c of clients.clients) c.terminate();
    http.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1_000).unref();
  });
}
