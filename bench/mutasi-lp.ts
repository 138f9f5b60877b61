/**
 * The mutasi model (DESIGN.md) written as a linear program for HiGHS, from the input alone: it shares no
 * code with the optimiser (its own pref table and balance term), so HiGHS's optimum is an independent check.
 *
 * One variable x_{i,q} ∈ [0,1] per movable person and position of their jabatan (their current one, their
 * wishes, every other), costing move·[q ≠ current] + (1 + points/100)·pref(choice, q); Σ_q x_{i,q} = 1.
 * Per position the convex D²/max(h, 0.5) becomes increments y_{q,k} ∈ [0,1], k = 1..max(capacity, h0), with
 * cost balance·(f(k) − f(k−1)) and Σ_k y_{q,k} = h_q = fixed_q + Σ_i x_{i,q} (a minimiser fills the cheap k
 * first); h_q ≥ min(floor, h0). The constants (balance·Σ f(0), and the pref of staying of those who may not
 * move) are added to the reported optimum. The matrix is a network matrix, so the LP optimum is the integer
 * optimum.
 */
import { loadHighs } from "./lp.js";
import type { MutasiInput } from "../shared/mutasi.js";

const f = (d: number, h: number) => (d * d) / Math.max(h, 0.5);

function num(c: number, first: boolean): string {
  const s = Math.abs(c).toPrecision(17).replace(/\.?0+$/, "").replace(/\.?0+e/, "e");
  if (c < 0) return `- ${s}`;
  return first ? s : `+ ${s}`;
}

export function buildMutasiLp(input: MutasiInput): { text: string; vars: number; rows: number; constant: number; labels: string[] } {
  const w = { balance: 1, move: 0.5, wish: 1, forced: 5, ...Object.fromEntries(Object.entries(input.weights ?? {}).filter(([, v]) => v !== undefined)) } as {
    balance: number; move: number; wish: number; forced: number;
  };
  const obj: string[] = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  let vars = 0;
  const labels: string[] = [];
  const variable = (cost: number, upper: number, label = "") => {
    labels.push(label);
    const name = `v${vars++}`;
    if (cost !== 0) obj.push(`${num(cost, obj.length === 0)} ${name}`);
    bounds.push(` 0 <= ${name} <= ${upper}`);
    return name;
  };
  const row = (terms: [number, string][], sense: string, rhs: number) => {
    if (!terms.length) return;
    const parts = terms.map(([c, n], i) => `${num(c, i === 0)} ${n}`);
    const lines: string[] = [];
    for (let i = 0; i < parts.length; i += 4) lines.push(parts.slice(i, i + 4).join(" "));
    rows.push(` r${rows.length}: ${lines.join("\n   ")} ${sense} ${rhs}`);
  };
  const pos = new Map(input.positions.map((p) => [p.id, p]));
  const h0 = new Map<string, number>();
  const fixed = new Map<string, number>();
  for (const s of input.staff) {
    h0.set(s.positionId, (h0.get(s.positionId) ?? 0) + 1);
    if (!s.movable) fixed.set(s.positionId, (fixed.get(s.positionId) ?? 0) + 1);
  }
  const into = new Map<string, [number, string][]>(input.positions.map((p) => [p.id, []]));
  let constant = 0;
  for (const s of input.staff) {
    // A person who may not move stays: their pref of staying is a constant of Z.
    if (!s.movable) {
      constant += s.choice === "move" ? (1 + s.points / 100) * w.wish * (s.wishes.length + 1) : 0;
      continue;
    }
    const jabatan = pos.get(s.positionId)!.jabatan;
    const k = s.wishes.length;
    const factor = 1 + s.points / 100;
    const mine: [number, string][] = [];
    for (const p of input.positions) {
      if (p.jabatan !== jabatan) continue;
      const r = s.wishes.indexOf(p.id);
      let pref: number;
      if (p.id === s.positionId) pref = s.choice === "move" ? w.wish * (k + 1) : 0;
      else if (r >= 0) pref = w.wish * r;
      else pref = s.choice === "either" ? w.wish * (k + 1) : w.forced;
      const x = variable((p.id === s.positionId ? 0 : w.move) + factor * pref, 1, `x ${s.id} ${p.id}`);
      mine.push([1, x]);
      into.get(p.id)!.push([1, x]);
    }
    row(mine, "=", 1);
  }
  for (const p of input.positions) {
    const before = h0.get(p.id) ?? 0;
    const fx = fixed.get(p.id) ?? 0;
    const upper = Math.max(p.capacity, before);
    const lower = Math.min(p.floor, before);
    constant += w.balance * f(p.needFte, 0);
    // Increments of equal cost are one variable bounded by their number.
    const chain: [number, string][] = [];
    let k = 1;
    while (k <= upper) {
      const m = w.balance * (f(p.needFte, k) - f(p.needFte, k - 1));
      let k2 = k;
      while (k2 + 1 <= upper && w.balance * (f(p.needFte, k2 + 1) - f(p.needFte, k2)) === m) k2++;
      chain.push([-1, variable(m, k2 - k + 1, `y ${p.id} ${k}..${k2}`)]);
      k = k2 + 1;
    }
    const terms = into.get(p.id)!;
    if (chain.length === 0) {
      row(terms, "=", 0); // formasi 0 and nobody there before: nobody may come
      continue;
    }
    row([...terms, ...chain], "=", -fx);
    if (terms.length && lower - fx > 0) row(terms, ">=", lower - fx);
  }
  const objText: string[] = [];
  for (let i = 0; i < obj.length; i += 4) objText.push(obj.slice(i, i + 4).join(" "));
  const text = `Minimize\n obj: ${objText.length ? objText.join("\n   ") : "0 zero"}\nSubject To\n${rows.join("\n")}\n${objText.length ? "" : " zero = 0\n"}Bounds\n${bounds.join("\n")}\nEnd\n`;
  return { text, vars, rows: rows.length, constant, labels };
}

/** HiGHS's optimum of the model (constant included), its status and the wall time of its solve call. */
export async function solveMutasiLp(input: MutasiInput, timeLimitS = 120): Promise<{ status: string; objective: number; ms: number; vars: number; rows: number }> {
  const lp = buildMutasiLp(input);
  const highs = await loadHighs();
  const t0 = performance.now();
  const sol = highs.solve(lp.text, { time_limit: timeLimitS });
  return { status: sol.Status, objective: sol.ObjectiveValue + lp.constant, ms: performance.now() - t0, vars: lp.vars, rows: lp.rows };
}
