/**
 * The e2e tests' server: a real process on a port fixed up front, so a restart (SIGKILL, then start
 * again on the same port and DATA_DIR) keeps the URL the browser uses; plus small REST helpers.
 */
import { request, type Res } from "../../helpers/http.js";

export { ROOT, freePort, startServerProcess as startServer, type ChildProc as ServerProcess } from "../../helpers/process.js";

export type { Res as ApiRes } from "../../helpers/http.js";

/** One REST call under /api (the shared test request, with the token before the body). */
export function call(url: string, method: string, path: string, token?: string, body?: unknown): Promise<Res> {
  return request(url, method, path, body, token);
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
