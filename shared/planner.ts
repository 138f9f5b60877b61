/**
 * The planner's wire model (DESIGN.md, "The planner"): PlannerInput → PlanResult.
 */
import { z } from "zod";
import { BOUNDS, Id, Skill } from "./domain.js";
import { compileAcceptor, REJECT, type Acceptor } from "./zod-accept.js";

export const DEFAULT_WEIGHTS = {
  priority: 100_000,
  distance: 1,
  fatigue: 1,
  volunteer: 2,
  released: 5,
  balance: 10,
} as const;

const Weight = z.number().min(0).max(1e9);

export const PlannerWeights = z.object({
  priority: Weight.optional(),
  distance: Weight.optional(),
  fatigue: Weight.optional(),
  volunteer: Weight.optional(),
  released: Weight.optional(),
  balance: Weight.optional(),
}).strict();
export type PlannerWeights = z.infer<typeof PlannerWeights>;

export const PlannerUnit = z.object({
  id: Id,
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  floor: z.number().int().min(0).max(BOUNDS.headcount),
  workload: z.number().min(0).max(BOUNDS.workload),
});
export type PlannerUnit = z.infer<typeof PlannerUnit>;

export const PlannerStaff = z.object({
  id: Id,
  unitId: Id,
  skills: z.array(Skill).min(1),
  fatigueHours: z.number().min(0).max(BOUNDS.fatigueHours),
  volunteer: z.boolean(),
  released: z.boolean(),
});
export type PlannerStaff = z.infer<typeof PlannerStaff>;

export const PlannerNeed = z.object({
  id: Id,
  siteId: Id,
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  skill: Skill,
  count: z.number().int().min(1).max(BOUNDS.headcount),
  priority: z.number().int().min(1).max(5),
  maxDistanceKm: z.number().min(0).max(BOUNDS.km).optional(),
  /** A unit's own demand spike: that unit's staff are not lent to it (they are already there). */
  siteUnitId: Id.optional(),
});
export type PlannerNeed = z.infer<typeof PlannerNeed>;

type ReferenceIssue = { code: "custom"; path: (string | number)[]; message: string; params: { reason: "duplicate_id" | "unknown_unit" } };

function duplicateIds(list: { id: string }[], path: string, report: (issue: ReferenceIssue) => void) {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    if (seen.has(item.id)) report({ code: "custom", path: [path, i, "id"], message: `duplicate id ${item.id}`, params: { reason: "duplicate_id" } });
    seen.add(item.id);
  });
}

/** What the field schemas cannot see: ids unique per list, and every unit an id refers to in the input. */
function checkReferences(input: z.output<typeof PlannerInputShape>, report: (issue: ReferenceIssue) => void) {
  duplicateIds(input.units, "units", report);
  duplicateIds(input.staff, "staff", report);
  duplicateIds(input.needs, "needs", report);
  const unitIds = new Set(input.units.map((u) => u.id));
  input.staff.forEach((s, i) => {
    if (!unitIds.has(s.unitId)) report({ code: "custom", path: ["staff", i, "unitId"], message: `unknown unit ${s.unitId}`, params: { reason: "unknown_unit" } });
  });
  input.needs.forEach((n, i) => {
    if (n.siteUnitId !== undefined && !unitIds.has(n.siteUnitId)) report({ code: "custom", path: ["needs", i, "siteUnitId"], message: `unknown unit ${n.siteUnitId}`, params: { reason: "unknown_unit" } });
  });
}

const PlannerInputShape = z.object({
  units: z.array(PlannerUnit),
  staff: z.array(PlannerStaff),
  needs: z.array(PlannerNeed),
  weights: PlannerWeights.optional(),
  /** Donors must not be busy themselves (DESIGN.md): a unit keeps ceil(workload / cap) non-released people. */
  donorLoadCap: z.number().positive().max(1e6).nullable().optional(),
});

/** The one schema of the planner's input: its types, its JSON Schema (OpenAPI) and its issues for bad input. */
export const PlannerInput = PlannerInputShape.superRefine((input, ctx) => checkReferences(input, (issue) => ctx.addIssue(issue)));
export type PlannerInput = z.infer<typeof PlannerInput>;

