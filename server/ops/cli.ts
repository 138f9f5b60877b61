/** What the operations commands (npm run backup / restore) share: arguments, the store's file, one-line failures. */
import { isAbsolute, resolve } from "node:path";
import { readConfig } from "../config.js";
import { sqliteFileOf } from "../store/open.js";
import { megabytes, type SqliteFileInfo } from "./sqlite-backup.js";

/** A path as the operator typed it: `npm run` starts scripts in the project folder, INIT_CWD is where they were. */
export function operatorPath(path: string): string {
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** The SQLite store of DATA_DIR, or a refusal when the store is MongoDB. */
export function sqliteStoreOrExit(command: string, mongoAdvice: string): { file: string; dataDir: string; backupDir: string } {
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig();
  } catch (error) {
    exitWith(command, (error as Error).message.replace(/\n\s*/g, " "));
  }
  if (config.mongodbUri) exitWith(command, `MONGODB_URI is set, and this command works on the SQLite store only: ${mongoAdvice} (docs/operations.md)`);
  return { file: sqliteFileOf(config.dataDir), dataDir: config.dataDir, backupDir: config.backup.dir };
}

export function exitWith(command: string, message: string): never {
  console.error(`${command}: ${message}`);
  process.exit(1);
}

/** `2.4 MB, seq 1234, epoch 3f…` */
export function summary(info: SqliteFileInfo): string {
  return `${megabytes(info.bytes)}, seq ${info.seq}, epoch ${info.epoch ?? "none yet (given at the server's first start)"}`;
}
