/**
 * Security headers on every answer (helmet; issue 16, item 12). The CSP fits what is served: the built
 * dashboard (scripts and styles from 'self' only; Leaflet sets inline styles on its panes and markers,
 * hence style-src 'unsafe-inline'), the OSM tiles and data: icons as images, the live feed over the
 * same origin, and the server-rendered pages (/verify/:code, /api/docs) that carry no inline script.
 * Nothing may frame the app (frame-ancestors 'none').
 */
import type { RequestHandler } from "express";
import helmet from "helmet";

export const TILE_ORIGIN = "https://tile.openstreetmap.org";

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:", TILE_ORIGIN],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
      },
    },
    // The map's tiles come from another origin without CORP headers.
    crossOriginEmbedderPolicy: false,
    // HSTS belongs to the TLS proxy in front (README "Running it for real"), not to a plain-HTTP server.
    strictTransportSecurity: false,
  });
}

/** /api answers carry phone numbers and tokens: no cache, shared or private, may keep them. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set("Cache-Control", "no-store");
  next();
};
