/**
 * A synthetic province for benchmarks: units scattered around the (approximate) capitals of NTT's 22
 * kabupaten/kota, with staff generated like the seed's. Nothing here is real: names say "sintetis",
 * every position is flagged approximate, and the region codes only have the right shape.
 */
import { Unit, type Staff, type UnitKind } from "../shared/domain.js";
import { createRng } from "./prng.js";
import { apportion, DEFAULT_HEADCOUNT, generateStaff } from "./staff.js";

/** Approximate positions of NTT's kabupaten/kota capitals (to place synthetic units; not survey data). */
export const NTT_CAPITALS: readonly { name: string; lat: number; lng: number }[] = [
  { name: "Kota Kupang", lat: -10.17, lng: 123.61 },
  { name: "Kupang", lat: -10.05, lng: 123.85 },
  { name: "Timor Tengah Selatan", lat: -9.86, lng: 124.28 },
  { name: "Timor Tengah Utara", lat: -9.45, lng: 124.48 },
  { name: "Belu", lat: -9.11, lng: 124.89 },
  { name: "Malaka", lat: -9.56, lng: 124.9 },
  { name: "Alor", lat: -8.22, lng: 124.52 },
  { name: "Lembata", lat: -8.36, lng: 123.41 },
  { name: "Flores Timur", lat: -8.34, lng: 122.98 },
  { name: "Sikka", lat: -8.62, lng: 122.21 },
  { name: "Ende", lat: -8.84, lng: 121.66 },
  { name: "Nagekeo", lat: -8.55, lng: 121.28 },
  { name: "Ngada", lat: -8.78, lng: 120.97 },
  { name: "Manggarai Timur", lat: -8.83, lng: 120.6 },
  { name: "Manggarai", lat: -8.61, lng: 120.46 },
  { name: "Manggarai Barat", lat: -8.5, lng: 119.89 },
  { name: "Sumba Timur", lat: -9.65, lng: 120.26 },
  { name: "Sumba Tengah", lat: -9.57, lng: 119.65 },
  { name: "Sumba Barat", lat: -9.64, lng: 119.41 },
  { name: "Sumba Barat Daya", lat: -9.43, lng: 119.25 },
  { name: "Rote Ndao", lat: -10.73, lng: 123.12 },
  { name: "Sabu Raijua", lat: -10.49, lng: 121.84 },
];

/** Share of each kind among the synthetic units (desa/kelurahan offices dominate, as in a real province). */
const KIND_MIX: readonly (readonly [UnitKind, number])[] = [
  ["kelurahan", 0.55], ["puskesmas", 0.18], ["kecamatan", 0.1], ["dinas", 0.1], ["rumah_sakit", 0.03],
  ["bpbd", 0.022], ["lainnya", 0.018],
];

/** Relative staff size by kind (a province-wide pool is bigger per unit than the Maulafa seed). */
const KIND_WEIGHT: Record<UnitKind, number> = {
  kelurahan: 40, kecamatan: 90, puskesmas: 150, rumah_sakit: 400, dinas: 200, bpbd: 120, lainnya: 80,
};

const LABEL: Record<UnitKind, string> = {
  kelurahan: "Kantor Desa/Kelurahan", kecamatan: "Kantor Camat", puskesmas: "Puskesmas", rumah_sakit: "RSUD",
  dinas: "Dinas", bpbd: "BPBD", lainnya: "Kantor",
};

export interface ProvinceOptions {
  /** Number of units (default 1,000). */
  units?: number;
  /** Number of staff (default 100,000). */
  staff?: number;
  /** Generate phone numbers (default false: benchmarks do not need them). */
  phones?: boolean;
}

export interface Province {
  units: Unit[];
  staff: Staff[];
}

/** A synthetic NTT-scale dataset: 1,000 units and 100,000 staff by default, deterministic for a seed. */
export function generateProvince(seed = 1, options: ProvinceOptions = {}): Province {
  const unitCount = options.units ?? 1000;
  const staffCount = options.staff ?? 100_000;
  const rng = createRng(seed ^ 0x9e3779b9);
  const kinds: UnitKind[] = [];
  for (let i = 0; i < unitCount; i++) kinds.push(rng.weighted(KIND_MIX));
  const headcounts = apportion(kinds.map((k) => KIND_WEIGHT[k] * (0.6 + 0.8 * rng.next())), staffCount);
  const width = Math.max(4, String(unitCount).length);

  const units = kinds.map((kind, i) => {
    const kab = i % NTT_CAPITALS.length;
    const cap = NTT_CAPITALS[kab]!;
    const h = headcounts[i]!;
    const busy = rng.chance(0.05);
    const n = pad(i + 1, width);
    return Unit.parse({
      id: `unit-ntt-${n}`,
      code: `ntt-${n}`,
      name: `${LABEL[kind]} sintetis ${n}, ${cap.name}`,
      kind,
      location: { lat: round6(cap.lat + rng.normal() * 0.06), lng: round6(cap.lng + rng.normal() * 0.08) },
      approximate: true,
      // Shape-only code: 53.<kab>.<kec>.<n>; not a Kemendagri code.
      kelurahan: `53.${pad(kab + 1, 2)}.${pad(1 + (i % 30), 2)}.${pad(1000 + (i % 9000), 4)}`,
      floor: Math.max(1, Math.round(h * (0.35 + 0.2 * rng.next()))),
      workload: Math.round(h * (busy ? 0.95 + 0.25 * rng.next() : 0.5 + 0.4 * rng.next()) * 10) / 10,
      version: 1,
    });
  });
  const byId = new Map(units.map((u, i) => [u.id, headcounts[i]!]));
  const staff = generateStaff(units, {
    seed,
    headcount: (u) => byId.get(u.id) ?? DEFAULT_HEADCOUNT[u.kind],
    idPrefix: "stf-ntt-",
    phones: options.phones ?? false,
    validate: false,
  });
  return { units, staff };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
