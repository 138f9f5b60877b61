/**
 * `npm run bench:replay`: GET /api/state?atSeq=N on a log of 100,000 events (issue 15: any seq under
 * 500 ms). The log is the Maulafa seed followed by a flood's worth of assignments walking the whole
 * chain (requested → confirmed → active → completed, with the staff updates), declines, releases and
 * incident edits, written through the store as the services write them (record and event together).
 * Timed per seq: nearest checkpoint + fold + the coordinator's snapshot + JSON, as the route answers.
 * The first, cold replay of the whole log (no checkpoints yet: it writes them) is timed apart.
 * Prints a table; writes bench/results/replay.json. Shared machines make the numbers noisy.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { buildSeed } from "../seed/index.js";
import { mulberry32 } from "../seed/prng.js";
import { CHECKPOINT_EVERY } from "../shared/checkpoint.js";
import type { Assignment, Incident, PublicUser, Staff } from "../shared/domain.js";
import { foldTo } from "../server/replay/service.js";
import { snapshotFor } from "../server/state/service.js";
import type { Ctx } from "../server/context.js";
import { SqliteStore } from "../server/store/sqlite.js";

const EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 100_000);
const PROBES = Number(process.env.BENCH_REPLAY_PROBES ?? 40);
const TARGET_MS = 500;
const COORDINATOR: PublicUser = { username: "koordinator", role: "coordinator" };

const dir = mkdtempSync(join(tmpdir(), "siaga-bench-replay-"));
let t = Date.parse("2026-12-20T00:00:00Z");
const now = () => new Date(t);
const store = new SqliteStore({ file: join(dir, "siaga.sqlite"), now });
const random = mulberry32(15);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

async function generate() {
  const { units, staff } = buildSeed();
  const people = new Map<string, Staff>();
  await store.transact(async (tx) => {
    for (const u of units) await tx.append({ type: "unit.created", actor: "seed", data: await tx.insert("units", u) });
    for (const s of staff) {
      const saved = await tx.insert("staff", s);
      people.set(saved.id, saved);
      await tx.append({ type: "staff.created", actor: "seed", data: saved });
    }
  });
  const incidents: Incident[] = [];
  await store.transact(async (tx) => {
    for (let i = 0; i < 6; i++) {
      const inc = await tx.insert("incidents", {
        id: `inc-${i}`, type: "banjir", title: `Banjir ${i}`, severity: 3, status: "active", location: { lat: -10.2, lng: 123.6 + i / 100 }, kelurahan: [],
        needs: ["logistik", "evakuasi", "dapur_umum", "keperawatan", "administrasi", "sosial"].map((skill, k) => ({ id: `need-${i}-${k}`, skill: skill as never, count: 50, priority: 3 })),
        createdAt: now().toISOString(),
      });
      incidents.push(inc);
      await tx.append({ type: "incident.created", actor: "koordinator", data: inc });
    }
  });
  const open = new Map<string, Assignment>(); // by staff id
  let n = 0;
  while ((await store.lastSeq()) < EVENTS) {
    await store.transact(async (tx) => {
      for (let k = 0; k < 100; k++) {
        t += 20_000;
        const step = (a: Assignment, to: Assignment["state"]) => ({ ...a, state: to, history: [...a.history, { state: to, at: now().toISOString(), by: "kepala" }], updatedAt: now().toISOString() });
        const roll = random();
        if (roll < 0.35 || open.size < 20) {
          const person = pick([...people.values()]);
          if (person.status !== "available" || open.has(person.id)) continue;
          const inc = pick(incidents);
          const need = pick(inc.needs);
          const a = await tx.insert("assignments", {
            id: `asg-${n++}`, staffId: person.id, needId: need.id, siteKind: "incident", siteId: inc.id, fromUnitId: person.homeUnitId, released: false,
            state: "requested", history: [{ state: "requested", at: now().toISOString(), by: "koordinator" }], createdAt: now().toISOString(), updatedAt: now().toISOString(),
          });
          open.set(person.id, a);
          await tx.append({ type: "assignment.created", actor: "koordinator", data: a });
        } else if (roll < 0.93) {
          const a = pick([...open.values()]);
          const to = a.state === "requested" ? (random() < 0.9 ? "confirmed" : "declined") : a.state === "confirmed" ? "active" : "completed";
          const saved = await tx.replace("assignments", step(a, to));
          await tx.append({ type: `assignment.${to}`, actor: "kepala", data: saved });
          if (to === "declined" || to === "completed") open.delete(a.staffId); else open.set(a.staffId, saved);
          if (to === "active" || to === "completed") {
            const p = people.get(a.staffId)!;
            const next = await tx.replace("staff", { ...p, status: to === "active" ? "deployed" : "available", fatigueHours: Math.min(336, p.fatigueHours + (to === "completed" ? 6 : 0)) });
            people.set(p.id, next);
            await tx.append({ type: "staff.updated", actor: "kepala", data: next });
          }
        } else if (roll < 0.98) {
          const person = pick([...people.values()]);
          const r = await tx.insert("releases", { id: `rel-${n++}`, unitId: person.homeUnitId, staffId: person.id, until: new Date(t + 86400_000).toISOString(), status: "active", createdAt: now().toISOString() });
          await tx.append({ type: "release.created", actor: "kepala", data: r });
        } else {
          const i = Math.floor(random() * incidents.length);
          const inc = await tx.replace("incidents", { ...incidents[i]!, severity: 1 + Math.floor(random() * 5) });
          incidents[i] = inc;
          await tx.append({ type: "incident.updated", actor: "koordinator", data: inc });
        }
      }
    });
  }
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]!; };

async function replayMs(seq: number): Promise<{ ms: number; bytes: number }> {
  const t0 = process.hrtime.bigint();
  const folded = await foldTo(store, seq);
  const body = JSON.stringify(folded.snapshotFor(COORDINATOR, store.epoch));
  return { ms: ms(t0), bytes: body.length };
}

try {
  const g0 = process.hrtime.bigint();
  await generate();
  const generateMs = ms(g0);
  const last = await store.lastSeq();
  const cold = await replayMs(last);

  // The replay at the last seq is the live snapshot, or the numbers mean nothing.
  const live = JSON.stringify(await snapshotFor({ store } as unknown as Ctx, COORDINATOR));
  const replayed = JSON.stringify((await foldTo(store, last)).snapshotFor(COORDINATOR, store.epoch));
  if (live !== replayed) throw new Error("replay at the last seq differs from the live snapshot");

  const seqs = [1, CHECKPOINT_EVERY - 1, CHECKPOINT_EVERY, Math.floor(last / 2), last - 1, last];
  for (let i = 0; i < PROBES; i++) seqs.push(1 + Math.floor(random() * last));
  const runs: { seq: number; ms: number; bytes: number }[] = [];
  for (const seq of seqs) runs.push({ seq, ...(await replayMs(seq)) });
  const times = runs.map((r) => r.ms);
  const worst = runs.reduce((a, b) => (b.ms > a.ms ? b : a));
  const summary = {
    events: last, checkpointEvery: CHECKPOINT_EVERY, probes: runs.length,
    p50Ms: quantile(times, 0.5), p95Ms: quantile(times, 0.95), maxMs: worst.ms, worstSeq: worst.seq, targetMs: TARGET_MS,
    pass: worst.ms < TARGET_MS, coldFullReplayMs: cold.ms, snapshotBytes: cold.bytes, generateMs,
    // Each checkpoint holds the whole state: the price of the speed, in file size.
    checkpoints: Math.floor(last / CHECKPOINT_EVERY), dbBytes: statSync(join(dir, "siaga.sqlite")).size + statSync(join(dir, "siaga.sqlite-wal")).size,
  };
  const round = (x: number) => Math.round(x * 10) / 10;
  console.log(`replay on a log of ${last} events, checkpoint every ${CHECKPOINT_EVERY}, ${runs.length} seqs (${cpus().length} cores, shared: noisy)`);
  console.table([{ p50_ms: round(summary.p50Ms), p95_ms: round(summary.p95Ms), max_ms: round(summary.maxMs), worst_seq: worst.seq, target_ms: TARGET_MS, pass: summary.pass, cold_full_ms: round(cold.ms), snapshot_kb: Math.round(cold.bytes / 1024), db_mb: Math.round(summary.dbBytes / 1e6) }]);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/replay.json", JSON.stringify({ at: new Date().toISOString(), cores: cpus().length, summary, runs }, null, 2) + "\n");
  console.log("wrote bench/results/replay.json");
  if (!summary.pass) process.exitCode = 1;
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
