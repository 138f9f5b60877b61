import type { PublicUser, UserRecord } from "../../shared/domain.js";

/** The user as sent on the wire: never the hash. */
export function publicUser(user: UserRecord): PublicUser {
  return {
    username: user.username,
    role: user.role,
    ...(user.unitId ? { unitId: user.unitId } : {}),
    ...(user.staffId ? { staffId: user.staffId } : {}),
    ...(user.acting ? { acting: user.acting } : {}),
  };
}
