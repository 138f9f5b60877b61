/**
 * Web Push (issue 14 item 1), with real parts: the real server and its real web-push library send over
 * real HTTP to a push service written here (tests/helpers/push-service.ts), which checks each push's
 * VAPID JWT and decrypts its aes128gcm body with the private key of the device, a key pair made here as
 * a browser makes one. A new request reaches the unit head's devices, a confirmation the person's, a
 * decline every coordinator's, and nobody else hears anything; 404/410 drop the subscription; a failing
 * push service is retried and then given up, and a write never waits for any of it.
 */
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../server/config.js";
import type { PushPayload } from "../../shared/push.js";
import { makeIncident, makeStaff, makeUnit } from "../helpers/fixtures.js";
import { startPushService, type PushService } from "../helpers/push-service.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:siaga@kupangkota.go.id" };
const PASSWORD = "kata-sandi-uji";

let service: PushService;
let server: TestServer;
let coord: Client, coord2: Client, headA: Client, headB: Client, person: Client;
let unitA: { id: string }, personId = "";

async function account(body: Record<string, unknown>): Promise<Client> {
  const res = await coord.post("/users", { password: PASSWORD, ...body });
  if (res.status !== 201) throw new Error(`user: ${res.status} ${JSON.stringify(res.body)}`);
  return server.as(body.username as string, PASSWORD);
}

/** A device of this client: its subscription, as the browser would send it. */
async function subscribe(client: Client, device: string) {
  const res = await client.post("/push/subscriptions", service.device(device));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

const stored = () => server.store.read((tx) => tx.find("pushSubscriptions"));

/** What reached the devices while `act` ran and the pushes it caused went out. */
async function pushed(act: () => Promise<unknown>): Promise<{ device: string; payload: PushPayload; headers: Record<string, unknown>; status: number }[]> {
  await server.app.push!.idle(); // what earlier steps caused is not this step's
  const from = service.received.length;
  await act();
  await server.app.push!.idle();
  return service.received.slice(from) as never;
}

/** A fresh requested assignment of a new person of unit A (or of `staffId`). */
async function request(staffId?: string) {
  const id = staffId ?? (await makeStaff(coord, unitA.id, ["logistik"])).id;
  const incident = await makeIncident(coord, [{ skill: "logistik", count: 1, priority: 4 }]);
  const res = await coord.post("/assignments", { staffId: id, needId: incident.needs[0]!.id });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number; state: string };
}

const metric = async (result: string) => {
  const m = await server.app.metrics.registry.getSingleMetric("siaga_push_deliveries_total")!.get();
  return m.values.find((v) => v.labels.result === result)?.value ?? 0;
};

beforeAll(async () => {
  service = await startPushService(vapid);
  server = await startServer({ seed: "accounts", push: { vapid, allowHttpLocalhost: true, retryDelaysMs: [0, 0] } });
  coord = await server.as("koordinator");
  unitA = await makeUnit(coord);
  const unitB = await makeUnit(coord);
  const p = await makeStaff(coord, unitA.id, ["logistik"]);
  personId = p.id;
  coord2 = await account({ username: "koordinator.dua", role: "coordinator" });
  headA = await account({ username: "kepala.a", role: "unit_head", unitId: unitA.id });
  headB = await account({ username: "kepala.b", role: "unit_head", unitId: unitB.id });
  person = await account({ username: p.nip, role: "staff", staffId: p.id });
  await subscribe(coord, "koordinator");
  await subscribe(coord2, "koordinator.dua");
  await subscribe(headA, "kepala.a");
  await subscribe(headB, "kepala.b");
  await subscribe(person, "person");
});
afterAll(async () => {
  await server?.close();
  await service?.close();
});

