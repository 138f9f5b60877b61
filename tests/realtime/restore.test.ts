/**
 * A restore seen from live clients, against a real server: the store is restored from an online backup
 * under a new epoch while clients hold state of the old history. A client AHEAD of the restored store
 * (seq greater than its) and one BEHIND it with state of the old epoch both end exactly at the restored
 * server's state, with nothing of the history the restore undid.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveClient, type LiveState } from "../../client/live/index.js";
import { SNAPSHOT_COLLECTIONS, StateSnapshot } from "../../shared/entities.js";
import { backupSqlite, restoreSqlite } from "../../server/ops/sqlite-backup.js";
import { makeStaff, makeUnit } from "../helpers/fixtures.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";
import { until } from "../helpers/wait.js";

let server: TestServer;
let coord: Client;
const clients: LiveClient[] = [];

beforeAll(async () => {
  server = await startServer({ seed: "accounts" });
  coord = await server.as("koordinator");
});
afterAll(async () => {
  for (const c of clients) c.stop();
  await server.close();
});

function live(name: string): { client: LiveClient; errors: string[] } {
  const errors: string[] = [];
  const client = new LiveClient({
    origin: server.url, getToken: () => coord.token, notifyMs: 0, retryMs: 100, gapWaitMs: 0,
    socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 200, transports: ["websocket"] },
    onError: (message) => errors.push(`${name}: ${message}`),
  });
  clients.push(client);
  return { client, errors };
}

const seqOf = async () => StateSnapshot.parse((await coord.get("/state")).body).seq;

/** Every snapshot collection of the client, by id, next to the server's snapshot: equal, or the first difference. */
function expectSameState(state: LiveState, truth: StateSnapshot, who: string) {
  expect(state.seq, who).toBe(truth.seq);
  expect(state.epoch, who).toBe(truth.epoch);
  for (const c of SNAPSHOT_COLLECTIONS) {
    const mine = new Map(state[c] as ReadonlyMap<string, unknown>);
    const theirs = new Map((truth[c] as { id: string }[]).map((x) => [x.id, x]));
    expect(mine, `${who}: ${c}`).toEqual(theirs);
  }
}

describe("restore under a new epoch, with live clients", () => {
  it("a client ahead of the restored store and one behind it with the old epoch both end exactly at the restored state", async () => {
    const file = join(server.dir, "siaga.sqlite");
    const unit = await makeUnit(coord);
    for (let i = 0; i < 3; i++) await makeStaff(coord, unit.id, ["logistik"]);

    const behind = live("behind");
    behind.client.start();
    await until(() => behind.client.getStatus().conn === "live" && behind.client.getState() !== null, "the first client live");
    const oldEpoch = behind.client.getState()!.epoch;
    expect(oldEpoch).toBe(server.store.epoch);

    // The backup, taken online.
    const backup = await backupSqlite(file, join(server.dir, "offsite", "backup.sqlite"));
    const s0 = await seqOf();
    expect(backup.seq).toBe(s0);

    // The old history goes on past the backup: the restore will undo this.
    const undone = await makeUnit(coord);
    for (let i = 0; i < 4; i++) await makeStaff(coord, undone.id, ["medis"]);
    await until(() => behind.client.getStatus().seq === s0 + 5, "the first client at s0 + 5");
    behind.client.stop(); // offline (a laptop closed) with state of the old history at s0 + 5
    let version = (await coord.get(`/units/${unit.id}`)).body.version as number;
    for (let i = 0; i < 5; i++) version = (await coord.patch(`/units/${unit.id}`, { version, workload: 20 + i })).body.version;

    const ahead = live("ahead");
    ahead.client.start();
    await until(() => ahead.client.getStatus().conn === "live" && ahead.client.getStatus().seq === s0 + 10, "the second client at s0 + 10");
    expect(ahead.client.getState()!.units.has(undone.id)).toBe(true);

    // Restore, with the server stopped; it comes back on the same port.
    let newEpoch = "";
    await server.restart(() => {
      newEpoch = restoreSqlite(backup.file, file, join(server.dir, "backups"), server.clock.now()).epoch!;
    });
    expect(server.store.epoch).toBe(newEpoch);
    expect(newEpoch).not.toBe(oldEpoch);

    // The second client reconnects by itself, ahead of the restored store (s0 + 10 > s0).
    await until(() => ahead.client.getStatus().conn === "live" && ahead.client.getState()?.epoch === newEpoch, "the second client in the new epoch");
    expectSameState(ahead.client.getState()!, StateSnapshot.parse((await coord.get("/state")).body), "ahead");
    expect(ahead.client.getState()!.units.has(undone.id)).toBe(false);

    // The new history passes the old one: the same seqs now mean other changes.
    const fresh = await makeUnit(coord);
    for (let i = 0; i < 14; i++) await makeStaff(coord, fresh.id, ["sosial"]);
    version = (await coord.get(`/units/${unit.id}`)).body.version as number;
    for (let i = 0; i < 5; i++) version = (await coord.patch(`/units/${unit.id}`, { version, workload: 40 + i })).body.version;
    const last = await seqOf();
    expect(last).toBe(s0 + 20);

    // The first client comes back behind the restored store (s0 + 5 < s0 + 20), with the old epoch.
    behind.client.start();
    await until(() => behind.client.getStatus().conn === "live" && behind.client.getStatus().seq === last && behind.client.getState()?.epoch === newEpoch, "the first client in the new epoch");
    await until(() => ahead.client.getStatus().seq === last, "the second client at the last seq");

    const truth = StateSnapshot.parse((await coord.get("/state")).body);
    expect(truth.epoch).toBe(newEpoch);
    for (const [who, c] of [["behind", behind.client], ["ahead", ahead.client]] as const) {
      expectSameState(c.getState()!, truth, who);
      expect(c.getState()!.units.has(undone.id), who).toBe(false);
      expect(c.getState()!.units.has(fresh.id), who).toBe(true);
    }
    expect([...behind.errors, ...ahead.errors]).toEqual([]);
  });
});
