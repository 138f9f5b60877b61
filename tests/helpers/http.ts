/**
 * One JSON call under /api of a running server (e2e tests and benches use it too). Every answer is held
 * to the REST contract (tests/helpers/contract.ts): one that breaks it throws, so the test fails.
 */
import { checkContract } from "./contract.js";

export interface Res {
  status: number;
  /** A body that is not JSON (a PDF, a CSV): its Content-Type, and the bytes in `bytes` (`body` then undefined). */
  contentType?: string;
  bytes?: Buffer;
  // Tests read whatever the route answered.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A body that is not JSON: a file upload (`type` text/csv, xlsx …). */
export interface RawBody { type: string; data: Uint8Array | string }

export async function request(url: string, method: string, path: string, body?: unknown, token?: string, raw?: string | RawBody): Promise<Res> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  const file = typeof raw === "object" ? raw : undefined;
  if (file) headers["content-type"] = file.type;
  else if (body !== undefined || raw !== undefined) headers["content-type"] = "application/json";
  const sent = file ? file.data : (raw as string | undefined) ?? (body === undefined ? undefined : JSON.stringify(body));
  const res = await fetch(url + "/api" + path, { method, headers, body: sent as BodyInit | undefined });
  const contentType = res.headers.get("content-type") ?? undefined;
  const bytes = Buffer.from(await res.arrayBuffer());
  if (contentType && !contentType.includes("json") && bytes.length > 0) {
    checkContract(method, path, res.status, undefined, contentType);
    return { status: res.status, contentType, bytes, body: undefined };
  }
  const text = bytes.toString("utf8");
  const parsed = text ? JSON.parse(text) : undefined;
  checkContract(method, path, res.status, parsed, contentType);
  return { status: res.status, body: parsed };
}
