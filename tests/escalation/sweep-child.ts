/**
 * A second Siaga process for [E5]: opens the same SQLite file, runs the sweeps `runs` times at the given
 * time (an injected clock), prints how many requests it escalated, and exits.
 * It says "ready" and sweeps when a line arrives on stdin.
 * Usage: node --import tsx tests/escalation/sweep-child.ts <file> <iso time> <runs>
 */
import { createApp } from "../../server/app.js";
import { createLogger } from "../../server/log.js";
import { SqliteStore } from "../../server/store/sqlite.js";

const [file, at, runs] = process.argv.slice(2) as [string, string, string];
const now = () => new Date(at);
const store = new SqliteStore({ file, now });
const app = await createApp({ store, clock: { now }, sweepEveryMs: 0, logger: createLogger("silent") });
// Ready, then wait for the parent's go, so all processes sweep at the same moment (a gate, not a delay).
process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
process.stdin.destroy();
let escalated = 0;
for (let i = 0; i < Number(runs); i++) escalated += (await app.sweeps.run()).escalated;
await app.close();
await store.close();
process.stdout.write(JSON.stringify({ escalated }) + "\n");
