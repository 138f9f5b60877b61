import { createHash, randomBytes } from "node:crypto";
import type { LoginResponse, UserCreate } from "../../shared/api.js";
import type { PublicUser, UserRecord } from "../../shared/domain.js";
import { DomainError, invalidField } from "../../shared/errors.js";
import type { Ctx } from "../context.js";
import { mustGet, uniqueTaken } from "../entities.js";
import { newId } from "../ids.js";
import { authorize } from "./authorize.js";
import { isCommonPassword } from "./common-passwords.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { publicUser } from "./types.js";

const HOUR = 3600_000;
/** Screens hang on a wall for weeks; people sign in each shift. */
const TTL_MS = { screen: 30 * 24 * HOUR, other: 12 * HOUR };

const tokenHash = (token: string) => createHash("sha256").update(token).digest("base64url");

// A scrypt hash to compare against when the username is unknown, so timing does not reveal which usernames exist.
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/** The user record as the audit log keeps it: never the hash. */
const userEventData = ({ passwordHash: _h, ...rest }: UserRecord) => rest;

/** Checks a password and opens a session that lives in the store, so it survives a server restart. */
export async function login(ctx: Ctx, username: string, password: string): Promise<LoginResponse> {
  const [user] = await ctx.store.read((tx) => tx.find("users", { username }));
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw new DomainError("unauthenticated", "Wrong username or password");
  const token = randomBytes(32).toString("base64url");
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + (user.role === "screen" ? TTL_MS.screen : TTL_MS.other)).toISOString();
  await ctx.store.transact((tx) => tx.insert("sessions", { id: tokenHash(token), userId: user.id, createdAt: now.toISOString(), expiresAt }));
  return { token, expiresAt, user: publicUser(user) };
}

/** A live session: its user, its id (the token's hash, never the token) and when it ends. */
export interface Session { user: PublicUser; id: string; expiresAt: string }

/** The session behind a bearer token, or a 401 when it is unknown, expired or revoked. */
export async function sessionOf(ctx: Ctx, token: string | undefined): Promise<Session> {
  if (!token) throw new DomainError("unauthenticated", "Sign in first (missing bearer token)");
  const id = tokenHash(token);
  const found = await ctx.store.read(async (tx) => {
    const session = await tx.get("sessions", id);
    if (!session || session.revokedAt || Date.parse(session.expiresAt) <= ctx.clock.now().getTime()) return undefined;
    const user = await tx.get("users", session.userId);
    return user ? { user: publicUser(user), id, expiresAt: session.expiresAt } : undefined;
  });
  if (!found) throw new DomainError("unauthenticated", "Session expired or revoked; sign in again");
  return found;
}

/** The user behind a bearer token, or a 401 when it is unknown, expired or revoked. */
export async function authenticate(ctx: Ctx, token: string | undefined): Promise<PublicUser> {
  return (await sessionOf(ctx, token)).user;
}

/** Revokes one token (logout); its live sockets are sent away. */
export async function revokeToken(ctx: Ctx, token: string): Promise<void> {
  await ctx.store.transact(async (tx) => {
    const session = await tx.get("sessions", tokenHash(token));
    if (session && !session.revokedAt) await tx.replace("sessions", { ...session, revokedAt: ctx.clock.now().toISOString() });
  });
  ctx.sessionsEnded({ sessionId: tokenHash(token) });
}

/** Revokes every session of a user (a lost phone, a person who left), with an audit event, and ends its sockets. Returns how many were open. */
export async function revokeUser(ctx: Ctx, actor: PublicUser, username: string): Promise<number> {
  authorize(actor, "user.revoke");
  return ctx.store.transact(async (tx) => {
    const [user] = await tx.find("users", { username });
    if (!user) throw new DomainError("not_found", `No user ${username}`);
    const sessions = await tx.find("sessions", { userId: user.id });
    const open = sessions.filter((s) => !s.revokedAt);
    for (const s of open) await tx.replace("sessions", { ...s, revokedAt: ctx.clock.now().toISOString() });
    await tx.append({ type: "user.revoked", actor: actor.username, data: userEventData(user) });
    return open.length;
  }).then((r) => {
    // A lost phone stays no console: its sockets go too, on every process (realtime/server.ts).
    ctx.sessionsEnded({ username });
    return r.result;
  });
}

/** Adds an account, with an audit event; the unit or staff member it is linked to must exist. */
export async function createUser(ctx: Ctx, actor: PublicUser, body: UserCreate): Promise<PublicUser> {
  authorize(actor, "user.create");
  if (isCommonPassword(body.password)) throw invalidField("password", "common_password", "This password is among the most common ones; choose another");
  const passwordHash = await hashPassword(body.password);
  const { password: _pw, ...fields } = body;
  return ctx.store.transact(async (tx) => {
    if (fields.unitId) await mustGet(tx, "units", fields.unitId, "unit");
    if (fields.staffId) await mustGet(tx, "staff", fields.staffId, "staff member");
    const user = await tx.insert("users", { id: newId("usr"), ...fields, passwordHash }).catch(uniqueTaken(`Username ${body.username} is taken`));
    await tx.append({ type: "user.created", actor: actor.username, data: userEventData(user) });
    return publicUser(user);
  }).then((r) => r.result);
}
