/**
 * The mutasi optimiser's wire model (DESIGN.md, "The annual mutasi cycle"): MutasiInput → MutasiResult.
 * A pure model like the planner's: the CLI, POST /api/mutasi/simulate and a cycle's plans all speak it.
 * Rules that tie fields together (same jabatan, `stay` has no wishes, known positions, distinct staff)
 * are refinements here, so every door refuses the same input with the same field paths.
 */
import { z } from "zod";
import { Id } from "./domain.js";

export const MUTASI_CHOICES = ["stay", "either", "move"] as const;
export const MutasiChoice = z.enum(MUTASI_CHOICES);
export type MutasiChoice = z.infer<typeof MutasiChoice>;

export const DEFAULT_MUTASI_WEIGHTS = { balance: 1, move: 0.5, wish: 1, forced: 5 } as const;

const Weight = z.number().min(0).max(1e6);

export const MutasiWeights = z.object({
  balance: Weight.optional(),
  move: Weight.optional(),
  wish: Weight.optional(),
  forced: Weight.optional(),
}).strict();
export type MutasiWeights = z.infer<typeof MutasiWeights>;

export const MutasiPosition = z.object({
  id: Id,
  unitId: Id,
  jabatan: z.string().min(1).max(200),
  capacity: z.number().int().min(0).max(100_000),
  floor: z.number().int().min(0).max(100_000),
  needFte: z.number().min(0).max(100_000),
});
export type MutasiPosition = z.infer<typeof MutasiPosition>;

export const MutasiStaff = z.object({
  id: Id,
  positionId: Id,
  movable: z.boolean(),
  points: z.number().min(0).max(100),
  choice: MutasiChoice,
  wishes: z.array(Id).max(3),
});
export type MutasiStaff = z.infer<typeof MutasiStaff>;

export const MutasiInputShape = z.object({
  positions: z.array(MutasiPosition).max(100_000),
  staff: z.array(MutasiStaff).max(200_000),
  weights: MutasiWeights.optional(),
}).strict();

export const WishRank = z.union([z.literal(0), z.literal(1), z.literal(2)]);

/** Why a person did not get a wish better than where they ended (checked in this order). */
export const WISH_MISS_RULES = [
  "not_movable",   // the person may not move this cycle
  "capacity_full", // the wished position ends at its formasi (or its headcount before, if that was higher)
  "floor",         // leaving would take the current position below its floor (or further below it)
  "balance_cost",  // allowed, but it would cost the model more than it gains: the optimum says no
] as const;
export const WishMissRule = z.enum(WISH_MISS_RULES);
export type WishMissRule = z.infer<typeof WishMissRule>;

/** A better wish a person did not get, and the rule that kept them from it. */
export const MutasiWishMiss = z.object({ positionId: Id, rank: WishRank, rule: WishMissRule });
export type MutasiWishMiss = z.infer<typeof MutasiWishMiss>;

/** Why a move is forced (moved against a `stay`, or a `move` sent to none of their wishes). */
export const FORCED_REASONS = [
  "overstaffed", // the position held more people than its formasi before the cycle
  "make_room",   // the position ends full and took someone in: this person made the room
  "balance",     // the position is overstaffed for its need: the balance gain outweighs the forced cost
] as const;
export const ForcedReason = z.enum(FORCED_REASONS);
export type ForcedReason = z.infer<typeof ForcedReason>;

/** The terms of a person's cost in Z: cost = move + pref.cost; balance is the move's own share of the balance term. */
export const MutasiMoveExplanation = z.object({
  /**
   * The change in balance · Σ D²/max(h, 0.5) this move makes with every other move held: negative when the
   * move evens the load out.
   */
  balance: z.number(),
  /** weights.move. */
  move: z.number(),
  pref: z.object({
    choice: MutasiChoice,
    /** Where the person ended, as their pref table names it. */
    rank: WishRank.nullable(),
    /** pref(choice, end) before the points factor. */
    base: z.number(),
    /** 1 + points/100. */
    factor: z.number(),
    /** base × factor. */
    cost: z.number(),
  }),
  /** What staying would have cost the person (pref(choice, stays) × factor). */
  stayCost: z.number(),
  /** Each wish ranked better than where they ended, with the rule that kept them from it. */
  missed: z.array(MutasiWishMiss),
  /** Set exactly when the move is forced. */
  forcedReason: ForcedReason.optional(),
});
export type MutasiMoveExplanation = z.infer<typeof MutasiMoveExplanation>;

