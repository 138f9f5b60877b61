/** First start: load the Maulafa seed and the demo accounts into an empty store. */
import { buildSeed } from "../../seed/index.js";
import { buildMutasiSeed, type MutasiSeed } from "../../seed/mutasi.js";
import { WishWire } from "../../shared/mutasi-cycle.js";
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
  // Every account gets the demo password, so its one scrypt (on the thread pool) runs while the seed is built.
  const demoHash = options.demoPassword ? hashAll([{ password: options.demoPassword }]) : undefined;
  const seed = buildSeed();
  const units = seed.units;
  const mutasi = buildMutasiSeed(units, seed.staff, ctx.clock.now().toISOString());
  const staff = mutasi.staff as Staff[];
  const accounts = demoAccounts(units, staff, options.demoPassword);
  log(`first start: seeding ${units.length} units, ${staff.length} staff and ${accounts.length} accounts…`);
  const hashes = await (demoHash ?? hashAll(accounts, true));
  const { result: inserted } = await ctx.store.transact(async (tx) => {
    if ((await tx.count("units")) > 0 || (await tx.count("users")) > 0) return false; // another process seeded meanwhile
    await seedInTx(tx, units, staff, accounts, hashes, mutasi);
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
export async function seedInTx(
  tx: Tx, units: Omit<Unit, "version">[], staff: Omit<Staff, "version">[], accounts: Account[], hashes: Map<string, string>, mutasi?: MutasiSeed,
) {
  for (const unit of units) await tx.append({ type: "unit.created", actor: "seed", data: await tx.insert("units", unit) });
  for (const position of mutasi?.positions ?? []) await tx.append({ type: "position.created", actor: "seed", data: await tx.insert("positions", position) });
  for (const person of staff) await tx.append({ type: "staff.created", actor: "seed", data: await tx.insert("staff", person) });
  if (mutasi) {
    await tx.append({ type: "mutasi_cycle.created", actor: "seed", data: await tx.insert("mutasiCycles", mutasi.cycle) });
    for (const wish of mutasi.wishes) await tx.append({ type: "wish.submitted", actor: "seed", data: WishWire.parse(await tx.insert("wishes", wish)) });
  }
  await insertAccounts(tx, accounts, hashes);
}
