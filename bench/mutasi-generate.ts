/**
 * Seeded generator of mutasi instances, shared by the tests and `npm run bench:mutasi`. Shaped like a city's
 * roster: a few jabatan, each with its positions spread over units; headcounts near formasi with some
 * positions over it; ABK need around the headcount, so some positions are overloaded and others idle; a
 * quarter of the people not movable; choices mostly "stay", wishes aimed more often at busy positions.
 */
import { rng } from "./generate.js";
import type { MutasiChoice, MutasiInput, MutasiPosition, MutasiStaff, MutasiWeights } from "../shared/mutasi.js";

export type MutasiGenOptions = {
  seed: number;
  staff: number;
  jabatan: number;
  positionsPerJabatan: number;
  units?: number;
  movableShare?: number;
  /** Shares of stay, either, move (normalised). */
  choices?: [number, number, number];
  /** Capacity = h0 + an offset in this range (negative: over formasi). */
  capacitySlack?: [number, number];
  /** Floor as a share of h0 drawn in this range. */
  floorShare?: [number, number];
  /** needFte = h0 × a factor in this range (0 gives no ABK). */
  needFactor?: [number, number];
  /** Points with decimals instead of whole numbers. */
  fractionalPoints?: boolean;
  /** Points drawn from a few values only (ties in the envy report). */
  fewPoints?: boolean;
  weights?: MutasiWeights;
};

export function generateMutasi(o: MutasiGenOptions): MutasiInput {
  const r = rng(o.seed);
  const draw = (a: number, b: number) => a + (b - a) * r();
  const int = (a: number, b: number) => Math.floor(draw(a, b + 1));
  const units = o.units ?? Math.max(1, Math.round(o.positionsPerJabatan * 0.75));
  const [cs, ce, cm] = o.choices ?? [0.55, 0.3, 0.15];
  const positions: MutasiPosition[] = [];
  const staff: MutasiStaff[] = [];
  const byJabatan: number[][] = [];
  const perPosition = o.staff / Math.max(1, o.jabatan * o.positionsPerJabatan);
  for (let j = 0; j < o.jabatan; j++) {
    byJabatan.push([]);
    for (let k = 0; k < o.positionsPerJabatan; k++) {
      byJabatan[j]!.push(positions.length);
      positions.push({ id: `pos-${j}-${k}`, unitId: `unit-${int(0, units - 1)}`, jabatan: `jabatan-${j}`, capacity: 0, floor: 0, needFte: 0 });
    }
  }
  // Headcounts: uneven around the mean, so the balance term has work to do.
  const weight = positions.map(() => draw(0.3, 1.7));
  const totalWeight = weight.reduce((a, b) => a + b, 0);
  const h0 = new Array<number>(positions.length).fill(0);
  for (let i = 0; i < o.staff; i++) {
    let x = r() * totalWeight;
    let p = 0;
    while (p < positions.length - 1 && x >= weight[p]!) x -= weight[p++]!;
    h0[p]!++;
  }
  const [s0, s1] = o.capacitySlack ?? [-1, 3];
  const [f0, f1] = o.floorShare ?? [0, 0.7];
  const [n0, n1] = o.needFactor ?? [0.5, 1.6];
  positions.forEach((p, i) => {
    p.capacity = Math.max(0, h0[i]! + int(s0, s1));
    p.floor = Math.floor(h0[i]! * draw(f0, f1));
    const base = Math.max(h0[i]!, perPosition * 0.5);
    p.needFte = Math.round(base * draw(n0, n1) * 100) / 100;
  });
  let id = 0;
  positions.forEach((p, i) => {
    const peers = byJabatan[Number(p.jabatan.slice("jabatan-".length))]!.filter((q) => q !== i);
    for (let k = 0; k < h0[i]!; k++) {
      const x = r() * (cs + ce + cm);
      const choice: MutasiChoice = x < cs ? "stay" : x < cs + ce ? "either" : "move";
      const wishes: string[] = [];
      if (choice !== "stay" && peers.length) {
        const count = Math.min(peers.length, choice === "move" ? int(1, 3) : int(0, 3));
        while (wishes.length < count) {
          // Busy positions (need above headcount) draw more wishes.
          const q = peers[int(0, peers.length - 1)]!;
          const busy = positions[q]!.needFte > h0[q]!;
          if ((busy || r() < 0.5) && !wishes.includes(positions[q]!.id)) wishes.push(positions[q]!.id);
        }
      }
      const points = o.fewPoints ? [10, 40, 40, 70][int(0, 3)]! : o.fractionalPoints ? Math.round(draw(0, 100) * 10) / 10 : int(0, 100);
      staff.push({ id: `staff-${id++}`, positionId: p.id, movable: r() < (o.movableShare ?? 0.75), points, choice, wishes });
    }
  });
  return { positions, staff, ...(o.weights ? { weights: o.weights } : {}) };
}

/** The benchmark's scales (issue 10): 500 staff, and Kota Kupang (5,000 staff, 8 jabatan × 40 positions). */
export const MUTASI_SCALES = {
  small: { seed: 500, staff: 500, jabatan: 8, positionsPerJabatan: 10 },
  kupang: { seed: 5000, staff: 5000, jabatan: 8, positionsPerJabatan: 40 },
} satisfies Record<string, MutasiGenOptions>;
