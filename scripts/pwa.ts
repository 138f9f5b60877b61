/**
 * The installable app, built by `vite build` (no vite-plugin-pwa): the web app manifest, its icons (PNG,
 * drawn here, so no binary lives in the repo) and the service worker (client/pwa/sw.js) with the list
 * of every file of this build to keep for offline use, and a version that changes with them.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants as zlib, deflateSync, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

const SW_SOURCE = new URL("../client/pwa/sw.js", import.meta.url);
const THEME = "#b71c1c";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Siaga's mark: a white diamond on the theme red, inside the maskable safe zone (80 %). */
export function iconPng(size: number): Buffer {
  const rows: Buffer[] = [];
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const inside = Math.abs(x - c) + Math.abs(y - c) <= size * 0.3;
      const [r, g, b] = inside ? [255, 255, 255] : [0xb7, 0x1c, 0x1c];
      row[1 + x * 3] = r; row[2 + x * 3] = g; row[3 + x * 3] = b;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; header[9] = 2; // 8-bit RGB
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

export const MANIFEST = {
  name: "Siaga — Penugasan ASN Tanggap Darurat",
  short_name: "Siaga",
  description: "Penugasan sementara ASN untuk tanggap darurat di Kecamatan Maulafa, Kota Kupang",
  lang: "id",
  start_url: "/",
  scope: "/",
  display: "standalone",
  background_color: "#ffffff",
  theme_color: THEME,
  icons: [
    { src: "/icons/siaga-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
    { src: "/icons/siaga-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
    { src: "/icons/siaga-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
  ],
};

export function pwa(): Plugin {
  return {
    name: "siaga-pwa",
    apply: "build",
    transformIndexHtml() {
      return [
        { tag: "link", attrs: { rel: "manifest", href: "/manifest.webmanifest" }, injectTo: "head" },
        { tag: "meta", attrs: { name: "theme-color", content: THEME }, injectTo: "head" },
        { tag: "link", attrs: { rel: "apple-touch-icon", href: "/icons/siaga-192.png" }, injectTo: "head" },
      ];
    },
    generateBundle(_options, bundle) {
      const icon = (fileName: string, size: number) => this.emitFile({ type: "asset", fileName, source: iconPng(size) });
      icon("icons/siaga-192.png", 192);
      icon("icons/siaga-512.png", 512);
      icon("icons/siaga-maskable-512.png", 512);
      this.emitFile({ type: "asset", fileName: "manifest.webmanifest", source: JSON.stringify(MANIFEST, null, 2) });
      // Everything the app may load, the lazily loaded views and the map included; not the source maps.
      const files = Object.keys(bundle).filter((f) => !/\.(map|gz|br)$/.test(f)).sort();
      const precache = ["/", "/manifest.webmanifest", "/icons/siaga-192.png", ...files.filter((f) => f !== "index.html").map((f) => `/${f}`)];
      const version = createHash("sha256").update(files.join("\n")).digest("hex").slice(0, 12);
      const source = `self.SIAGA_VERSION = ${JSON.stringify(version)};\nself.SIAGA_PRECACHE = ${JSON.stringify(precache)};\n${readFileSync(SW_SOURCE, "utf8")}`;
      this.emitFile({ type: "asset", fileName: "sw.js", source });
    },
    // Brotli and gzip twins of the scripts and styles, served by the server by the browser's
    // Accept-Encoding (server/http/precompressed.ts): on a 400 kbps link the bundle is a third of its size
    // gzipped, and Brotli (every browser sends `br`, over https and on localhost) is 10-20 % smaller still.
    // From the files as written, after every other plugin has finished them (vite fills its preload list last).
    writeBundle(options, bundle) {
      const dir = options.dir!;
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css)$/.test(fileName)) continue;
        const data = readFileSync(join(dir, fileName));
        writeFileSync(join(dir, `${fileName}.gz`), gzipSync(data, { level: 9 }));
        writeFileSync(join(dir, `${fileName}.br`), brotliCompressSync(data, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length },
        }));
      }
    },
  };
}