export const MutasiMove = z.object({
  staffId: Id,
  from: Id,
  to: Id,
  /** Which of their wishes this is (0 = first), null when it is none of them. */
  wishRank: WishRank.nullable(),
  /** Moved against a `stay`, or to a position that is not a wish of a `move`. */
  forced: z.boolean(),
  /** The person's own terms of Z: move + (1 + points/100) · pref(choice, to). */
  cost: z.number(),
  explanation: MutasiMoveExplanation,
});
export type MutasiMove = z.infer<typeof MutasiMove>;

export const MutasiEnvy = z.object({ staffId: Id, positionId: Id, byStaffId: Id });
export type MutasiEnvy = z.infer<typeof MutasiEnvy>;

/** The input with its cross-field rules; issues carry the path of the offending field. */
export const MutasiInput = MutasiInputShape.superRefine((input, ctx) => {
  const positions = new Map<string, MutasiPosition>();
  input.positions.forEach((p, i) => {
    if (positions.has(p.id)) ctx.addIssue({ code: "custom", path: ["positions", i, "id"], message: `duplicate position ${p.id}`, params: { reason: "duplicate_id" } });
    positions.set(p.id, p);
  });
  const seen = new Set<string>();
  input.staff.forEach((s, i) => {
    if (seen.has(s.id)) ctx.addIssue({ code: "custom", path: ["staff", i, "id"], message: `duplicate staff ${s.id}`, params: { reason: "duplicate_id" } });
    seen.add(s.id);
    const current = positions.get(s.positionId);
    if (!current) ctx.addIssue({ code: "custom", path: ["staff", i, "positionId"], message: `unknown position ${s.positionId}`, params: { reason: "unknown_position" } });
    if (s.choice === "stay" && s.wishes.length > 0) ctx.addIssue({ code: "custom", path: ["staff", i, "wishes"], message: "choice stay has no wishes", params: { reason: "stay_no_wishes" } });
    if (new Set(s.wishes).size !== s.wishes.length) ctx.addIssue({ code: "custom", path: ["staff", i, "wishes"], message: "wishes must be distinct", params: { reason: "duplicate_wish" } });
    s.wishes.forEach((w, r) => {
      const wished = positions.get(w);
      if (!wished) ctx.addIssue({ code: "custom", path: ["staff", i, "wishes", r], message: `unknown position ${w}`, params: { reason: "unknown_position" } });
      else if (w === s.positionId) ctx.addIssue({ code: "custom", path: ["staff", i, "wishes", r], message: "a wish must name another position than the current one", params: { reason: "wish_current" } });
      else if (current && wished.jabatan !== current.jabatan) ctx.addIssue({ code: "custom", path: ["staff", i, "wishes", r], message: `wish ${w} is of another jabatan`, params: { reason: "wish_other_jabatan" } });
    });
  });
});
export type MutasiInput = z.infer<typeof MutasiInput>;

export const MutasiResult = z.object({
  moves: z.array(MutasiMove),
  /** Z of the model for where everyone ends. */
  objective: z.number(),
  metrics: z.object({
    ej: z.record(z.string(), z.object({ before: z.number().nullable(), after: z.number().nullable() })),
    moved: z.number().int().min(0),
    forced: z.number().int().min(0),
    wishesMet: z.tuple([z.number().int().min(0), z.number().int().min(0), z.number().int().min(0)]),
    envy: z.array(MutasiEnvy),
  }),
  /** People who stay although they wished to move, each wish with the rule that kept them from it. */
  unmet: z.array(z.object({ staffId: Id, missed: z.array(MutasiWishMiss) })),
  stats: z.object({
    solveMs: z.number().min(0),
    /** Classes of interchangeable people the flow was built over, and its augmenting paths. */
    classes: z.number().int().min(0).optional(),
    augmentations: z.number().int().min(0).optional(),
  }),
});
export type MutasiResult = z.infer<typeof MutasiResult>;
