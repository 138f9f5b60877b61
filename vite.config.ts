/**
 * Builds the dashboard (client/) into dist/client, which the server serves with an SPA fallback.
 * In `vite dev`, /api and /socket.io go to the server on :3000 (or SIAGA_API).
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { preloadApp } from "./scripts/preload-app.js";
import { pwa } from "./scripts/pwa.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const api = process.env.SIAGA_API ?? "http://localhost:3000";

/**
 * Imports `.geojson` as a module, trimmed to what the map uses: positions rounded to 5 decimals
 * (about 1 m, well under the boundaries' own precision) and only the properties the UI reads.
 * The boundaries ship inside the bundle so the map works with no internet.
 */
function geojson(): Plugin {
  const keep = ["kode", "nama", "kode_kec", "kecamatan", "centroid_lat", "centroid_lng"];
  const round = (v: unknown): unknown =>
    typeof v === "number" ? Math.round(v * 1e5) / 1e5 : Array.isArray(v) ? v.map(round) : v;
  return {
    name: "siaga-geojson",
    async load(id) {
      if (!id.endsWith(".geojson")) return null;
      const data = JSON.parse(await readFile(id, "utf8")) as {
        features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[];
      };
      const features = data.features.map((f) => ({
        type: "Feature",
        properties: Object.fromEntries(keep.filter((k) => k in f.properties).map((k) => [k, f.properties[k]])),
        geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
      }));
      return {
        code: `export default JSON.parse(${JSON.stringify(JSON.stringify({ type: "FeatureCollection", features }))});`,
        moduleType: "js",
      };
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL("./client", import.meta.url)),
  publicDir: false,
  plugins: [react(), geojson(), pwa(), preloadApp()],
  build: {
    outDir: `${here}dist/client`,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The app (client/root.tsx) and all it imports in one chunk, not six: on a weak link each
          // answer costs about 1 KB of headers and a slot of the browser's six connections. Except what
          // the page's first script runs before it (client/boot/early.ts): that must not wait for the app.
          groups: [
            { name: "boot", test: /preload-helper|rolldown[\\/]runtime|[\\/]client[\\/](boot[\\/]|pages\.ts$|app[\\/](routes|kept)\.ts$|i18n[\\/](saved|format)\.ts$|live[\\/]http-snapshot\.ts$)/, includeDependenciesRecursively: false, priority: 3 },
            { name: "app", test: /[\\/]client[\\/]root\.tsx$/, includeDependenciesRecursively: true, priority: 2 },
            // The live layer (client, store, the shared schemas, zod, Socket.IO), loaded after a staff phone's
            // first paint and with every other view: one answer, not nine.
            { name: "live", test: /[\\/]client[\\/]live[\\/]index\.ts$|[\\/]node_modules[\\/]socket\.io-client[\\/]/, includeDependenciesRecursively: true, priority: 1 },
            // The staff view and the small modules it shares with other views (policy, contacts, files):
            // one answer for the phone on the weakest link; the other views fetch it too, 3 KB.
            { name: "StaffView", test: /[\\/]client[\\/]views[\\/]StaffView\.tsx$/, includeDependenciesRecursively: true, priority: 0 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: api, changeOrigin: true },
      "/socket.io": { target: api, ws: true, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      "/api": { target: api, changeOrigin: true },
      "/socket.io": { target: api, ws: true, changeOrigin: true },
    },
  },
});
