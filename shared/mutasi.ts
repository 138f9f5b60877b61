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

export const MutasiMove = z.object({
  staffId: Id,
  from: Id,
  to: Id,
  /** Which of their wishes this is (0 = first), null when it is none of them. */
  wishRank: z.union([z.literal(0), z.literal(1), z.literal(2)]).nullable(),
  /** Moved against a `stay`, or to a position that is not a wish of a `move`. */
  forced: z.boolean(),
  cost: z.number(),
});
export type MutasiMove = z.infer<typeof MutasiMove>;

export const MutasiEnvy = z.object({ staffId: Id, positionId: Id, byStaffId: Id });
export type MutasiEnvy = z.infer<typeof MutasiEnvy>;

/** The input with its cross-field rules; issues carry the path of the offending field. */
export const MutasiInput = MutasiInputShape.superRefine((input, ctx) => {
  const positions = new Map<string, MutasiPosition>();
  input.positions.forEach((p, i) => {
    if (positions.has(p.id)) ctx.addIssue({ code: "custom", path: ["positions", i, "id"], message: `duplicate position ${p.id}` });
    positions.set(p.id, p);
  });
  const seen = new Set<string>();
  input.staff.forEach((s, i) => {
    if (seen.has(s.id)) ctx.addIssue({ code: "custom", path: ["staff", i, "id"], message: `duplicate staff ${s.id}` });
    seen.add(s.id);
    const current = positions.get(s.positionId);
    if (!current) ctx.addIssue({ code: "custom", path: ["staff", i, "positionId"], message: `unknown position ${s.positionId}` });
    if (s.choice === "stay" && s.wishes.length > 0) ctx.addIssue({ code: "custom", path: ["staff", i, "wishes"], message: "choice stay has no wishes" });
    if (new Set(s.wishes).size !== s.wishes.length) ctx.addIssue({ code: "custom", path: ["staff", i, "wishes"], message: "wishes must be distinct" });
    s.wishes.forEach((w, r) => {
      const wished = positions.get(w);
      if (!wished) ctx.addIssue({ code: "custom", path: ["staff", i, "wishes", r], message: `unknown position ${w}` });
      else if (w === s.positionId) ctx.addIssue({ code: "custom", path: ["staff", i, "wishes", r], message: "a wish names another position than the current one" });
      else if (current && wished.jabatan !== current.jabatan) ctx.addIssue({ code: "custom", path: ["staff", i, "wishes", r], message: `wish ${w} is of another jabatan` });
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
  stats: z.object({ solveMs: z.number().min(0) }),
});
export type MutasiResult = z.infer<typeof MutasiResult>;
