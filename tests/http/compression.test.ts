/**
 * Issue 14, weak link: what crosses it is compressed. The built scripts and styles go as their Brotli or
 * gzip twin by the browser's Accept-Encoding (Brotli first, a q=0 refusal honoured, none: as they are), and
 * GET /api/state, a staff phone's first data, is compressed at request time when it is worth it.
 */
import express from "express";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptsEncoding, precompressed } from "../../server/http/precompressed.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

/** A raw GET (no client-side decoding): status, headers and the bytes as sent. */
function raw(url: string, headers: Record<string, string>): Promise<{ res: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => resolve({ res, body: Buffer.concat(parts) }));
    }).on("error", reject);
  });
}

describe("Accept-Encoding", () => {
  it("names a coding, or takes it by *, unless its q is 0", () => {
    expect(acceptsEncoding("gzip, deflate, br, zstd", "br")).toBe(true);
    expect(acceptsEncoding("gzip, deflate", "br")).toBe(false);
    expect(acceptsEncoding("br;q=0, gzip", "br")).toBe(false);
    expect(acceptsEncoding("BR;q=0.5", "br")).toBe(true);
    expect(acceptsEncoding("*", "gzip")).toBe(true);
    expect(acceptsEncoding("*, gzip;q=0", "gzip")).toBe(false);
    expect(acceptsEncoding(undefined, "gzip")).toBe(false);
  });
});

describe("the built files' twins", () => {
  const dir = mkdtempSync(join(tmpdir(), "siaga-precompressed-"));
  const js = Buffer.from("export const x = 1;\n".repeat(200));
  let url = "";
  let close = () => {};
  beforeAll(async () => {
    const assets = join(dir, "assets");
    mkdirSync(assets);
    writeFileSync(join(assets, "app-abc.js"), js);
    writeFileSync(join(assets, "app-abc.js.br"), brotliCompressSync(js));
    writeFileSync(join(assets, "app-abc.js.gz"), gzipSync(js));
    writeFileSync(join(assets, "only-gz.css"), "a{}");
    writeFileSync(join(assets, "only-gz.css.gz"), gzipSync("a{}"));
    const app = express().use(precompressed(dir)).use(express.static(dir));
    const http = app.listen(0, "127.0.0.1");
    await new Promise((r) => http.once("listening", r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    close = () => http.close();
  });
  afterAll(() => {
    close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("Brotli where it is taken, else gzip, else the file itself; the type stays the script's", async () => {
    const br = await raw(`${url}/assets/app-abc.js`, { "accept-encoding": "gzip, deflate, br" });
    expect(br.res.headers["content-encoding"]).toBe("br");
    expect(br.res.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(br.res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(br.body).equals(js)).toBe(true);
    const gz = await raw(`${url}/assets/app-abc.js`, { "accept-encoding": "gzip, br;q=0" });
    expect(gz.res.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(js)).toBe(true);
    const plain = await raw(`${url}/assets/app-abc.js`, { "accept-encoding": "identity" });
    expect(plain.res.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(js)).toBe(true);
    // A file with only a gzip twin goes gzipped to a browser that takes both.
    const css = await raw(`${url}/assets/only-gz.css`, { "accept-encoding": "br, gzip" });
    expect(css.res.headers["content-encoding"]).toBe("gzip");
    expect(css.res.headers["content-type"]).toMatch(/^text\/css/);
  });
});

describe("GET /api/state", () => {
  let server: TestServer;
  let coord: Client;
  beforeAll(async () => {
    server = await startServer({ seed: "maulafa" });
    coord = await server.as("koordinator");
  });
  afterAll(() => server.close());

  it("is compressed by the client's Accept-Encoding, and the same JSON once decoded", async () => {
    const auth = { authorization: `Bearer ${coord.token}` };
    const plain = await raw(`${server.url}/api/state`, { ...auth, "accept-encoding": "identity" });
    expect(plain.res.statusCode).toBe(200);
    expect(plain.res.headers["content-encoding"]).toBeUndefined();
    expect(plain.res.headers["content-type"]).toMatch(/^application\/json/);
    const truth = JSON.parse(plain.body.toString("utf8"));
    const br = await raw(`${server.url}/api/state`, { ...auth, "accept-encoding": "gzip, deflate, br" });
    expect(br.res.headers["content-encoding"]).toBe("br");
    expect(br.res.headers["cache-control"]).toBe("no-store");
    expect(br.body.length).toBeLessThan(plain.body.length / 4);
    expect(JSON.parse(brotliDecompressSync(br.body).toString("utf8"))).toEqual(truth);
    const gz = await raw(`${server.url}/api/state`, { ...auth, "accept-encoding": "gzip" });
    expect(gz.res.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(gz.body).toString("utf8"))).toEqual(truth);
  });
});
