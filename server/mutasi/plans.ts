/** Plans of a cycle: made from its state, reviewed by the Tim Penilai Kinerja, decided by the PPK with the SK. */
import { createHash } from "node:crypto";
import type { PublicUser } from "../../shared/domain.js";
import { conflict, DomainError, invalidField } from "../../shared/errors.js";
import type { MutasiWeights } from "../../shared/mutasi.js";
import type { DecideBody, MutasiCycle, MutasiPlan, MutasiPlanRecord, Objection, ReviewBody, Signer, Sk } from "../../shared/mutasi-cycle.js";
import { MutasiPlanWire, SETTING_BASIS } from "../../shared/mutasi-cycle.js";
import { affectedUnitIds } from "../../shared/mutasi-rules.js";
import { authorize } from "../auth/authorize.js";
import { commit, type Ctx } from "../context.js";
import { witaDay } from "../documents/dates.js";
import { checkVersion, mustGet } from "../entities.js";
import { newId } from "../ids.js";
import type { Tx } from "../store/port.js";
import { stepCycle } from "./cycles.js";
import { cycleInput } from "./input.js";
import { fileObjection } from "./objections.js";

const wire = (plan: MutasiPlanRecord) => MutasiPlanWire.parse(plan);

async function savePlan(tx: Tx, plan: MutasiPlanRecord, type: "mutasi_plan.reviewed" | "mutasi_plan.decided", actor: string) {
  const saved = await tx.replace("mutasiPlans", plan);
  await tx.append({ type, actor, data: wire(saved) });
  return saved;
}

/** Computes a plan from one consistent read of the cycle; stored only if the cycle has not moved meanwhile. */
export async function createMutasiPlan(ctx: Ctx, user: PublicUser, cycleId: string, weights?: MutasiWeights): Promise<MutasiPlan> {
  authorize(user, "mutasi.plan.create");
  const { cycle, input, eligibility } = await ctx.store.read(async (tx) => {
    const cycle = await mustGet(tx, "mutasiCycles", cycleId, "mutasi cycle");
    if (!["wishes_closed", "planned", "in_review"].includes(cycle.phase)) {
      throw conflict("wrong_state", `A plan is made once wishes are closed, not in phase ${cycle.phase}`, { state: cycle.phase });
    }
    return { cycle, ...(await cycleInput(tx, cycle)) };
  });
  if (weights) input.weights = { ...input.weights, ...weights };
  const result = await ctx.mutasi.solve(input);
  const now = ctx.clock.now();
  return commit(ctx, async (tx) => {
    const current = await mustGet(tx, "mutasiCycles", cycleId, "mutasi cycle");
    checkVersion(current, cycle.version, "mutasi cycle");
    const plan = await tx.insert("mutasiPlans", {
      id: newId("mplan"), cycleId, createdAt: now.toISOString(), createdBy: user.username,
      inputHash: createHash("sha256").update(JSON.stringify(input)).digest("hex"),
      input, result, eligibility, reviews: [],
    });
    await tx.append({ type: "mutasi_plan.created", actor: user.username, data: wire(plan) });
    await stepCycle(tx, current, "planned", "plan", user.username, now);
    return plan;
  });
}

export async function getMutasiPlan(ctx: Ctx, user: PublicUser, id: string): Promise<MutasiPlanRecord> {
  authorize(user, "mutasi.plan.read");
  return ctx.store.read((tx) => mustGet(tx, "mutasiPlans", id, "mutasi plan"));
}

/** The plan the cycle is on: the newest of the cycle, while the cycle is planned or in review. */
async function livePlan(tx: Tx, id: string): Promise<{ plan: MutasiPlanRecord; cycle: MutasiCycle }> {
  const plan = await mustGet(tx, "mutasiPlans", id, "mutasi plan");
  const cycle = await mustGet(tx, "mutasiCycles", plan.cycleId, "mutasi cycle");
  const newest = (await tx.find("mutasiPlans", { cycleId: cycle.id }, { newestBy: "createdAt", limit: 1 }))[0];
  if (newest?.id !== plan.id) throw conflict("wrong_state", "A newer plan of this cycle replaced this one", { state: "superseded" });
  if (plan.decision) throw conflict("wrong_state", "This plan is already decided", { state: "decided" });
  return { plan, cycle };
}

function checkLines(plan: MutasiPlanRecord, staffIds: string[] | undefined) {
  const moved = new Set(plan.result.moves.map((m) => m.staffId));
  staffIds?.forEach((id, i) => {
    if (!moved.has(id)) throw invalidField(`staffIds.${i}`, "not_in_plan", `${id} is not moved by this plan`);
  });
}

