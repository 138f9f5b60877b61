/**
 * Honours the `Idempotency-Key` header on every write under /api (shared/idempotency.ts).
 *
 * The key is claimed (a `pending` record) before the handler runs and its answer is stored before the
 * answer leaves, so a retry after a lost answer gets that answer and changes nothing, and a duplicate
 * that arrives while the first still runs gets 409 `in_progress`. The answer is stored in its own
 * transaction right after the write's: a crash between the two leaves the key `pending`; once its lease
 * (IDEMPOTENCY_LEASE_MS) has passed a retry runs again, and the write's own state and version checks
 * answer 409 — which the dashboard's offline queue takes as "already done" (client/app/outbox.ts).
 */
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { createHash } from "node:crypto";
import { conflict, DomainError } from "../../shared/errors.js";
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_TTL_MS, IdempotencyKey, type IdempotencyRecord } from "../../shared/idempotency.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { fieldIssues } from "../../shared/errors.js";
import type { Tx } from "../store/port.js";

const WRITES = new Set(["POST", "PATCH", "PUT", "DELETE"]);
const SWEEP_EVERY_MS = 3600_000;

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

function bodyHash(body: unknown): string {
  if (body === undefined || body === null) return "";
  return sha256(Buffer.isBuffer(body) ? body : JSON.stringify(body));
}

/** Mounted after authentication: a key belongs to the user who sent it. */
export function idempotency(ctx: Ctx): RequestHandler {
  let nextSweep = 0;

  /** Forgets expired keys, at most once an hour (the filter language has no ranges; the table is a day's writes). */
  async function sweep(tx: Tx, nowMs: number) {
    if (nowMs < nextSweep) return;
    nextSweep = nowMs + SWEEP_EVERY_MS;
    for (const record of await tx.find("idempotency")) {
      if (Date.parse(record.expiresAt) <= nowMs) await tx.remove("idempotency", record.id, record.version);
    }
  }

  return async (req: Request, res: Response, next: NextFunction) => {
    const raw = req.get(IDEMPOTENCY_HEADER);
    if (raw === undefined || !WRITES.has(req.method)) return next();
    const key = IdempotencyKey.safeParse(raw);
    if (!key.success) {
      throw new DomainError("validation", "Invalid Idempotency-Key header", fieldIssues(key.error).map((i) => ({ ...i, path: "headers.idempotency-key" })));
    }
    const user = currentUser(res);
    const id = sha256(`${user.username}\u0000${key.data}`);
    const request = { method: req.method, path: req.originalUrl, bodyHash: bodyHash(req.body) };

    const claim = await ctx.store.transact(async (tx): Promise<{ replay: IdempotencyRecord } | { claimed: IdempotencyRecord }> => {
      const now = ctx.clock.now();
      const nowMs = now.getTime();
      await sweep(tx, nowMs);
      const fresh = (version?: number): IdempotencyRecord => ({
        id, username: user.username, ...request, state: "pending", startedAt: now.toISOString(),
        expiresAt: new Date(nowMs + IDEMPOTENCY_TTL_MS).toISOString(), version: version ?? 1,
      });
      const found = await tx.get("idempotency", id);
      if (!found || Date.parse(found.expiresAt) <= nowMs) {
        const record = found ? await tx.replace("idempotency", fresh(found.version)) : await tx.insert("idempotency", fresh());
        return { claimed: record };
      }
      if (found.method !== request.method || found.path !== request.path || found.bodyHash !== request.bodyHash) {
        throw conflict("idempotency_reused", "This Idempotency-Key was used for another request");
      }
      if (found.state === "done") return { replay: found };
      if (nowMs - Date.parse(found.startedAt) < IDEMPOTENCY_LEASE_MS) throw conflict("in_progress", "The first request with this Idempotency-Key is still running");
      // The first request died before its answer was stored: this one runs again (see the module comment).
      return { claimed: await tx.replace("idempotency", { ...found, startedAt: now.toISOString() }) };
    }).then((r) => r.result).catch((error: unknown) => {
      // Two first requests raced to insert the same key: the loser is the duplicate.
      if ((error as { name?: string }).name === "StoreConflict") throw conflict("in_progress", "The first request with this Idempotency-Key is still running");
      throw error;
    });

    if ("replay" in claim) {
      const first = claim.replay;
      res.set("Idempotent-Replayed", "true").status(first.status!);
      if (first.contentType) res.type(first.contentType);
      if (first.body === undefined) res.end();
      else res.send(first.body);
      return;
    }
    holdAnswer(ctx, res, claim.claimed);
    next();
  };
}

/**
 * Stores the answer before it is sent. 5xx and 429 answers are not kept (the key is released), so the
 * retry runs again; every other answer, 4xx included, is what a retry gets.
 */
function holdAnswer(ctx: Ctx, res: Response, claimed: IdempotencyRecord) {
  const send = res.send.bind(res);
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  let stored = false;
  async function store(body: string | undefined) {
    const status = res.statusCode;
    await ctx.store.transact(async (tx) => {
      const current = await tx.get("idempotency", claimed.id);
      if (!current) return;
      if (status >= 500 || status === 429) return tx.remove("idempotency", current.id, current.version);
      const contentType = res.get("content-type");
      await tx.replace("idempotency", { ...current, state: "done", status, ...(contentType ? { contentType } : {}), ...(body === undefined ? {} : { body }) });
    });
  }
  const after = (error: unknown) => {
    // Storing failed (the store is closing): the answer still goes out; the key stays pending until its lease ends.
    if (error) res.req.log?.warn({ err: error }, "idempotency answer not stored");
  };
  res.send = ((body?: unknown) => {
    if (stored) return send(body);
    stored = true;
    const text = body === undefined ? undefined : Buffer.isBuffer(body) ? body.toString("utf8") : typeof body === "string" ? body : JSON.stringify(body);
    store(text).then(() => after(undefined), after).finally(() => send(body));
    return res;
  }) as Response["send"];
  res.end = ((...args: unknown[]) => {
    if (stored) return end(...args);
    stored = true;
    // An answer written with end() directly (a what-if's JSON bytes, server/http/what-if.ts) is kept too.
    const chunk = args[0];
    const text = typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("utf8") : undefined;
    store(text).then(() => after(undefined), after).finally(() => end(...args));
    return res;
  }) as Response["end"];
}
