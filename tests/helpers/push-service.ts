/**
 * A push service of our own, for the Web Push tests: a real HTTP server that takes RFC 8030 pushes as a
 * browser vendor's does, checks each one's VAPID Authorization (RFC 8292: the JWT's ES256 signature with
 * the key in `k`, its audience, expiry and subject) and decrypts its aes128gcm body (RFC 8188/8291) with
 * the private key of the device it is for. Devices are made here like a browser makes them: a P-256 key
 * pair and a 16-byte auth secret (node:crypto), handed to the server as PushSubscription JSON. The
 * decryption is written out from the RFCs, not borrowed from the library under test.
 */
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify, type ECDH } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  device: string;
  /** The decrypted body, parsed. */
  payload: unknown;
  headers: IncomingMessage["headers"];
  /** What this push service answered. */
  status: number;
}

interface Device {
  name: string;
  ecdh: ECDH;
  auth: Buffer;
  /** Statuses to answer, in turn; then 201. */
  answers: number[];
  /** Held requests wait here until released. */
  hold: Promise<void> | null;
}

export interface PushService {
  url: string;
  /** A new device (a browser profile): its PushSubscription JSON. */
  device(name: string): { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
  /** The statuses this device's next pushes are answered with (then 201 again). */
  answer(name: string, ...statuses: number[]): void;
  /** Pushes to this device wait without an answer until the returned function is called. */
  hold(name: string): () => void;
  /** Resolves with the next push for `name` once it has arrived (answered or held). */
  next(name: string): Promise<void>;
  /** Every push taken so far, decrypted, in order of arrival. */
  received: Received[];
  /** Pushes refused for a bad VAPID header or body (a correct sender makes none). */
  refused: { device: string; why: string }[];
  close(): Promise<void>;
}

const b64 = (buf: Buffer | Uint8Array) => Buffer.from(buf).toString("base64url");

/** RFC 8292: `vapid t=<JWT>, k=<public key>`; the JWT signed ES256 by that key, for this origin, not expired. */
function checkVapid(header: string | undefined, origin: string, vapid: { publicKey: string; subject: string }, now: number): string | null {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  if (!m) return `Authorization is not "vapid t=…, k=…": ${header}`;
  const [, jwt, k] = m;
  if (k !== vapid.publicKey) return "k is not the server's VAPID public key";
  const [h, p, s] = jwt!.split(".");
  if (!h || !p || !s) return "the JWT is not three parts";
  const raw = Buffer.from(k, "base64url");
  const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: b64(raw.subarray(1, 33)), y: b64(raw.subarray(33, 65)) }, format: "jwk" });
  if (!verify("sha256", Buffer.from(`${h}.${p}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"))) return "the JWT's ES256 signature does not verify with k";
  const head = JSON.parse(Buffer.from(h, "base64url").toString()) as { alg?: string };
  const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as { aud?: string; exp?: number; sub?: string };
  if (head.alg !== "ES256") return `alg ${head.alg}`;
  if (claims.aud !== origin) return `aud ${claims.aud}, not ${origin}`;
  if (typeof claims.exp !== "number" || claims.exp * 1000 <= now || claims.exp * 1000 > now + 24 * 3600_000 + 60_000) return `exp ${claims.exp} is not within the next 24 h`;
  if (claims.sub !== vapid.subject) return `sub ${claims.sub}`;
  return null;
}

/** RFC 8291 §3.4 and RFC 8188 §2: one record, the key id being the sender's public key. */
function decrypt(body: Buffer, device: Device): Buffer {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  const senderPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  if (idlen !== 65 || record.length > rs) throw new Error(`header: idlen ${idlen}, rs ${rs}, record ${record.length}`);
  const ecdhSecret = device.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), device.ecdh.getPublicKey(), senderPublic]);
  const ikm = Buffer.from(hkdfSync("sha256", ecdhSecret, device.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("no last-record delimiter");
  return padded.subarray(0, end);
}

export async function startPushService(vapid: { publicKey: string; subject: string }): Promise<PushService> {
  const devices = new Map<string, Device>();
  const received: Received[] = [];
  const refused: PushService["refused"] = [];
  const arrivals = new Map<string, (() => void)[]>();
  const arrived = (name: string) => {
    const waiting = arrivals.get(name) ?? [];
    arrivals.delete(name);
    for (const w of waiting) w();
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const name = decodeURIComponent(/^\/push\/([^/?]+)$/.exec(req.url ?? "")?.[1] ?? "");
      const device = devices.get(name);
      const reply = (status: number) => { res.statusCode = status; res.end(); };
      if (req.method !== "POST" || !device) { reply(404); return; }
      const refuse = (status: number, why: string) => { refused.push({ device: name, why }); arrived(name); reply(status); };
      const why = checkVapid(req.headers.authorization, service.url, vapid, Date.now());
      if (why) return refuse(403, why);
      if (req.headers["content-encoding"] !== "aes128gcm") return refuse(400, `Content-Encoding ${req.headers["content-encoding"]}`);
      if (!req.headers.ttl || !/^\d+$/.test(String(req.headers.ttl))) return refuse(400, "no TTL");
      let payload: unknown;
      try {
        payload = JSON.parse(decrypt(Buffer.concat(chunks), device).toString("utf8"));
      } catch (error) {
        return refuse(400, `cannot decrypt: ${(error as Error).message}`);
      }
      const hold = device.hold;
      arrived(name);
      if (hold) await hold;
      const status = device.answers.shift() ?? 201;
      received.push({ device: name, payload, headers: req.headers, status });
      reply(status);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  const service: PushService = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    device(name) {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const device: Device = { name, ecdh, auth: randomBytes(16), answers: [], hold: null };
      devices.set(name, device);
      return { endpoint: `${service.url}/push/${encodeURIComponent(name)}`, expirationTime: null, keys: { p256dh: b64(ecdh.getPublicKey()), auth: b64(device.auth) } };
    },
    answer(name, ...statuses) {
      devices.get(name)!.answers.push(...statuses);
    },
    hold(name) {
      let release!: () => void;
      const device = devices.get(name)!;
      device.hold = new Promise<void>((resolve) => (release = resolve));
      return () => { device.hold = null; release(); };
    },
    next(name) {
      return new Promise<void>((resolve) => arrivals.set(name, [...(arrivals.get(name) ?? []), resolve]));
    },
    received,
    refused,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return service;
}
