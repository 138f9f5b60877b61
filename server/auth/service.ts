import { createHash, randomBytes } from "node:crypto";
import type { LoginResponse, UserCreate } from "../../shared/api.js";
import type { PublicUser } from "../../shared/domain.js";
import { DomainError } from "../../shared/errors.js";
import type { Ctx } from "../context.js";
import { mustGet, uniqueTaken } from "../entities.js";
import { newId } from "../ids.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { publicUser, type SessionDoc, type UserDoc } from "./types.js";

const HOUR = 3600_000;
/** Screens hang on a wall for weeks; people sign in each shift. */
const TTL_MS = { screen: 30 * 24 * HOUR, other: 12 * HOUR };

const tokenHash = (token: string) => createHash("sha256").update(token).digest("base64url");

// A scrypt hash to compare against when the username is unknown, so timing does not reveal which usernames exist.
const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/** Checks a password and opens a session that lives in the store, so it survives a server restart. */
export async function login(ctx: Ctx, username: string, password: string): Promise<LoginResponse> {
  const [user] = await ctx.store.read((tx) => tx.find<UserDoc>("users", { username }));
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw new DomainError("unauthenticated", "Wrong username or password");
  const token = randomBytes(32).toString("base64url");
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + (user.role === "screen" ? TTL_MS.screen : TTL_MS.other)).toISOString();
  await ctx.store.transact((tx) =>
    tx.insert<SessionDoc>("sessions", { id: tokenHash(token), userId: user.id, createdAt: now.toISOString(), expiresAt }));
  return { token, expiresAt, user: publicUser(user) };
}

/** The user behind a bearer token, or a 401 when it is unknown, expired or revoked. */
export async function authenticate(ctx: Ctx, token: string | undefined): Promise<PublicUser> {
  if (!token) throw new DomainError("unauthenticated", "Sign in first (missing bearer token)");
  const user = await ctx.store.read(async (tx) => {
    const session = await tx.get<SessionDoc>("sessions", tokenHash(token));
    if (!session || session.revokedAt || Date.parse(session.expiresAt) <= ctx.clock.now().getTime()) return undefined;
    return tx.get<UserDoc>("users", session.userId);
  });
  if (!user) throw new DomainError("unauthenticated", "Session expired or revoked; sign in again");
  return publicUser(user);
}

/** Revokes one token (logout). */
export async function revokeToken(ctx: Ctx, token: string): Promise<void> {
  await ctx.store.transact(async (tx) => {
    const session = await tx.get<SessionDoc>("sessions", tokenHash(token));
    if (session && !session.revokedAt) await tx.replace("sessions", { ...session, revokedAt: ctx.clock.now().toISOString() });
  });
}

/** Revokes every session of a user (a lost phone, a person who left). Returns how many were open. */
export async function revokeUser(ctx: Ctx, username: string): Promise<number> {
  return ctx.store.transact(async (tx) => {
    const [user] = await tx.find<UserDoc>("users", { username });
    if (!user) throw new DomainError("not_found", `No user ${username}`);
    const sessions = await tx.find<SessionDoc>("sessions", { userId: user.id });
    const open = sessions.filter((s) => !s.revokedAt);
    for (const s of open) await tx.replace("sessions", { ...s, revokedAt: ctx.clock.now().toISOString() });
    return open.length;
  }).then((r) => r.result);
}

/** Adds an account; the unit or staff member it is linked to must exist. */
export async function createUser(ctx: Ctx, body: UserCreate): Promise<PublicUser> {
  const passwordHash = await hashPassword(body.password);
  const { password: _pw, ...fields } = body;
  return ctx.store.transact(async (tx) => {
    if (fields.unitId) await mustGet(tx, "units", fields.unitId, "unit");
    if (fields.staffId) await mustGet(tx, "staff", fields.staffId, "staff member");
    const user = await tx.insert<UserDoc>("users", { id: newId("usr"), ...fields, passwordHash })
      .catch(uniqueTaken(`Username ${body.username} is taken`));
    return publicUser(user);
  }).then((r) => r.result);
}
