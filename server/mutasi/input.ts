/** The optimiser's input from a cycle's state: positions with their ABK need, each person's movability, points and wish. */
import { MutasiInput, type MutasiStaff } from "../../shared/mutasi.js";
import { needFteOf, type Eligibility, type MutasiCycle } from "../../shared/mutasi-cycle.js";
import { eligibilityOf, pointsOf } from "../../shared/mutasi-rules.js";
import type { ReadTx } from "../store/port.js";

export interface CycleInput {
  input: MutasiInput;
  eligibility: Eligibility[];
}

/**
 * Everyone who holds a position takes part. Someone who sent no wish counts as `either` (open to a move,
 * with no position in mind): they were asked and the cycle exists to even the load out. A wish that no
 * longer fits (the position went, or the person's jabatan changed) is dropped rather than refused.
 */
export async function cycleInput(tx: Pick<ReadTx, "find">, cycle: MutasiCycle): Promise<CycleInput> {
  const positions = await tx.find("positions");
  const byId = new Map(positions.map((p) => [p.id, p]));
  const wishes = new Map((await tx.find("wishes", { cycleId: cycle.id })).map((w) => [w.staffId, w]));
  const staff: MutasiStaff[] = [];
  const eligibility: Eligibility[] = [];
  for (const s of await tx.find("staff")) {
    const own = s.positionId ? byId.get(s.positionId) : undefined;
    const e = eligibilityOf(s, own, cycle.settings);
    eligibility.push(e);
    if (!own) continue;
    const wish = wishes.get(s.id);
    const fitting = (wish?.wishes ?? []).filter((id) => id !== own.id && byId.get(id)?.jabatan === own.jabatan);
    const choice = wish?.choice ?? "either";
    staff.push({ id: s.id, positionId: own.id, movable: e.movable, points: pointsOf(cycle, s, wish).total, choice, wishes: choice === "stay" ? [] : fitting });
  }
  const input = MutasiInput.parse({
    positions: positions.map((p) => ({
      id: p.id, unitId: p.unitId, jabatan: p.jabatan, capacity: p.capacity, floor: p.floor,
      needFte: p.abk ? needFteOf(p.abk, cycle.settings.abkMinutes) : p.needFte,
    })),
    staff,
    ...(cycle.settings.weights ? { weights: cycle.settings.weights } : {}),
  });
  return { input, eligibility };
}
