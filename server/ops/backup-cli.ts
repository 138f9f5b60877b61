/**
 * `npm run backup -- <file>`: an online copy of the SQLite store of DATA_DIR, taken while the server keeps
 * serving, verified, then described in one line. `npm run backup -- --verify <file>` checks a backup.
 */
import { exitWith, operatorPath, sqliteStoreOrExit, summary } from "./cli.js";
import { backupSqlite, verifySqlite } from "./sqlite-backup.js";

const COMMAND = "backup";
const args = process.argv.slice(2);
const verify = args[0] === "--verify";
const files = verify ? args.slice(1) : args;
if (files.length !== 1 || files[0]!.startsWith("-")) exitWith(COMMAND, "usage: npm run backup -- <file>  |  npm run backup -- --verify <file>");
const target = operatorPath(files[0]!);

try {
  if (verify) {
    const info = verifySqlite(target);
    console.log(`${COMMAND}: ${target} is a valid Siaga store (integrity ok, schema ${info.schema}; ${summary(info)})`);
  } else {
    const { file } = sqliteStoreOrExit(COMMAND, "back MongoDB up with its own tools (mongodump, or a filesystem snapshot of a replica set member)");
    const started = Date.now();
    const info = await backupSqlite(file, target);
    console.log(`${COMMAND}: wrote ${info.file} (${summary(info)}; integrity ok) from ${file} in ${Date.now() - started} ms`);
  }
} catch (error) {
  exitWith(COMMAND, (error as Error).message);
}
