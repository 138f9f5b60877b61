/**
 * The mutasi seed (fictional): one position per unit and jabatan of the seeded staff, each with an ABK whose
 * need runs above or below its headcount by unit (some units overloaded, some idle), every person in a
 * position with a TMT jabatan and an SKP rating, a few who may not move (sanction, tugas belajar, CLTN),
 * and a cycle 2027 open for wishes with generated wishes. Deterministic: a fixed random seed.
 */
import type { Staff, Unit } from "../shared/domain.js";
import type { MutasiChoice } from "../shared/mutasi.js";
import { DEFAULT_ABK_MINUTES, defaultCycleSettings, needFteOf, type AbkTask, type MutasiCycle, type Position, type PositionKind, type Wish, type WishReason } from "../shared/mutasi-cycle.js";
import { createRng } from "./prng.js";

export const MUTASI_SEED = 20_270_301;
export const DEMO_CYCLE_YEAR = 2027;

export interface MutasiSeed {
  positions: Omit<Position, "version">[];
  /** The staff with their mutasi fields set. */
  staff: Omit<Staff, "version">[];
  cycle: Omit<MutasiCycle, "version">;
  wishes: Omit<Wish, "version">[];
}

export function positionKind(jabatan: string): PositionKind {
  if (/^(Camat|Direktur)$/.test(jabatan)) return "jpt";
  if (/^(Lurah|Sekretaris|Kepala)/.test(jabatan)) return "administrasi";
  if (/(Ahli|Terampil|Mahir|Penyelia|Pelaksana|Dokter|Psikolog)/.test(jabatan)) return "fungsional";
  return "pelaksana";
}

const TASKS: Record<PositionKind, [string, string, number][]> = {
  pelaksana: [["Mengolah surat masuk dan keluar", "surat", 20], ["Menyusun laporan dan rekap data", "laporan", 240], ["Melayani permohonan warga", "layanan", 30]],
  fungsional: [["Memberikan pelayanan sesuai jabatan fungsional", "layanan", 25], ["Menyusun dokumentasi kegiatan", "dokumen", 45], ["Melaksanakan kegiatan lapangan", "kegiatan", 180]],
  administrasi: [["Memimpin dan mengoordinasikan pelaksanaan tugas", "rapat", 120], ["Menandatangani dan memeriksa naskah dinas", "naskah", 15], ["Membina dan menilai kinerja bawahan", "pegawai", 600]],
  jpt: [["Merumuskan kebijakan teknis", "kebijakan", 2400], ["Memimpin rapat koordinasi", "rapat", 180], ["Menetapkan keputusan", "keputusan", 60]],
};

/** Tasks whose Σ volume × norma / minutes comes to about `needFte`. */
function abkTasks(kind: PositionKind, needFte: number, next: () => number): AbkTask[] {
  const pool = TASKS[kind];
  const shares = pool.map(() => 0.5 + next());
  const total = shares.reduce((a, b) => a + b, 0);
  return pool.map(([uraian, satuan, normaMinutes], i) => ({
    uraian, satuan, normaMinutes,
    volumePerYear: Math.max(1, Math.round((needFte * DEFAULT_ABK_MINUTES * shares[i]!) / total / normaMinutes)),
  }));
}

export function buildMutasiSeed(units: readonly Unit[], staff: readonly Omit<Staff, "version">[], createdAt: string): MutasiSeed {
  const rng = createRng(MUTASI_SEED);
  const unitFactor = new Map(units.map((u) => [u.id, 0.6 + rng.next() * 0.9]));
  const groups = new Map<string, Omit<Staff, "version">[]>();
  for (const s of staff) {
    const key = `${s.homeUnitId}|${s.jabatan}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const positions: Omit<Position, "version">[] = [];
  const positionOf = new Map<string, string>();
  let n = 0;
  for (const [key, members] of groups) {
    const [unitId, jabatan] = key.split("|") as [string, string];
    const kind = positionKind(jabatan);
    const id = `pos-${String(++n).padStart(4, "0")}`;
    const target = members.length * unitFactor.get(unitId)! * (0.85 + rng.next() * 0.3);
    const abk = { year: DEMO_CYCLE_YEAR - 1, tasks: abkTasks(kind, target, () => rng.next()) };
    const single = kind === "jpt" || kind === "administrasi";
    positions.push({
      id, unitId, jabatan, kind,
      capacity: single ? members.length : members.length + rng.int(0, 2),
      floor: single ? members.length : Math.max(0, members.length - 1 - rng.int(0, 1)),
      abk, needFte: needFteOf(abk),
    });
    for (const m of members) positionOf.set(m.id, id);
  }
  const ratings = [["sangat_baik", 2], ["baik", 6], ["butuh_perbaikan", 1.5], ["kurang", 0.4], ["sangat_kurang", 0.1]] as const;
  const withFields = staff.map((s) => {
    const tmtYear = Math.max(Number(s.nip.slice(8, 12)), DEMO_CYCLE_YEAR - rng.int(1, 9));
    const flag = rng.next();
    return {
      ...s,
      positionId: positionOf.get(s.id)!,
      tmtJabatan: `${tmtYear}-${String(rng.int(1, 12)).padStart(2, "0")}-01`,
      ratings: { [String(DEMO_CYCLE_YEAR - 2)]: rng.weighted(ratings), [String(DEMO_CYCLE_YEAR - 1)]: rng.weighted(ratings) },
      ...(flag < 0.02 ? { sanctionUntil: `${DEMO_CYCLE_YEAR}-09-30` } : flag < 0.04 ? { studyLeave: true } : flag < 0.05 ? { unpaidLeave: true } : {}),
    };
  });
  const settings = {
    ...defaultCycleSettings(DEMO_CYCLE_YEAR),
    blackouts: [{
      kind: "inauguration" as const, from: "2025-02-20", until: "2025-08-19",
      basis: "UU 10/2016 Pasal 162 ayat (3): enam bulan sejak pelantikan Wali Kota (20 Februari 2025)",
    }],
  };
  const cycle: Omit<MutasiCycle, "version"> = {
    id: `cycle-${DEMO_CYCLE_YEAR}`, year: DEMO_CYCLE_YEAR, phase: "wishes_open", settings,
    history: [{ phase: "draft", at: createdAt, by: "seed" }, { phase: "wishes_open", at: createdAt, by: "seed" }], createdAt,
  };
  const byJabatan = new Map<string, string[]>();
  for (const p of positions) byJabatan.set(p.jabatan, [...(byJabatan.get(p.jabatan) ?? []), p.id]);
  const wishes: Omit<Wish, "version">[] = [];
  const codes: WishReason["code"][] = ["spouse", "health", "care", "career", "other"];
  for (const s of withFields) {
    if (!rng.chance(0.35)) continue;
    const others = (byJabatan.get(s.jabatan) ?? []).filter((id) => id !== s.positionId);
    const choice: MutasiChoice = others.length === 0 ? "stay" : rng.weighted([["stay", 3], ["either", 3], ["move", 4]] as const);
    const picks: string[] = [];
    if (choice !== "stay") while (picks.length < Math.min(3, others.length, rng.int(1, 3))) {
      const p = rng.pick(others);
      if (!picks.includes(p)) picks.push(p);
    }
    const reasons = choice === "stay" || rng.chance(0.5) ? [] : [{ code: rng.pick(codes), note: "" }];
    wishes.push({ id: `${cycle.id}:${s.id}`, cycleId: cycle.id, staffId: s.id, choice, wishes: picks, reasons, updatedAt: createdAt });
  }
  return { positions, staff: withFields, cycle, wishes };
}
