/** A person's side of the cycle: their wish, points sheet, eligibility, their line of the newest plan, and contesting the points. */
import type { PublicUser, Staff } from "../../shared/domain.js";
import { conflict, DomainError, invalidField } from "../../shared/errors.js";
import type { MutasiPlanRecord, MyCycle, MyLine, Objection, Position, Wish, WishBody } from "../../shared/mutasi-cycle.js";
import { WishWire } from "../../shared/mutasi-cycle.js";
import { eligibilityOf, pointsOf } from "../../shared/mutasi-rules.js";
import { authorize } from "../auth/authorize.js";
import { commit, type Ctx } from "../context.js";
import { mustGet } from "../entities.js";
import type { ReadTx } from "../store/port.js";
import { fileObjection } from "./objections.js";

async function self(tx: Pick<ReadTx, "get">, user: PublicUser): Promise<Staff> {
  if (!user.staffId) throw new DomainError("forbidden", "This account is not a staff member's", { action: "mutasi.me" });
  return mustGet(tx, "staff", user.staffId, "staff member");
}

/** The positions a person may wish for: of their own jabatan, other than their own. */
export function wishOptions(positions: Position[], own: Position | undefined): Position[] {
  return own ? positions.filter((p) => p.jabatan === own.jabatan && p.id !== own.id) : [];
}

export async function myCycle(ctx: Ctx, user: PublicUser, cycleId: string): Promise<MyCycle> {
  authorize(user, "mutasi.me");
  return ctx.store.read(async (tx) => {
    const cycle = await mustGet(tx, "mutasiCycles", cycleId, "mutasi cycle");
    const staff = await self(tx, user);
    const own = staff.positionId ? await tx.get("positions", staff.positionId) : undefined;
    const wish = (await tx.get("wishes", `${cycleId}:${staff.id}`)) ?? null;
    const objections = (await tx.find("objections", { cycleId })).filter((o) => o.staffId === staff.id);
    const plan = (await tx.find("mutasiPlans", { cycleId }, { newestBy: "createdAt", limit: 1 }))[0];
    return {
      cycle, wish,
      line: plan ? lineOf(plan, staff.id) : null,
      points: pointsOf(cycle, staff, wish),
      eligibility: eligibilityOf(staff, own, cycle.settings),
      options: own ? wishOptions(await tx.find("positions"), own) : [],
      objections,
    };
  });
}

export function putMyWish(ctx: Ctx, user: PublicUser, cycleId: string, body: WishBody): Promise<Wish> {
  authorize(user, "mutasi.me");
  return commit(ctx, async (tx) => {
    const cycle = await mustGet(tx, "mutasiCycles", cycleId, "mutasi cycle");
    if (cycle.phase !== "wishes_open") throw conflict("wrong_state", "Wishes are not open in this cycle", { state: cycle.phase });
    const staff = await self(tx, user);
    const own = staff.positionId ? await tx.get("positions", staff.positionId) : undefined;
    if (!own && body.wishes.length > 0) throw invalidField("wishes", "unknown_position", "You hold no position of the ABK, so you cannot wish for another");
    for (const [i, id] of body.wishes.entries()) {
      const p = await tx.get("positions", id);
      if (!p) throw invalidField(`wishes.${i}`, "unknown_position", `No position with id ${id}`);
      if (p.id === own!.id) throw invalidField(`wishes.${i}`, "wish_current", "A wish names another position than your own");
      if (p.jabatan !== own!.jabatan) throw invalidField(`wishes.${i}`, "wish_other_jabatan", `Position ${id} is of another jabatan (${p.jabatan})`);
    }
    const id = `${cycleId}:${staff.id}`;
    const before = await tx.get("wishes", id);
    const fields = { cycleId, staffId: staff.id, choice: body.choice, wishes: body.wishes, reasons: body.reasons, updatedAt: ctx.clock.now().toISOString() };
    const wish = before ? await tx.replace("wishes", { ...before, ...fields }) : await tx.insert("wishes", { id, ...fields });
    await tx.append({ type: "wish.submitted", actor: user.username, data: WishWire.parse(wish) });
    return wish;
  });
}

/** Where the plan leaves the person (null when the plan did not consider them), and whether the PPK signed it. */
export function lineOf(plan: MutasiPlanRecord, staffId: string): MyLine | null {
  const mine = plan.input.staff.find((s) => s.id === staffId);
  if (!mine) return null;
  const move = plan.result.moves.find((m) => m.staffId === staffId) ?? null;
  const d = plan.decision;
  return {
    planId: plan.id,
    from: mine.positionId,
    to: move ? move.to : mine.positionId,
    move,
    approved: d ? d.approve && (!move || d.staffIds.includes(staffId)) : null,
  };
}

/** Contesting the points sheet: allowed until the plan is decided. */
export async function contestPoints(ctx: Ctx, user: PublicUser, cycleId: string, text: string): Promise<Objection> {
  authorize(user, "mutasi.me");
  const { cycle, staff } = await ctx.store.read(async (tx) => ({ cycle: await mustGet(tx, "mutasiCycles", cycleId, "mutasi cycle"), staff: await self(tx, user) }));
  if (cycle.phase === "decided" || cycle.phase === "effective" || cycle.phase === "draft") throw conflict("wrong_state", "Points can be contested only while the cycle is open and undecided", { state: cycle.phase });
  return fileObjection(ctx, user, cycle, staff.id, "points", text);
}
