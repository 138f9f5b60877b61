/** Small helpers every service uses to read and change one record inside a transaction. */
import type { Collection, Docs, EventType } from "../shared/entities.js";
import { conflict, DomainError, type ConflictReason } from "../shared/errors.js";
import { StoreConflict, type Doc, type NewEvent, type Tx } from "./store/port.js";

/** The record, or a 404 naming what was missing. */
export async function mustGet<C extends Collection>(tx: Pick<Tx, "get">, collection: C, id: string, what: string): Promise<Docs[C]> {
  const doc = await tx.get(collection, id);
  if (!doc) throw new DomainError("not_found", `No ${what} with id ${id}`);
  return doc;
}

/** For `.catch`: a unique index refused the write (a taken code, NIP, username…): 409 with `message`. */
export function uniqueTaken(message: string, reason: ConflictReason = "unique"): (error: unknown) => never {
  return (error) => {
    if (error instanceof StoreConflict && error.reason === "unique") throw conflict(reason, message);
    throw error;
  };
}

/** Optimistic concurrency: the client edits the version it saw, or gets a 409 `version` with the current one. */
export function checkVersion(doc: Doc, version: number | undefined, what: string) {
  if (version !== undefined && version !== doc.version) {
    throw conflict("version", `This ${what} was changed by someone else (version ${doc.version}, you sent ${version}); reload and try again`, {
      currentVersion: doc.version,
    });
  }
}

/** Drops keys whose value is undefined, so a patch does not erase fields it did not name. */
export function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Replaces a record and logs the fact, in the caller's transaction. */
export async function replaceAndLog<C extends Collection, T extends EventType>(
  tx: Tx, collection: C, doc: Docs[C], type: T, actor: string,
): Promise<Docs[C]> {
  const saved = await tx.replace(collection, doc);
  await tx.append({ type, actor, data: saved } as NewEvent<T>);
  return saved;
}
