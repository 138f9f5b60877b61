/**
 * What the staff member's phone needs of the API (issue 14 item 5): "Saya tidak bisa hadir" (the
 * `excuse` step: the person's own decline, with a reason, seen by everyone at once), a NIP typed with
 * spaces signs in, and an incident's post carries its name, address, phones and planned duration.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginName } from "../../shared/api.js";
import { startServer, type Client, type TestServer } from "../helpers/server.js";

let server: TestServer;
let coord: Client;

interface StaffRow { id: string; nip: string; homeUnitId: string; skills: string[]; status: string }
interface UnitRow { id: string; code: string; floor: number }

beforeAll(async () => {
  server = await startServer({ seed: "maulafa" });
  coord = await server.as("koordinator");
});
afterAll(() => server.close());

const used = new Set<string>();
async function requested(post?: unknown) {
  const state = (await coord.get("/state")).body as { units: UnitRow[]; staff: StaffRow[] };
  let pick: { person: StaffRow; unit: UnitRow } | undefined;
  for (const unit of state.units) {
    const people = state.staff.filter((s) => s.homeUnitId === unit.id && s.status === "available" && !used.has(s.id));
    const person = people.find((s) => s.skills.includes("logistik"));
    if (person && people.length > unit.floor + 3) { pick = { person, unit }; break; }
  }
  if (!pick) throw new Error("no spare logistik person");
  used.add(pick.person.id);
  const inc = await coord.post("/incidents", { type: "banjir", title: "Banjir ponsel", severity: 3, location: { lat: -10.2, lng: 123.61 }, ...(post ? { post } : {}), needs: [{ skill: "logistik", count: 1, priority: 3 }] });
  expect(inc.status).toBe(201);
  const asg = await coord.post("/assignments", { staffId: pick.person.id, needId: inc.body.needs[0].id });
  return { asg: asg.body as { id: string; version: number }, incident: inc.body, ...pick };
}

describe("the staff member's phone, through the API", () => {
  it("excuse: the person declines their own request or confirmation with a reason; nobody else may", async () => {
    const { asg, person, unit } = await requested();
    const head = await server.as(`kepala.${unit.code}`);
    const confirmed = await head.post(`/assignments/${asg.id}/confirm`, { version: asg.version });
    const staff = await server.as(person.nip);
    expect((await staff.post(`/assignments/${asg.id}/excuse`, { version: confirmed.body.version })).status).toBe(400); // no reason
    expect((await head.post(`/assignments/${asg.id}/excuse`, { version: confirmed.body.version, reason: "x" })).status).toBe(403);
    expect((await coord.post(`/assignments/${asg.id}/excuse`, { version: confirmed.body.version, reason: "x" })).status).toBe(403);
    const before = await server.store.lastSeq();
    const excused = await staff.post(`/assignments/${asg.id}/excuse`, { version: confirmed.body.version, reason: "Anak saya sakit" });
    expect(excused.status).toBe(200);
    expect(excused.body.state).toBe("declined");
    expect(excused.body.history.at(-1)).toMatchObject({ state: "declined", by: person.nip, reason: "Anak saya sakit" });
    // One event, the decline the unit head and the coordinator already watch for.
    const events = await server.store.eventsSince(before, 10);
    expect(events.map((e) => e.type)).toEqual(["assignment.declined"]);
    // Once declined, the step is gone.
    expect((await staff.post(`/assignments/${asg.id}/excuse`, { version: excused.body.version, reason: "lagi" })).status).toBe(409);
  });

  it("another person may not excuse someone else's assignment", async () => {
    const { asg } = await requested();
    const { person: other } = await requested();
    const stranger = await server.as(other.nip);
    expect((await stranger.post(`/assignments/${asg.id}/excuse`, { reason: "bukan saya" })).status).toBe(403);
  });

  it("a NIP typed with spaces, dots or dashes signs in; other names are untouched", async () => {
    const { person } = await requested();
    const spaced = `${person.nip.slice(0, 8)} ${person.nip.slice(8, 14)} ${person.nip.slice(14, 15)} ${person.nip.slice(15)}`;
    expect((await server.as(spaced)).user.staffId).toBe(person.id);
    expect(loginName(`${person.nip.slice(0, 8)}.${person.nip.slice(8)}`)).toBe(person.nip);
    expect(loginName("kepala.dinsos")).toBe("kepala.dinsos");
    expect(loginName("1234 5678")).toBe("1234 5678");
  });

  it("an incident's post carries name, address, phones and planned duration; bad ones are 400 and change nothing", async () => {
    const post = { name: "Posko Kelurahan Bello", address: "Jl. Bello No. 3", phone: "0812 3456 7890", coordinatorPhone: "+62 813 1111 2222", plannedHours: 8 };
    const { incident } = await requested(post);
    expect(incident.post).toEqual(post);
    const bad = await coord.patch(`/incidents/${incident.id}`, { version: incident.version, post: { phone: "call me" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("post.phone");
    const cleared = await coord.patch(`/incidents/${incident.id}`, { version: incident.version, post: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.post).toBeUndefined();
  });
});
