/**
 * One JSON call under /api of a running server (e2e tests and benches use it too). Every answer is held
 * to the REST contract (tests/helpers/contract.ts): one that breaks it throws, so the test fails.
 */
import { checkContract } from "./contract.js";

export interface Res {
  status: number;
  // Tests read whatever the route answered.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function request(url: string, method: string, path: string, body?: unknown, token?: string, raw?: string): Promise<Res> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined || raw !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(url + "/api" + path, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
  // A document (an SK PDF) is no JSON: the contract sees no body, a test reads the bytes itself with fetch.
  const text = /json/.test(res.headers.get("content-type") ?? "json") ? await res.text() : (await res.arrayBuffer(), "");
  const parsed = text ? JSON.parse(text) : undefined;
  checkContract(method, path, res.status, parsed);
  return { status: res.status, body: parsed };
}
