/**
 * The e2e tests' server: a real process on a port fixed up front, so a restart (SIGKILL, then start
 * again on the same port and DATA_DIR) keeps the URL the browser uses; plus small REST helpers.
 */
export { ROOT, freePort, startServerProcess as startServer, type ChildProc as ServerProcess } from "../../helpers/process.js";

export interface ApiRes {
  status: number;
  // Tests read whatever the route answered.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** One REST call under /api. */
export async function call(url: string, method: string, path: string, token?: string, body?: unknown): Promise<ApiRes> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${url}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Like `call`, but anything other than 2xx throws with the route's answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function must(url: string, method: string, path: string, token?: string, body?: unknown): Promise<any> {
  const res = await call(url, method, path, token, body);
  if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Signs in through the API; returns the login response ({token, user, expiresAt}). */
export async function login(url: string, username: string, password: string): Promise<{ token: string; user: { username: string; role: string; unitId?: string; staffId?: string }; expiresAt: string }> {
  return must(url, "POST", "/auth/login", undefined, { username, password });
}
