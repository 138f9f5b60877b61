/**
 * Serves the gzipped twin (`file.js.gz`, written by `vite build`, scripts/pwa.ts) of a hashed script or
 * stylesheet under /assets when the browser accepts gzip: a phone on a weak link loads a third of the bytes.
 * No compression at request time, no package: the files never change once built.
 */
import type { RequestHandler } from "express";
import { existsSync } from "node:fs";
import { join, normalize } from "node:path";

export function precompressed(clientDir: string): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !/^\/assets\/[\w.-]+\.(js|css)$/.test(req.path)) return next();
    if (!/\bgzip\b/.test(req.get("accept-encoding") ?? "")) return next();
    const file = normalize(join(clientDir, `${req.path}.gz`));
    if (!file.startsWith(normalize(clientDir)) || !existsSync(file)) return next();
    res.set("Content-Encoding", "gzip");
    res.append("Vary", "Accept-Encoding");
    res.type(req.path.endsWith(".css") ? "text/css" : "text/javascript");
    res.sendFile(file, { maxAge: "1y", immutable: true });
  };
}
