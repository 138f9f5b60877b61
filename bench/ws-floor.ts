/**
 * The floor for `npm run bench:realtime`: the least a server can do to push a change to N sockets —
 * a plain `ws` server, no auth, no store, no Socket.IO framing. `POST /broadcast` with an event's JSON
 * sends those bytes, encoded once, to every open socket. Compared with Siaga's REST → commit →
 * /live push, the difference is what Siaga's stack costs.
 *
 *   PORT=0 node --import tsx bench/ws-floor.ts   → prints `listening on http://127.0.0.1:<port>`
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";

const http = createServer((req, res) => {
  if (req.method === "POST" && req.url === "/broadcast") {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const payload = Buffer.concat(chunks);
      let sent = 0;
      for (const client of wss.clients) {
        if (client.readyState === client.OPEN) {
          client.send(payload, { binary: false });
          sent++;
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ sent }));
    });
    return;
  }
  if (req.url === "/health") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, clients: wss.clients.size }));
    return;
  }
  res.writeHead(404).end();
});
const wss = new WebSocketServer({ server: http, perMessageDeflate: false });

http.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`[ws-floor] listening on http://127.0.0.1:${(http.address() as AddressInfo).port}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const c of wss.clients) c.terminate();
    http.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1_000).unref();
  });
}