export function reviewMutasiPlan(ctx: Ctx, user: PublicUser, id: string, body: ReviewBody): Promise<MutasiPlanRecord> {
  return commit(ctx, async (tx) => {
    const { plan, cycle } = await livePlan(tx, id);
    authorize(user, "mutasi.plan.review", { unitIds: affectedUnitIds(plan) });
    if (cycle.phase !== "planned" && cycle.phase !== "in_review") throw conflict("wrong_state", `Reviews are taken while the plan is planned or in review, not ${cycle.phase}`, { state: cycle.phase });
    checkLines(plan, body.staffIds);
    const review = { by: user.username, role: user.role, ...(user.unitId ? { unitId: user.unitId } : {}), vote: body.vote, note: body.note, ...(body.staffIds ? { staffIds: body.staffIds } : {}), at: ctx.clock.now().toISOString() };
    return savePlan(tx, { ...plan, reviews: [...plan.reviews, review] }, "mutasi_plan.reviewed", user.username);
  });
}

/** The blackout window the day falls in, if any blocks (one with the Minister's written approval does not). */
export function blackoutOn(cycle: MutasiCycle, day: string) {
  return cycle.settings.blackouts.find((b) => !b.ministerApproval && b.from <= day && day <= b.until);
}

/**
 * The PPK's decision. A Plh/Plt is refused before anything is read (SE BKN 2/SE/VII/2019), and so is a
 * decision inside a blackout window; an approval signs the SK with the signer as they are now.
 */
export function decideMutasiPlan(ctx: Ctx, user: PublicUser, id: string, body: DecideBody): Promise<MutasiPlanRecord> {
  authorize(user, "mutasi.plan.decide");
  if (user.acting) throw new DomainError("forbidden", `A ${user.acting.toUpperCase()} may propose a mutasi but never sign it (${SETTING_BASIS.acting})`, { action: "mutasi.plan.decide", reason: "acting_signer" });
  const now = ctx.clock.now();
  const day = witaDay(now);
  return commit(ctx, async (tx) => {
    const { plan, cycle } = await livePlan(tx, id);
    if (cycle.phase !== "in_review") throw conflict("wrong_state", `The PPK decides a plan in review, not in phase ${cycle.phase}`, { state: cycle.phase });
    const blackout = blackoutOn(cycle, day);
    if (blackout) throw new DomainError("forbidden", `No mutasi decision from ${blackout.from} to ${blackout.until}: ${blackout.basis}`, { action: "mutasi.plan.decide", reason: "blackout", kind: blackout.kind, from: blackout.from, until: blackout.until });
    checkLines(plan, body.staffIds);
    const staffIds = body.approve ? (body.staffIds ?? plan.result.moves.map((m) => m.staffId)) : [];
    const decision = { by: user.username, at: now.toISOString(), approve: body.approve, staffIds, ...(body.reason ? { reason: body.reason } : {}) };
    const sk = body.approve ? await buildSk(tx, user, plan, cycle, staffIds, day) : undefined;
    const saved = await savePlan(tx, { ...plan, decision, ...(sk ? { sk } : {}) }, "mutasi_plan.decided", user.username);
    if (body.approve) await stepCycle(tx, cycle, "decided", "decide", user.username, now);
    return saved;
  });
}

/** The SK's content, frozen at signing: the people as they are now, the signer as they are now. */
async function buildSk(tx: Tx, user: PublicUser, plan: MutasiPlanRecord, cycle: MutasiCycle, staffIds: string[], day: string): Promise<Sk> {
  const account = (await tx.find("users", { username: user.username }))[0];
  const signer: Signer = account?.official ?? { name: user.username, jabatan: "Wali Kota Kupang" };
  const chosen = new Set(staffIds);
  const side = async (positionId: string) => {
    const position = await mustGet(tx, "positions", positionId, "position");
    const unit = await mustGet(tx, "units", position.unitId, "unit");
    return { positionId, jabatan: position.jabatan, unitId: unit.id, unitName: unit.name };
  };
  const moves: Sk["moves"] = [];
  for (const m of plan.result.moves.filter((m) => chosen.has(m.staffId))) {
    const s = await mustGet(tx, "staff", m.staffId, "staff member");
    moves.push({ staffId: s.id, name: s.name, nip: s.nip, golongan: s.golongan, from: await side(m.from), to: await side(m.to) });
  }
  // A running number over every signed SK; 821.2 is the archive classification of mutasi (Permendagri 78/2012).
  const signed = (await tx.find("mutasiPlans")).filter((p) => p.sk).length;
  return { number: `821.2/${String(signed + 1).padStart(3, "0")}/BKPSDM/${cycle.year}`, date: day, tmt: cycle.settings.tmt, signer, moves };
}

/** A person objects to their own line: where the plan leaves them (moved or not). */
export async function objectToLine(ctx: Ctx, user: PublicUser, id: string, text: string): Promise<Objection> {
  const { plan, cycle } = await ctx.store.read(async (tx) => {
    const plan = await mustGet(tx, "mutasiPlans", id, "mutasi plan");
    return { plan, cycle: await mustGet(tx, "mutasiCycles", plan.cycleId, "mutasi cycle") };
  });
  const staffId = user.staffId ?? "";
  authorize(user, "mutasi.plan.object", { staffId });
  if (!plan.input.staff.some((s) => s.id === staffId)) throw new DomainError("not_found", "You have no line in this plan");
  if (cycle.phase === "effective") throw conflict("wrong_state", "The moves have taken effect", { state: cycle.phase });
  return fileObjection(ctx, user, cycle, staffId, "line", text, plan.id);
}