/** Compiled at the first call (generated code: see zod-accept.ts), never in a browser that only imports the schema. */
let acceptShape: Acceptor<z.output<typeof PlannerInputShape>> | undefined;

/**
 * PlannerInput.safeParse, fast on large inputs (simulate, the CLI): the same answer, data or issues. A
 * valid input passes the schema's own bounds compiled into plain closures (shared/zod-accept.ts) and the
 * same reference checks, in about a third of zod's time warm and a quarter on a fresh process's first call; anything
 * else goes through the schema itself, which says what is wrong exactly as it always has.
 */
export function safeParsePlannerInput(value: unknown): z.ZodSafeParseResult<PlannerInput> {
  acceptShape ??= compileAcceptor(PlannerInputShape);
  const data = acceptShape(value);
  if (data !== REJECT) {
    let valid = true;
    checkReferences(data, () => (valid = false));
    if (valid) return { success: true, data };
  }
  return PlannerInput.safeParse(value);
}

export const PlanLineCost = z.object({
  distance: z.number(),
  fatigue: z.number(),
  volunteer: z.number(),
  released: z.number(),
  /** Marginal workload-balance cost of taking this person from the donor unit. */
  balance: z.number(),
});

/** Why a line was proposed: enough for a coordinator to trust or question it. */
export const PlanLineExplanation = z.object({
  skill: Skill,
  unitId: Id,
  siteId: Id,
  fatigueHours: z.number(),
  volunteer: z.boolean(),
  released: z.boolean(),
  unitLoadBefore: z.number(),
  unitLoadAfter: z.number(),
  costTerms: PlanLineCost,
});

/** What set the chosen person apart from the runner-up for the same place (the dashboard says these in words). */
export const WHY_REASONS = ["closer", "less_tired", "volunteer", "released", "lighter_unit", "only_candidate"] as const;
export const WhyReason = z.enum(WHY_REASONS);

/**
 * Why this person and not the next candidate: the cheapest person left out of the plan who could have
 * taken the same place (skill, range, floor), with the numbers to compare; null when nobody else could.
 */
export const PlanLineWhy = z.object({
  reasons: z.array(WhyReason),
  runnerUp: z.object({
    staffId: Id,
    unitId: Id,
    km: z.number(),
    fatigueHours: z.number(),
    volunteer: z.boolean(),
    released: z.boolean(),
    /** The runner-up's unit's load if they had been taken as well. */
    unitLoadAfter: z.number(),
    /** Their line's cost in the objective's terms (distance, fatigue, volunteer, released, balance). */
    cost: z.number(),
  }).nullable(),
});
export type PlanLineWhy = z.infer<typeof PlanLineWhy>;

export const PlanAssignment = z.object({
  staffId: Id,
  needId: Id,
  km: z.number(),
  cost: z.number(),
  explain: PlanLineExplanation,
  why: PlanLineWhy.optional(),
});
export type PlanAssignment = z.infer<typeof PlanAssignment>;

export const PlanResult = z.object({
  assignments: z.array(PlanAssignment),
  unfilled: z.array(z.object({
    needId: Id,
    count: z.number().int().min(1),
    /** `donor_cap`: without the donor load cap, `byCap` more of this need would be filled (the same input re-solved uncapped). */
    reason: z.literal("donor_cap").optional(),
    byCap: z.number().int().min(1).optional(),
  })),
  objective: z.number(),
  metrics: z.object({
    /** Share of the requested people that the plan fills, 0..1 (1 when nothing is needed). */
    coverage: z.number(),
    maxLoadBefore: z.number(),
    maxLoadAfter: z.number(),
    loadByUnit: z.record(z.string(), z.object({ before: z.number(), after: z.number(), taken: z.number().int() })),
    /** The cap the plan was made with (null: none), and how many people it left unfilled that an uncapped plan would place. */
    donorLoadCap: z.number().nullable().optional(),
    unfilledByCap: z.number().int().min(0).optional(),
  }),
  stats: z.object({ solveMs: z.number() }).catchall(z.number()),
});
export type PlanResult = z.infer<typeof PlanResult>;
