/** Small helpers every service uses to read and change one entity inside a transaction. */
import { DomainError } from "../shared/errors.js";
import { StoreConflict, type Collection, type Doc, type Tx } from "./store/port.js";

/** The document, or a 404 naming what was missing. */
export async function mustGet<T extends Doc>(tx: Pick<Tx, "get">, collection: Collection, id: string, what: string): Promise<T> {
  const doc = await tx.get<T>(collection, id);
  if (!doc) throw new DomainError("not_found", `No ${what} with id ${id}`);
  return doc;
}

/** For `.catch`: a unique index refused the write (a taken code, NIP, username…): 409 with `message`. */
export function uniqueTaken(message: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof StoreConflict && error.reason === "unique") throw new DomainError("conflict", message);
    throw error;
  };
}

/** Optimistic concurrency: the client edits the version it saw, or gets a 409 with the current one. */
export function checkVersion(doc: Doc, version: number | undefined, what: string) {
  if (version !== undefined && version !== doc.version) {
    throw new DomainError("conflict", `This ${what} was changed by someone else (version ${doc.version}, you sent ${version}); reload and try again`, {
      currentVersion: doc.version,
    });
  }
}

/** Drops keys whose value is undefined, so a patch does not erase fields it did not name. */
export function defined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function replaceAndLog<T extends Doc>(tx: Tx, collection: Collection, doc: T, type: string, actor: string): Promise<T> {
  const saved = await tx.replace(collection, doc);
  await tx.append({ type, actor, data: saved });
  return saved;
}
