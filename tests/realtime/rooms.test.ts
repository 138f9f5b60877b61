/**
 * Issue 16, item 5: a link (unitId, staffId) belongs to one role, and the live feed's private rooms are
 * named by role and derived from the policy's staff.phone.read, so an account that carries a unitId it
 * should not have (made before this check) still gets no phone numbers pushed.
 */
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Event, type PublicUser, type Staff } from "../../shared/domain.js";
import { can } from "../../shared/policy.js";
import { hashPassword } from "../../server/auth/passwords.js";
import { privateRooms, roomsOf } from "../../server/privacy.js";
import { makeStaff, makeUnit } from "../helpers/fixtures.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";
import { until } from "../helpers/wait.js";

const PASSWORD = "Layar-Posko-Oepura-4";

describe("[16.5] private rooms follow the phone rule", () => {
  it("for every role, linked to this unit or another, in a room that gets the phone exactly when the policy shows it", () => {
    const staff = { id: "S1", homeUnitId: "U1", phone: "+62 812", version: 1 } as unknown as Staff;
    const event: Event = { seq: 1, at: "2026-12-20T00:00:00.000Z", type: "staff.updated", actor: "x", data: staff };
    const rooms = new Set(privateRooms(event));
    const users: PublicUser[] = ROLES.flatMap((role) => [
      { username: "u", role },
      { username: "u", role, unitId: "U1" }, { username: "u", role, unitId: "U2" },
      { username: "u", role, staffId: "S1" }, { username: "u", role, staffId: "S2" },
      { username: "u", role, unitId: "U1", staffId: "S1" },
    ]);
    for (const user of users) {
      const receives = roomsOf(user).some((r) => rooms.has(r));
      expect(receives, JSON.stringify(user)).toBe(can(user, "staff.phone.read", staff));
    }
  });
});

describe("a mutasi plan's moves, reviews, decision and SK", () => {
  it("go to a room of every user the policy lets read plans, and of no one else", () => {
    const plan = { id: "mplan-1", cycleId: "c", createdAt: "2026-12-20T00:00:00.000Z", createdBy: "k", inputHash: "h", result: { moves: [] }, reviews: [], version: 1 };
    const event: Event = { seq: 1, at: "2026-12-20T00:00:00.000Z", type: "mutasi_plan.created", actor: "k", data: plan };
    const rooms = new Set(privateRooms(event));
    expect(rooms.size).toBeGreaterThan(0);
    const users: PublicUser[] = ROLES.flatMap((role) => [{ username: "u", role }, { username: "u", role, unitId: "U1" }, { username: "u", role, staffId: "S1" }]);
    for (const user of users) {
      expect(roomsOf(user).some((r) => rooms.has(r)), JSON.stringify(user)).toBe(can(user, "mutasi.plan.read"));
    }
  });
});

describe("[16.5] links by role, over a real server", () => {
  let server: TestServer;
  let coord: Client;
  let unitId: string;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startServer({ seed: "accounts" });
    coord = await server.as("koordinator");
    unitId = (await makeUnit(coord)).id;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  it("a screen, coordinator or staff account with a unitId, or a non-staff one with a staffId, is a 400 and no account is made", async () => {
    const person = await makeStaff(coord, unitId);
    const cases = [
      { username: "layar.unit", role: "screen", unitId, path: "unitId" },
      { username: "koord.unit", role: "coordinator", unitId, path: "unitId" },
      { username: "pegawai.unit", role: "staff", staffId: person.id, unitId, path: "unitId" },
      { username: "kepala.staff", role: "unit_head", unitId, staffId: person.id, path: "staffId" },
      { username: "layar.staff", role: "screen", staffId: person.id, path: "staffId" },
    ];
    for (const { path, ...body } of cases) {
      const res = await coord.post("/users", { ...body, password: PASSWORD });
      expect(res.status, body.username).toBe(400);
      expect(res.body.error.details).toContainEqual(expect.objectContaining({ path, reason: "link_not_for_role" }));
    }
    const users = await server.store.read((tx) => tx.find("users", {}));
    expect(users.map((u) => u.username).sort()).toEqual(["koordinator", "layar", "plh.walikota", "walikota"]); // the seeded accounts only
  });

  it("a screen account stored with a unitId gets that unit's staff changes without the phone; the coordinator gets it", async () => {
    await server.store.transact(async (tx) => {
      await tx.insert("users", { id: "usr-legacy-screen", username: "layar.lama", role: "screen", unitId, passwordHash: await hashPassword(PASSWORD) });
    });
    const screen = await server.as("layar.lama", PASSWORD);
    const person = await makeStaff(coord, unitId);
    const got: Record<string, Event[]> = { screen: [], coord: [] };
    for (const [name, token] of [["screen", screen.token], ["coord", coord.token]] as const) {
      const socket = io(server.url + "/live", { auth: { token }, transports: ["websocket"], reconnection: false });
      sockets.push(socket);
      socket.on("event", (e: Event) => got[name]!.push(e));
      await new Promise<void>((resolve, reject) => { socket.once("connect", resolve); socket.once("connect_error", reject); });
      expect((await socket.timeout(10_000).emitWithAck("resume", { since: null })).ok).toBe(true);
    }
    const res = await coord.patch(`/staff/${person.id}`, { version: person.version, phone: "+62 813-1111-2222" });
    expect(res.status).toBe(200);
    const updated = (list: Event[]) => list.find((e) => e.type === "staff.updated" && (e.data as { id: string }).id === person.id);
    await until(() => updated(got.screen!) !== undefined && updated(got.coord!) !== undefined, "the staff change on both sockets");
    expect(updated(got.screen!)!.data).not.toHaveProperty("phone");
    expect((updated(got.coord!)!.data as { phone: string }).phone).toBe("+62 813-1111-2222");
  });
});
