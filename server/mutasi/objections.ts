/** Objections: a person files one (to their points sheet or their line of a plan), a coordinator answers it once. */
import type { PublicUser } from "../../shared/domain.js";
import { conflict } from "../../shared/errors.js";
import type { AnswerBody, MutasiCycle, Objection } from "../../shared/mutasi-cycle.js";
import { ObjectionWire } from "../../shared/mutasi-cycle.js";
import { authorize } from "../auth/authorize.js";
import { commit, type Ctx } from "../context.js";
import { checkVersion, mustGet } from "../entities.js";
import { newId } from "../ids.js";

/** Files an objection, in its own transaction. */
export async function fileObjection(ctx: Ctx, user: PublicUser, cycle: MutasiCycle, staffId: string, kind: Objection["kind"], text: string, planId?: string): Promise<Objection> {
  return commit(ctx, async (tx) => {
    const objection = await tx.insert("objections", {
      id: newId("obj"), cycleId: cycle.id, staffId, kind, ...(planId ? { planId } : {}), text, createdAt: ctx.clock.now().toISOString(),
    });
    await tx.append({ type: "objection.filed", actor: user.username, data: ObjectionWire.parse(objection) });
    return objection;
  });
}

/** A cycle's objections with their text, oldest first: what the coordinators answer and the PPK reads. */
export async function listObjections(ctx: Ctx, user: PublicUser, cycleId: string): Promise<Objection[]> {
  authorize(user, "mutasi.objection.read");
  return ctx.store.read(async (tx) => {
    await mustGet(tx, "mutasiCycles", cycleId, "mutasi cycle");
    return (await tx.find("objections", { cycleId })).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  });
}

/** The answer, given once: a second one is refused (409 wrong_state "answered"), so nobody's answer is overwritten. */
export function answerObjection(ctx: Ctx, user: PublicUser, id: string, body: AnswerBody): Promise<Objection> {
  authorize(user, "mutasi.objection.answer");
  return commit(ctx, async (tx) => {
    const objection = await mustGet(tx, "objections", id, "objection");
    checkVersion(objection, body.version, "objection");
    if (objection.answer !== undefined) throw conflict("wrong_state", "This objection is already answered", { state: "answered" });
    const answered = await tx.replace("objections", { ...objection, answer: body.answer, answeredBy: user.username, answeredAt: ctx.clock.now().toISOString() });
    await tx.append({ type: "objection.answered", actor: user.username, data: ObjectionWire.parse(answered) });
    return answered;
  });
}
