/** The store suites store made-up documents in the port's collections: they drive the port without the registry's types. */
import { loose, type LooseReadTx, type LooseTx, type Store } from "../../server/store/port.js";

export function transact<T>(store: Store, fn: (tx: LooseTx) => Promise<T>) {
  return store.transact((tx) => fn(loose(tx)));
}

export function read<T>(store: Store, fn: (tx: LooseReadTx) => Promise<T>) {
  return store.read((tx) => fn(loose(tx)));
}
