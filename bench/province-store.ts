/**
 * A province-scale SQLite store for the server to start on: the synthetic NTT province of
 * seed/province.ts (1,000 units, 100,000 staff by default) with one `*.created` event per record, as
 * server/bootstrap/seed.ts writes the Maulafa seed, plus only the `koordinator` and `layar` accounts.
 * Start the server on the same DATA_DIR afterwards (SIAGA_NO_SEED=1 is then a no-op safety).
 *
 * As a script: `tsx bench/province-store.ts <dataDir> [password]` (prints what it wrote).
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generateProvince } from "../seed/province.js";
import { demoAccounts, hashAll } from "../server/bootstrap/accounts.js";
import { seedInTx } from "../server/bootstrap/seed.js";
import { SqliteStore } from "../server/store/sqlite.js";

export interface ProvinceStoreOptions {
  units?: number;
  staff?: number;
  /** generateProvince's seed (default 1). */
  seed?: number;
}

/** Writes the province into `<dataDir>/siaga.sqlite` (which must be empty) and closes the store. */
export async function writeProvinceStore(dataDir: string, password: string, options: ProvinceStoreOptions = {}) {
  const t0 = performance.now();
  const { units, staff } = generateProvince(options.seed ?? 1, {
    ...(options.units !== undefined ? { units: options.units } : {}),
    ...(options.staff !== undefined ? { staff: options.staff } : {}),
  });
  const generatedMs = performance.now() - t0;
  const accounts = demoAccounts([], [], password);
  const hashes = await hashAll(accounts);
  const store = new SqliteStore({ file: join(dataDir, "siaga.sqlite") });
  try {
    await store.transact(async (tx) => {
      if ((await tx.count("units")) > 0 || (await tx.count("users")) > 0) throw new Error(`${dataDir} already holds a store`);
      await seedInTx(tx, units, staff, accounts, hashes);
    });
  } finally {
    await store.close();
  }
  return { units: units.length, staff: staff.length, accounts: accounts.map((a) => a.username), generatedMs, totalMs: performance.now() - t0 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [dir, password] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: tsx bench/province-store.ts <dataDir> [password]");
    process.exit(2);
  }
  const res = await writeProvinceStore(dir, password ?? "bench-rahasia-123");
  console.log(`[province] ${res.units} units, ${res.staff} staff, accounts ${res.accounts.join(", ")} in ${(res.totalMs / 1000).toFixed(1)} s → ${dir}`);
}
