import { describe, expect, it } from "vitest";
import { IncidentCreate, ReleaseCreate, SpikeCreate } from "../../shared/api.js";
import type { Skill, Staff, Unit } from "../../shared/domain.js";
import { buildSeed } from "../../seed/index.js";
import { featureAt, pointInGeometry, pointInPolygon } from "../../seed/geometry.js";
import { buildScenario, FICTIONAL, scenarioDemand, type Scenario } from "../../seed/scenario.js";
import { kelurahanByName } from "../../seed/wilayah.js";
import { kelurahanLayer, outlineLayer, readGeo } from "./geo-files.js";

const now = new Date("2026-01-12T06:00:00+08:00");
const seed = buildSeed();
const scenario = buildScenario({ now, ...seed });
const layer = kelurahanLayer();
const outline = outlineLayer().features[0]!.geometry;
const polygonOf = (code: string) => layer.features.find((f) => f.properties.kode === code)!.geometry;

describe("demo scenario", () => {
  it("is plain, valid API bodies, labelled fictional everywhere", () => {
    expect(JSON.parse(JSON.stringify(scenario))).toEqual(scenario);
    expect(scenario.meta.fictional).toBe(true);
    expect(scenario.meta.title.startsWith(FICTIONAL)).toBe(true);
    expect(scenario.meta.description.startsWith(FICTIONAL)).toBe(true);
    expect(scenario.meta.impacts).toHaveLength(scenario.incidents.length);
    for (const i of scenario.incidents) {
      expect(IncidentCreate.parse(i)).toEqual(i);
      expect(i.title.startsWith(FICTIONAL), i.title).toBe(true);
    }
    for (const s of scenario.spikes) {
      expect(SpikeCreate.parse(s.body)).toEqual(s.body);
      expect(s.body.reason.startsWith(FICTIONAL)).toBe(true);
    }
    for (const r of scenario.releases) {
      expect(ReleaseCreate.parse(r.body)).toEqual(r.body);
      expect(r.body.note?.startsWith(FICTIONAL)).toBe(true);
    }
  });

  it("has floods and landslides in Sikumana, Bello and Kolhua, and evacuees sheltering in Maulafa", () => {
    const byPlace = (name: string) => scenario.incidents.filter((i) => i.kelurahan?.[0] === kelurahanByName(name).code);
    for (const name of ["Sikumana", "Bello", "Kolhua"]) {
      expect(byPlace(name).some((i) => i.type === "banjir" || i.type === "tanah_longsor"), name).toBe(true);
    }
    expect(scenario.incidents.some((i) => i.type === "tanah_longsor")).toBe(true);
    const shelter = scenario.incidents.find((i) => i.type === "lainnya")!;
    expect(shelter.kelurahan![0]!.startsWith("53.71.02.")).toBe(true);
    expect(shelter.kelurahan!.some((c) => !c.startsWith("53.71.02."))).toBe(true);
    for (const k of ["dapur_umum", "psikososial", "logistik", "sosial"]) expect(shelter.needs.map((n) => n.skill)).toContain(k);
    const pkm = scenario.spikes.find((s) => s.unitId === "unit-pkm-sikumana")!;
    expect(pkm.body.extraWorkload).toBeGreaterThan(0);
    expect(pkm.body.needs.map((n) => n.skill)).toEqual(expect.arrayContaining(["keperawatan", "medis"]));
  });

  it("places every incident in the kelurahan it names first, and command posts inside Maulafa", () => {
    const maulafa = readGeo("kota_kupang_kecamatan.geojson").features.find((f) => f.properties.kode === "53.71.02")!.geometry;
    for (const i of scenario.incidents) {
      const site = i.kelurahan![0]!;
      expect(featureAt(layer, i.location)?.properties.kode, i.title).toBe(site);
      if (i.polygon) {
        for (const [lng, lat] of i.polygon) expect(pointInGeometry({ lat, lng }, polygonOf(site)), i.title).toBe(true);
        expect(i.polygon[0]).toEqual(i.polygon[i.polygon.length - 1]);
        expect(pointInPolygon(i.location, [i.polygon])).toBe(true);
      }
      expect(i.radiusM === undefined && i.polygon === undefined).toBe(false);
      expect(pointInGeometry(i.commandPost!, maulafa), i.title).toBe(true);
      expect(pointInGeometry(i.commandPost!, outline)).toBe(true);
    }
  });

  it("references existing units and releases only their own available staff, keeping floors", () => {
    const units = new Map(seed.units.map((u) => [u.id, u]));
    const staff = new Map(seed.staff.map((s) => [s.id, s]));
    for (const s of scenario.spikes) expect(units.has(s.unitId), s.unitId).toBe(true);
    const released = new Set<string>();
    for (const r of scenario.releases) {
      const unit = units.get(r.unitId)!;
      expect(unit, r.unitId).toBeDefined();
      for (const id of r.body.staffIds) {
        expect(staff.get(id)?.homeUnitId, id).toBe(r.unitId);
        expect(staff.get(id)?.status).toBe("available");
        expect(released.has(id)).toBe(false);
        released.add(id);
      }
      const stay = seed.staff.filter((s) => s.homeUnitId === r.unitId && s.status === "available" && !released.has(s.id));
      expect(stay.length, r.unitId).toBeGreaterThanOrEqual(unit.floor);
      expect(Date.parse(r.body.until)).toBeGreaterThan(now.getTime());
    }
  });

  it("asks for a modest number of people (60–120)", () => {
    const demand = scenarioDemand(scenario);
    expect(demand).toBeGreaterThanOrEqual(60);
    expect(demand).toBeLessThanOrEqual(120);
  });

  it("can be fully covered by the seed's staff within unit floors (max flow)", () => {
    expect(coverable(scenario, seed.units, seed.staff)).toBe(scenarioDemand(scenario));
  });

  it("is deterministic for a given now", () => {
    expect(buildScenario({ now })).toEqual(scenario);
  });
});

