/**
 * Files over the API with the session's token: uploads (a roster CSV/XLSX as the raw body) and downloads
 * (PDF letters, exports, templates) saved through a blob link, since a plain link cannot carry a token.
 */
import { CSV_TYPE, XLSX_TYPE } from "../../shared/roster.js";
import type { ErrorCode } from "../../shared/errors.js";
import { ApiError } from "./api.js";
import { getSession } from "./session.js";

async function failure(res: Response): Promise<ApiError> {
  let body: { error?: { code?: ErrorCode; message?: string; details?: unknown } } | undefined;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const issues = Array.isArray(body?.error?.details) ? body.error.details : [];
  return new ApiError(res.status, body?.error?.code ?? "internal", body?.error?.message ?? res.statusText, issues, body?.error?.details);
}

async function call(path: string, init: RequestInit): Promise<Response> {
  const token = getSession()?.token;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { ...init, headers: { ...(init.headers ?? {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
  } catch (err) {
    throw new ApiError(0, "network", err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) throw await failure(res);
  return res;
}

/** The media type of a chosen file: by its type, else by its name. */
export function fileType(file: File): string | undefined {
  if (file.type === CSV_TYPE || /\.csv$/i.test(file.name)) return CSV_TYPE;
  if (file.type === XLSX_TYPE || /\.xlsx$/i.test(file.name)) return XLSX_TYPE;
  return undefined;
}

/** Sends the file itself as the body; resolves with the JSON answer. */
export async function uploadFile<T>(path: string, file: File, type: string): Promise<T> {
  const res = await call(path, { method: "POST", headers: { "Content-Type": type, Accept: "application/json" }, body: file });
  return res.json() as Promise<T>;
}

/** Saves the bytes as a file in the browser. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Downloads a file route and saves it under the server's name (Content-Disposition) or `fallback`. */
export async function downloadFile(path: string, fallback: string): Promise<void> {
  const res = await call(path, { method: "GET" });
  const name = /filename="?([^";]+)"?/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? fallback;
  saveBlob(await res.blob(), name);
}
