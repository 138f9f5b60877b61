/** First start: load the Maulafa seed and the demo accounts into an empty store. */
import { buildSeed } from "../../seed/index.js";
import type { Staff, Unit } from "../../shared/domain.js";
import type { Ctx } from "../context.js";
import { checkReseed } from "../lifecycle/startup.js";
import { log as processLog } from "../log.js";
import type { Tx } from "../store/port.js";
import { demoAccounts, hashAll, insertAccounts, markSeeded, writeCredentials, type Account } from "./accounts.js";

export interface SeedOptions {
  dataDir: string;
  demoPassword?: string;
  /** SIAGA_ALLOW_RESEED=1: seed even a data directory that held data (checkReseed). */
  allowReseed?: boolean;
  log?: (line: string) => void;
}

/** Seeds once: does nothing when the store already has units or users. Returns whether it seeded. */
export async function seedIfEmpty(ctx: Ctx, options: SeedOptions): Promise<boolean> {
  const empty = await ctx.store.read(async (tx) => (await tx.count("units")) === 0 && (await tx.count("users")) === 0);
  if (!empty) return false;
  checkReseed(options.dataDir, await ctx.store.lastSeq(), options.allowReseed ?? false);
  const log = options.log ?? ((line: string) => processLog.info(line));
  const { units, staff } = buildSeed();
  const accounts = demoAccounts(units, staff, options.demoPassword);
  log(`first start: seeding ${units.length} units, ${staff.length} staff and ${accounts.length} accounts…`);
  const hashes = await hashAll(accounts);
  const { result: inserted } = await ctx.store.transact(async (tx) => {
    if ((await tx.count("units")) > 0 || (await tx.count("users")) > 0) return false; // another process seeded meanwhile
    await seedInTx(tx, units, staff, accounts, hashes);
    return true;
  });
  // Only the process whose transaction inserted the accounts knows their passwords (issue 16, item 10).
  if (!inserted) {
    log("first start: another process seeded this store meanwhile; its demo credentials stand");
    return false;
  }
  markSeeded(options.dataDir, ctx.store.epoch);
  if (options.demoPassword) {
    log(`demo accounts use SIAGA_DEMO_PASSWORD: koordinator, layar, kepala.<unit code>, staff by NIP`);
  } else {
    // Passwords never go to the log: only to the owner-only file.
    const file = writeCredentials(options.dataDir, accounts);
    log(`demo accounts koordinator, layar, kepala.<unit code> and staff by NIP: passwords in ${file} (mode 0600)`);
  }
  return true;
}

/** Writes units, staff and accounts with one `*.created` event each, in the caller's transaction. */
export async function seedInTx(tx: Tx, units: Omit<Unit, "version">[], staff: Omit<Staff, "version">[], accounts: Account[], hashes: Map<string, string>) {
  for (const unit of units) await tx.append({ type: "unit.created", actor: "seed", data: await tx.insert("units", unit) });
  for (const person of staff) await tx.append({ type: "staff.created", actor: "seed", data: await tx.insert("staff", person) });
  await insertAccounts(tx, accounts, hashes);
}