/**
 * The most people the planner's hard constraints allow to be placed: a person fills one need with one of
 * their skills; a unit gives at most (available non-released − floor) non-released people, released ones
 * freely; a spiking unit does not fill its own spike. Edmonds–Karp on source → unit pool → person → need → sink.
 */
function coverable(s: Scenario, units: readonly Unit[], staff: readonly Staff[]): number {
  const released = new Set(s.releases.flatMap((r) => r.body.staffIds));
  const needs: { skill: Skill; count: number; exclude?: string }[] = [
    ...s.incidents.flatMap((i) => i.needs),
    ...s.spikes.flatMap((x) => x.body.needs.map((n) => ({ ...n, exclude: x.unitId }))),
  ];
  const avail = staff.filter((p) => p.status === "available");
  const S = 0;
  const T = 1;
  const unitNode = new Map(units.map((u, i) => [u.id, 2 + i]));
  const personBase = 2 + units.length;
  const needBase = personBase + avail.length;
  const n = needBase + needs.length;
  const cap = new Map<number, number>();
  const adj: number[][] = Array.from({ length: n }, () => []);
  const key = (a: number, b: number) => a * n + b;
  const edge = (a: number, b: number, c: number) => {
    if (!cap.has(key(a, b)) && !cap.has(key(b, a))) { adj[a]!.push(b); adj[b]!.push(a); }
    cap.set(key(a, b), (cap.get(key(a, b)) ?? 0) + c);
    if (!cap.has(key(b, a))) cap.set(key(b, a), 0);
  };
  for (const u of units) {
    const nonReleased = avail.filter((p) => p.homeUnitId === u.id && !released.has(p.id)).length;
    edge(S, unitNode.get(u.id)!, Math.max(0, nonReleased - u.floor));
  }
  avail.forEach((p, i) => {
    const node = personBase + i;
    if (released.has(p.id)) edge(S, node, 1);
    else edge(unitNode.get(p.homeUnitId)!, node, 1);
    needs.forEach((need, j) => {
      if (p.skills.includes(need.skill) && need.exclude !== p.homeUnitId) edge(node, needBase + j, 1);
    });
  });
  needs.forEach((need, j) => edge(needBase + j, T, need.count));
  let flow = 0;
  for (;;) {
    const prev = new Array<number>(n).fill(-1);
    prev[S] = S;
    const queue = [S];
    while (queue.length > 0 && prev[T] === -1) {
      const a = queue.shift()!;
      for (const b of adj[a]!) if (prev[b] === -1 && cap.get(key(a, b))! > 0) { prev[b] = a; queue.push(b); }
    }
    if (prev[T] === -1) return flow;
    for (let b = T; b !== S; b = prev[b]!) {
      const a = prev[b]!;
      cap.set(key(a, b), cap.get(key(a, b))! - 1);
      cap.set(key(b, a), cap.get(key(b, a))! + 1);
    }
    flow++;
  }
}
