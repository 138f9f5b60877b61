/**
 * A large JSON answer compressed for the client that takes it (Brotli, else gzip; no package): a staff
 * phone's snapshot (GET /api/state) is 13 KB of JSON and 3 KB on the wire, a quarter second on a 400 kbps
 * link (issue 14). Small answers go as they are. Off the event loop (zlib's thread pool), at a quick level:
 * the whole city's snapshot is megabytes at province scale.
 */
import type { Request, Response } from "express";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { acceptsEncoding } from "./precompressed.js";

const MIN_BYTES = 1024;
const br = promisify(brotliCompress);
const gz = promisify(gzip);

export async function sendJson(req: Request, res: Response, body: unknown): Promise<void> {
  const json = Buffer.from(JSON.stringify(body), "utf8");
  res.type("json");
  res.append("Vary", "Accept-Encoding");
  const accept = req.get("accept-encoding");
  if (json.length >= MIN_BYTES && acceptsEncoding(accept, "br")) {
    res.set("Content-Encoding", "br");
    res.send(await br(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } }));
  } else if (json.length >= MIN_BYTES && acceptsEncoding(accept, "gzip")) {
    res.set("Content-Encoding", "gzip");
    res.send(await gz(json, { level: 6 }));
  } else {
    res.send(json);
  }
}
