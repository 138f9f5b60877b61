/**
 * Serves the Brotli or gzip twin (`file.js.br`, `file.js.gz`, written by `vite build`, scripts/pwa.ts) of a
 * hashed script or stylesheet under /assets, whichever the browser accepts (Brotli first): a phone on a
 * weak link loads a third of the bytes, or less. No compression at request time, no package: the files
 * never change once built.
 */
import type { RequestHandler } from "express";
import { existsSync } from "node:fs";
import { join, normalize } from "node:path";

/** The twins, best first: the file's suffix and its Content-Encoding. */
const TWINS = [{ suffix: ".br", encoding: "br" }, { suffix: ".gz", encoding: "gzip" }] as const;

/** Whether an Accept-Encoding header takes `coding` (named, or `*`, with a q above 0). */
export function acceptsEncoding(header: string | undefined, coding: string): boolean {
  let star = false;
  for (const part of (header ?? "").toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";").map((s) => s.trim());
    const q = params.find((p) => p.startsWith("q="));
    const ok = q === undefined || Number(q.slice(2)) > 0;
    if (name === coding) return ok;
    if (name === "*") star = ok;
  }
  return star;
}

export function precompressed(clientDir: string): RequestHandler {
  const root = normalize(clientDir);
  return (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !/^\/assets\/[\w.-]+\.(js|css)$/.test(req.path)) return next();
    const accept = req.get("accept-encoding");
    for (const twin of TWINS) {
      if (!acceptsEncoding(accept, twin.encoding)) continue;
      const file = normalize(join(root, `${req.path}${twin.suffix}`));
      if (!file.startsWith(root) || !existsSync(file)) continue;
      res.set("Content-Encoding", twin.encoding);
      res.append("Vary", "Accept-Encoding");
      res.type(req.path.endsWith(".css") ? "text/css" : "text/javascript");
      res.sendFile(file, { maxAge: "1y", immutable: true });
      return;
    }
    next();
  };
}
