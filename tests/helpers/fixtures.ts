/** Builders for small worlds made through the real API. */
import type { Skill } from "../../shared/domain.js";
import type { Client } from "./server.js";

let nipSeq = 0;
/** A valid, unique NIP: born 1985-mm-dd, TMT 2010-mm, gender 1|2, running sequence. */
export function nextNip(): string {
  nipSeq++;
  const day = String((nipSeq % 28) + 1).padStart(2, "0");
  const month = String((Math.floor(nipSeq / 28) % 12) + 1).padStart(2, "0");
  const seq = String((Math.floor(nipSeq / 336) % 999) + 1).padStart(3, "0");
  return `1985${month}${day}2010${month}${nipSeq % 2 ? 1 : 2}${seq}`;
}

let unitSeq = 0;
export async function makeUnit(coord: Client, opts: { floor?: number; workload?: number; lat?: number; lng?: number } = {}) {
  unitSeq++;
  const res = await coord.post("/units", {
    code: `uji-${process.pid}-${unitSeq}`,
    name: `Unit Uji ${unitSeq}`,
    kind: "dinas",
    location: { lat: opts.lat ?? -10.2, lng: opts.lng ?? 123.62 },
    kelurahan: "53.71.02.1001",
    floor: opts.floor ?? 0,
    workload: opts.workload ?? 2,
  });
  if (res.status !== 201) throw new Error(`makeUnit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; code: string };
}

export async function makeStaff(coord: Client, unitId: string, skills: Skill[] = ["sosial"], extra: Record<string, unknown> = {}) {
  const res = await coord.post("/staff", {
    nip: nextNip(),
    name: "Yohanis Uji",
    homeUnitId: unitId,
    jabatan: "Penata",
    golongan: "III/a",
    skills,
    phone: "+62 812-3456-7890",
    ...extra,
  });
  if (res.status !== 201) throw new Error(`makeStaff: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; nip: string };
}

export async function makeIncident(coord: Client, needs: { skill: Skill; count: number; priority: number }[]) {
  const res = await coord.post("/incidents", {
    type: "banjir", title: "Banjir uji", severity: 3, location: { lat: -10.21, lng: 123.63 }, radiusM: 500, kelurahan: ["53.71.02.1008"], needs,
  });
  if (res.status !== 201) throw new Error(`makeIncident: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; needs: { id: string; skill: Skill; count: number }[] };
}
