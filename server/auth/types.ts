import type { PublicUser, Role } from "../../shared/domain.js";

/** A user as stored: the hash never leaves the server. */
export interface UserDoc {
  id: string;
  username: string;
  role: Role;
  unitId?: string;
  staffId?: string;
  passwordHash: string;
  version: number;
}

/** A login session; its id is the SHA-256 of the bearer token, so a leaked database holds no tokens. */
export interface SessionDoc {
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
  version: number;
}

export function publicUser(user: UserDoc): PublicUser {
  return {
    username: user.username,
    role: user.role,
    ...(user.unitId ? { unitId: user.unitId } : {}),
    ...(user.staffId ? { staffId: user.staffId } : {}),
  };
}