describe("Web Push, end to end through a push service", () => {
  it("GET /api/push/key gives the deployment's VAPID public key", async () => {
    expect((await person.get("/push/key")).body).toEqual({ enabled: true, publicKey: vapid.publicKey });
  });

  it("a new request reaches the unit head's device with a typed payload, and nobody else's", async () => {
    let a!: Awaited<ReturnType<typeof request>>;
    const got = await pushed(async () => { a = await request(personId); });
    expect(got.map((g) => g.device)).toEqual(["kepala.a"]);
    const seq = (await server.store.eventsSince(0, 10_000)).find((e) => e.type === "assignment.created" && (e.data as { id: string }).id === a.id)!.seq;
    expect(got[0]!.payload).toEqual({ v: 1, kind: "requested", tag: `${a.id}:requested`, assignmentId: a.id, name: "Yohanis Uji", site: "Banjir uji", seq });
    // Urgent, kept a shift long, and one topic per fact so an undelivered older copy is replaced.
    expect(got[0]!.headers).toMatchObject({ urgency: "high", ttl: String(12 * 3600), "content-encoding": "aes128gcm" });
    expect(got[0]!.headers.topic).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(service.refused).toEqual([]);

    // The unit head confirms: the person hears of it, nobody else (the unit head's own step is no news to them).
    const confirmed = await pushed(() => headA.post(`/assignments/${a.id}/confirm`, { version: a.version }));
    expect(confirmed.map((g) => [g.device, g.payload.kind, g.payload.tag])).toEqual([["person", "confirmed", `${a.id}:confirmed`]]);
    // Ended by the coordinator: no one's alert.
    const cancel = await coord.get(`/assignments/${a.id}`);
    expect(await pushed(() => coord.post(`/assignments/${a.id}/cancel`, { version: cancel.body.version }))).toEqual([]);
  });

  it("a decline reaches every coordinator's device with its reason; the person's own excuse too", async () => {
    const a = await request();
    const declined = await pushed(() => headA.post(`/assignments/${a.id}/decline`, { version: a.version, reason: "Puskesmas sedang penuh pasien" }));
    expect(declined.map((g) => g.device).sort()).toEqual(["koordinator", "koordinator.dua"]);
    for (const g of declined) expect(g.payload).toMatchObject({ kind: "declined", tag: `${a.id}:declined`, reason: "Puskesmas sedang penuh pasien", site: "Banjir uji" });

    const b = await request(personId);
    const excused = await pushed(() => person.post(`/assignments/${b.id}/excuse`, { version: b.version, reason: "Anak saya sakit" }));
    expect(excused.map((g) => [g.device, g.payload.kind, g.payload.reason]).sort()).toEqual([["koordinator", "declined", "Anak saya sakit"], ["koordinator.dua", "declined", "Anak saya sakit"]]);
    expect(service.refused).toEqual([]);
  });

  it("one user, several devices: each gets its own copy", async () => {
    const second = await server.as("kepala.a", PASSWORD);
    const tablet = service.device("kepala.a.tablet");
    expect((await second.post("/push/subscriptions", tablet)).status).toBe(201);
    const got = await pushed(() => request());
    expect(got.map((g) => g.device).sort()).toEqual(["kepala.a", "kepala.a.tablet"]);
    expect(got[0]!.payload.assignmentId).toBe(got[1]!.payload.assignmentId);
    expect((await second.del("/push/subscriptions", { endpoint: tablet.endpoint })).status).toBe(204);
  });

  it("a 410 or a 404 from the push service drops that subscription, and it hears nothing more", async () => {
    const tablet = await server.as("kepala.a", PASSWORD);
    const { id } = await subscribe(tablet, "kepala.a.gone");
    service.answer("kepala.a.gone", 410);
    const gone = await metric("gone");
    const first = await pushed(() => request());
    expect(first.filter((g) => g.device === "kepala.a.gone").map((g) => g.status)).toEqual([410]);
    expect((await stored()).map((s) => s.id)).not.toContain(id);
    expect(await metric("gone")).toBe(gone + 1);
    const after = await pushed(() => request());
    expect(after.map((g) => g.device)).not.toContain("kepala.a.gone");

    const other = await subscribe(tablet, "kepala.a.404");
    service.answer("kepala.a.404", 404);
    await pushed(() => request());
    expect((await stored()).map((s) => s.id)).not.toContain(other.id);
  });

  it("a push service in trouble (5xx, 429) is tried again and the push arrives once; a refusal (400) is given up at once", async () => {
    service.answer("kepala.b", 503, 429);
    const retried = await metric("retried");
    const unitB = (await headB.get("/me")).body.unitId as string;
    const staff = await makeStaff(coord, unitB, ["logistik"]);
    const got = await pushed(() => request(staff.id));
    expect(got.filter((g) => g.device === "kepala.b").map((g) => g.status)).toEqual([503, 429, 201]);
    expect(await metric("retried")).toBe(retried + 2);

    service.answer("kepala.b", 400);
    const failed = await metric("failed");
    const refused = await pushed(async () => request((await makeStaff(coord, unitB, ["logistik"])).id));
    expect(refused.filter((g) => g.device === "kepala.b").map((g) => g.status)).toEqual([400]);
    expect(await metric("failed")).toBe(failed + 1);
    // Kept: a bad answer once is no reason to forget the device.
    expect((await stored()).some((s) => s.username === "kepala.b")).toBe(true);

    // Always failing: three tries in all, then given up and counted.
    service.answer("kepala.b", 500, 500, 500);
    const again = await pushed(async () => request((await makeStaff(coord, unitB, ["logistik"])).id));
    expect(again.filter((g) => g.device === "kepala.b").map((g) => g.status)).toEqual([500, 500, 500]);
    expect(await metric("failed")).toBe(failed + 2);
  });

  it("a write never waits for its push: the request answers while the push service holds the push", async () => {
    const release = service.hold("kepala.a");
    const arrived = service.next("kepala.a");
    const a = await request();
    expect(a.state).toBe("requested");
    await arrived; // the push came after the answer, and is still unanswered here
    expect(service.received.some((r) => (r.payload as PushPayload).assignmentId === a.id)).toBe(false);
    release();
    await server.app.push!.idle();
    expect(service.received.filter((r) => (r.payload as PushPayload).assignmentId === a.id).map((r) => r.device)).toEqual(["kepala.a"]);
  });

  it("a device whose session has ended (logout) hears nothing and is dropped; the same device signing in again is moved to the new session", async () => {
    const phone = await server.as("kepala.a", PASSWORD);
    const { id } = await subscribe(phone, "kepala.a.logout");
    const subscription = (await stored()).find((s) => s.id === id)!;
    expect((await phone.post("/auth/logout")).status).toBe(204);
    const ended = await metric("ended");
    const got = await pushed(() => request());
    expect(got.map((g) => g.device)).not.toContain("kepala.a.logout");
    expect((await stored()).map((s) => s.id)).not.toContain(id);
    expect(await metric("ended")).toBe(ended + 1);

    // The browser keeps its subscription; the next session sends the same one again and hears again.
    const again = await server.as("kepala.a", PASSWORD);
    expect((await again.post("/push/subscriptions", { endpoint: subscription.endpoint, expirationTime: null, keys: subscription.keys })).body.id).toBe(id);
    expect((await pushed(() => request())).map((g) => g.device)).toContain("kepala.a.logout");
    await again.del("/push/subscriptions", { endpoint: subscription.endpoint });
  });

  it("one record per device: another user signing in on it takes it over; DELETE forgets one's own device only", async () => {
    const shared = service.device("shared-phone");
    const first = await headB.post("/push/subscriptions", shared);
    const taken = await person.post("/push/subscriptions", shared);
    expect(taken.body.id).toBe(first.body.id);
    expect((await stored()).filter((s) => s.endpoint === shared.endpoint).map((s) => s.username)).toEqual([person.user.username]);
    // Someone else's device is not theirs to forget; one's own goes, and forgetting it again is no error.
    const forbidden = await headB.del("/push/subscriptions", { endpoint: shared.endpoint });
    expect([forbidden.status, forbidden.body.error.code]).toEqual([403, "forbidden"]);
    expect((await person.del("/push/subscriptions", { endpoint: shared.endpoint })).status).toBe(204);
    expect((await person.del("/push/subscriptions", { endpoint: shared.endpoint })).status).toBe(204);
    expect((await stored()).some((s) => s.endpoint === shared.endpoint)).toBe(false);
  });

  it("bad subscription bodies are 400 naming their fields, and change nothing", async () => {
    const good = service.device("bad-bodies");
    const notOnCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString("base64url");
    const cases: [unknown, string[]][] = [
      [{ ...good, endpoint: "http://push.example.com/x" }, ["endpoint"]],
      [{ ...good, endpoint: "https://10.0.0.8/push/x" }, ["endpoint"]],
      [{ ...good, endpoint: "https://intranet/push/x" }, ["endpoint"]],
      [{ ...good, endpoint: "ftp://push.example.com/x" }, ["endpoint"]],
      [{ ...good, endpoint: "bukan alamat" }, ["endpoint"]],
      [{ ...good, keys: { ...good.keys, p256dh: "BBBB" } }, ["keys.p256dh"]],
      [{ ...good, keys: { ...good.keys, p256dh: notOnCurve } }, ["keys.p256dh"]],
      [{ ...good, keys: { p256dh: good.keys.p256dh } }, ["keys.auth"]],
      [{ ...good, keys: { ...good.keys, auth: "pendek" } }, ["keys.auth"]],
      [{ ...good, extra: true }, ["(root)"]],
      [{ endpoint: good.endpoint }, ["keys"]],
      [{ ...good, expirationTime: "besok" }, ["expirationTime"]],
    ];
    const before = await stored();
    const seq = await server.store.lastSeq();
    for (const [body, paths] of cases) {
      const res = await person.post("/push/subscriptions", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("validation");
      expect((res.body.error.details as { path: string }[]).map((d) => d.path), JSON.stringify(body)).toEqual(paths);
    }
    expect(await stored()).toEqual(before);
    expect(await server.store.lastSeq()).toBe(seq);
  });

  it("subscriptions stay on the server: in no snapshot and no event", async () => {
    const state = await coord.get("/state");
    expect(Object.keys(state.body)).not.toContain("pushSubscriptions");
    const events = await server.store.eventsSince(0, 100_000);
    expect(events.some((e) => e.type.startsWith("pushSubscription") || JSON.stringify(e.data).includes("/push/"))).toBe(false);
  });
});

describe("a push service that never answers", () => {
  let slow: TestServer;
  afterAll(() => slow?.close());

  it("is given up after the timeout and the retries, counted as failed; the write had answered long before", async () => {
    slow = await startServer({ seed: "accounts", push: { vapid, allowHttpLocalhost: true, timeoutMs: 100, retryDelaysMs: [0] } });
    const c = await slow.as("koordinator");
    const unit = await makeUnit(c);
    await c.post("/users", { username: "kepala.lambat", password: PASSWORD, role: "unit_head", unitId: unit.id });
    const head = await slow.as("kepala.lambat", PASSWORD);
    expect((await head.post("/push/subscriptions", service.device("lambat"))).status).toBe(201);
    const release = service.hold("lambat");
    try {
      const staff = await makeStaff(c, unit.id, ["logistik"]);
      const incident = await makeIncident(c, [{ skill: "logistik", count: 1, priority: 3 }]);
      expect((await c.post("/assignments", { staffId: staff.id, needId: incident.needs[0]!.id })).status).toBe(201);
      await slow.app.push!.idle();
      const m = await slow.app.metrics.registry.getSingleMetric("siaga_push_deliveries_total")!.get();
      const count = (result: string) => m.values.find((v) => v.labels.result === result)?.value;
      expect([count("retried"), count("failed"), count("sent")]).toEqual([1, 1, 0]);
    } finally {
      release();
    }
  });
});

describe("push off", () => {
  let off: TestServer;
  beforeAll(async () => { off = await startServer({ seed: "accounts" }); });
  afterAll(() => off?.close());

  it("without VAPID keys the API says so, refuses a subscription and stores nothing; writes go on", async () => {
    const c = await off.as("koordinator");
    expect((await c.get("/push/key")).body).toEqual({ enabled: false });
    const res = await c.post("/push/subscriptions", { endpoint: "https://fcm.googleapis.com/fcm/send/abc", expirationTime: null, keys: service.device("off").keys });
    expect([res.status, res.body.error.code, res.body.error.details.reason]).toEqual([409, "conflict", "push_off"]);
    expect(await off.store.read((tx) => tx.count("pushSubscriptions"))).toBe(0);
    expect(off.app.push).toBeUndefined();
    expect((await c.post("/units", { code: "mati", name: "Unit Tanpa Push", kind: "dinas", location: { lat: -10.2, lng: 123.6 }, kelurahan: "53.71.02.1001", floor: 0, workload: 1 })).status).toBe(201);
  });
});

describe("VAPID configuration", () => {
  const env = { SIAGA_VAPID_PUBLIC_KEY: vapid.publicKey, SIAGA_VAPID_PRIVATE_KEY: vapid.privateKey, SIAGA_VAPID_SUBJECT: vapid.subject };

  it("all three set: push on; none: off", () => {
    expect(readConfig(env).push).toEqual({ vapid, allowHttpLocalhost: false });
    expect(readConfig({ ...env, SIAGA_PUSH_ALLOW_HTTP_LOCALHOST: "1" }).push?.allowHttpLocalhost).toBe(true);
    expect(readConfig({}).push).toBeUndefined();
    expect(readConfig({ SIAGA_VAPID_PUBLIC_KEY: "", SIAGA_VAPID_PRIVATE_KEY: "", SIAGA_VAPID_SUBJECT: "" }).push).toBeUndefined();
  });

  it("half a configuration, a key pasted wrong, a pair that does not match or a bad subject refuses to start, naming the variable", () => {
    expect(() => readConfig({ SIAGA_VAPID_PUBLIC_KEY: vapid.publicKey })).toThrow(/SIAGA_VAPID_PRIVATE_KEY: Web Push needs all three[\s\S]*SIAGA_VAPID_SUBJECT: Web Push needs all three/);
    expect(() => readConfig({ ...env, SIAGA_VAPID_PUBLIC_KEY: vapid.publicKey.slice(1) })).toThrow(/SIAGA_VAPID_PUBLIC_KEY: the base64url/);
    expect(() => readConfig({ ...env, SIAGA_VAPID_PRIVATE_KEY: webpush.generateVAPIDKeys().privateKey })).toThrow(/SIAGA_VAPID_PRIVATE_KEY: this private key does not belong/);
    expect(() => readConfig({ ...env, SIAGA_VAPID_SUBJECT: "siaga@kupangkota.go.id" })).toThrow(/SIAGA_VAPID_SUBJECT: a contact/);
  });
});
