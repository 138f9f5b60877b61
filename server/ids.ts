import { randomUUID } from "node:crypto";

/** A new id with a readable prefix, e.g. `inc-3f2a…`. */
export function newId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}
