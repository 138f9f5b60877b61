import { randomBytes } from "node:crypto";

/** A fresh store epoch (shared/entities.ts): 32 hex digits, as migration 3 writes them in SQL. */
export function newEpoch(): string {
  return randomBytes(16).toString("hex");
}
