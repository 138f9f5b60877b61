/**
 * `npm run restore -- <backup file>`: with every server of DATA_DIR stopped, puts a verified copy of the
 * backup in place of the SQLite store under a new epoch (so live clients reload) and keeps the store it
 * replaces in DATA_DIR/backups. Steps in docs/operations.md.
 */
import { exitWith, operatorPath, sqliteStoreOrExit, summary } from "./cli.js";
import { restoreSqlite, StoreInUse } from "./sqlite-backup.js";

const COMMAND = "restore";
const args = process.argv.slice(2);
if (args.length !== 1 || args[0]!.startsWith("-")) exitWith(COMMAND, "usage: npm run restore -- <backup file>   (stop the server first)");
const backup = operatorPath(args[0]!);
const { file, backupDir } = sqliteStoreOrExit(COMMAND, "restore MongoDB with its own tools (mongorestore), then remove the epoch document (docs/operations.md, \"MongoDB\")");

try {
  const result = restoreSqlite(backup, file, backupDir, new Date());
  console.log(`${COMMAND}: ${file} now holds ${result.from} (${summary(result)}; integrity ok)` +
    (result.previous ? `; the store it replaced is kept at ${result.previous}` : "") +
    ". Start the server: live clients see the new epoch and reload.");
} catch (error) {
  exitWith(COMMAND, error instanceof StoreInUse ? `refused: ${error.message}` : (error as Error).message);
}
