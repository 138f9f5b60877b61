/**
 * The annual mutasi cycle (DESIGN.md, "The annual mutasi cycle"): positions with their ABK, the cycle and
 * its phases, wishes, points, eligibility, plans with their reviews and decision, the SK, objections.
 * Records and API bodies live here; the optimiser's own wire model is shared/mutasi.ts.
 */
import { z } from "zod";
import { Id, Nip, SkpRating, Timestamp, Version } from "./domain.js";
import { MutasiChoice, MutasiInput, MutasiMove, MutasiResult, MutasiWeights } from "./mutasi.js";

/** A calendar date, yyyy-mm-dd (TMT, sanctions, blackout windows). */
export const DateOnly = z.iso.date();

// --- Positions and ABK (Permenpan RB 1/2020) -------------------------------------------------------

export const POSITION_KINDS = ["pelaksana", "fungsional", "administrasi", "jpt"] as const;
export const PositionKind = z.enum(POSITION_KINDS);
export type PositionKind = z.infer<typeof PositionKind>;

/** Effective working minutes of one person a year: 1,250 hours (Permenpan RB 1/2020); a setting (SIAGA_ABK_MINUTES). */
export const DEFAULT_ABK_MINUTES = 75_000;

export const AbkTask = z.object({
  uraian: z.string().min(1).max(300),
  volumePerYear: z.number().min(0).max(10_000_000),
  normaMinutes: z.number().min(0).max(100_000),
  satuan: z.string().min(1).max(60),
}).strict();
export type AbkTask = z.infer<typeof AbkTask>;

export const Abk = z.object({
  year: z.number().int().min(2000).max(2100),
  tasks: z.array(AbkTask).max(200),
}).strict();
export type Abk = z.infer<typeof Abk>;

/** needFte = Σ volumePerYear × normaMinutes / minutes a year of one person. */
export function needFteOf(abk: Abk | undefined, minutes = DEFAULT_ABK_MINUTES): number {
  if (!abk) return 0;
  const total = abk.tasks.reduce((sum, t) => sum + t.volumePerYear * t.normaMinutes, 0);
  return Math.round((total / minutes) * 1000) / 1000;
}

/** Efektivitas jabatan: need over headcount; above 1 the position is overloaded. Null when nobody holds it and nothing is needed. */
export function ej(needFte: number, headcount: number): number | null {
  if (headcount === 0) return null;
  return Math.round((needFte / headcount) * 1000) / 1000;
}

/** EJ bands (sources disagree on the cut-offs, so they are settings): at or below `lowMax` under-used, above `highMin` overloaded. */
export const EJ_BANDS = { lowMax: 0.7, highMin: 1.0 } as const;
export type EjBand = "kurang" | "normal" | "lebih";
export function ejBand(value: number | null): EjBand | null {
  if (value === null) return null;
  return value <= EJ_BANDS.lowMax ? "kurang" : value > EJ_BANDS.highMin ? "lebih" : "normal";
}

export const Position = z.object({
  id: Id,
  unitId: Id,
  jabatan: z.string().min(1).max(200),
  kind: PositionKind,
  /** Formasi: at most this many may hold it after a mutasi. */
  capacity: z.number().int().min(0).max(100_000),
  floor: z.number().int().min(0).max(100_000),
  abk: Abk.optional(),
  /** Derived from `abk` on every write (needFteOf). */
  needFte: z.number().min(0),
  version: Version,
});
export type Position = z.infer<typeof Position>;

const PositionFields = {
  unitId: Id,
  jabatan: Position.shape.jabatan,
  kind: PositionKind,
  capacity: Position.shape.capacity,
  floor: Position.shape.floor,
};
export const PositionCreate = z.object({ ...PositionFields, abk: Abk.optional() }).strict();
export type PositionCreate = z.infer<typeof PositionCreate>;
export const PositionPatch = z.object({ ...PositionFields, version: Version }).partial().required({ version: true }).strict();
export type PositionPatch = z.infer<typeof PositionPatch>;
export const AbkPut = Abk.extend({ version: Version.optional() }).strict();
export type AbkPut = z.infer<typeof AbkPut>;

export { SKP_RATINGS, SkpRating } from "./domain.js";

// --- The cycle ---------------------------------------------------------------------------------------

export const MUTASI_PHASES = ["draft", "wishes_open", "wishes_closed", "planned", "in_review", "decided", "effective"] as const;
export const MutasiPhase = z.enum(MUTASI_PHASES);
export type MutasiPhase = z.infer<typeof MutasiPhase>;

/**
 * The cycle's steps, each with what takes it: the phase route (`phase`), making a plan (`plan`), or the
 * PPK's decision (`decide`). Anything else is an illegal step (409 wrong_state).
 */
export const PHASE_STEPS: Record<MutasiPhase, Partial<Record<MutasiPhase, "phase" | "plan" | "decide">>> = {
  draft: { wishes_open: "phase" },
  wishes_open: { wishes_closed: "phase" },
  wishes_closed: { planned: "plan", wishes_open: "phase" },
  planned: { in_review: "phase", planned: "plan" },
  in_review: { decided: "decide", planned: "plan" },
  decided: { effective: "phase" },
  effective: {},
};

/** Whether `by` may take the cycle from `from` to `to`. */
export function phaseStep(from: MutasiPhase, to: MutasiPhase, by: "phase" | "plan" | "decide"): boolean {
  return PHASE_STEPS[from][to] === by;
}

export const BLACKOUT_KINDS = ["inauguration", "pilkada", "other"] as const;
export const Blackout = z.object({
  kind: z.enum(BLACKOUT_KINDS),
  from: DateOnly,
  until: DateOnly,
  /** The legal basis shown with the window. */
  basis: z.string().min(1).max(300),
  /** Set when the Minister (Mendagri) approved mutasi in writing: the window no longer blocks. */
  ministerApproval: z.string().max(200).optional(),
}).strict();
export type Blackout = z.infer<typeof Blackout>;

/** Points rules: each a named item of the points sheet, with its points (the sheet is capped at 0..100). */
export const PointsRules = z.object({
  /** Points by the SKP rating of the year before the cycle. */
  rating: z.record(SkpRating, z.number().min(0).max(100)),
  /** Per full year in the current position, up to `tenureMax`. */
  tenurePerYear: z.number().min(0).max(100),
  tenureMax: z.number().min(0).max(100),
  /** For each reason of a wish (spouse, health, care, disability), once per code. */
  reason: z.record(z.enum(["spouse", "health", "care", "disability", "career", "other"]), z.number().min(0).max(100)),
}).strict();
export type PointsRules = z.infer<typeof PointsRules>;

export const CycleSettings = z.object({
  /** Minimum and maximum months in a position before a move (PP 11/2017 Pasal 190 as amended by PP 17/2020: 2 and 5 years). */
  minMonths: z.number().int().min(0).max(600),
  maxMonths: z.number().int().min(1).max(600),
  blackouts: z.array(Blackout).max(20),
  points: PointsRules,
  /** TMT of the moves: the day they take effect. */
  tmt: DateOnly,
  /** Effective minutes a year of one person, for needFte (Permenpan RB 1/2020: 1,250 hours). */
  abkMinutes: z.number().int().min(1).max(1_000_000),
  weights: MutasiWeights.optional(),
}).strict();
export type CycleSettings = z.infer<typeof CycleSettings>;

/** Legal basis of each setting, shown next to it. */
export const SETTING_BASIS = {
  minMonths: "PP 11/2017 Pasal 190 ayat (3) jo. PP 17/2020; Peraturan BKN 5/2019 Pasal 5",
  maxMonths: "PP 11/2017 Pasal 190 ayat (3) jo. PP 17/2020",
  inauguration: "UU 10/2016 Pasal 162 ayat (3): 6 bulan sejak pelantikan kepala daerah, kecuali persetujuan tertulis Menteri",
  pilkada: "UU 10/2016 Pasal 71 ayat (2): 6 bulan sebelum penetapan pasangan calon sampai akhir masa jabatan, kecuali persetujuan tertulis Menteri",
  points: "Peraturan BKN 5/2019 (mutasi berdasarkan kinerja dan kebutuhan organisasi); SKP menurut PP 30/2019",
  abkMinutes: "Permenpan RB 1/2020 tentang Pedoman Analisis Jabatan dan Analisis Beban Kerja: 1.250 jam kerja efektif setahun",
  retirement: "UU 20/2023 tentang ASN jo. PP 11/2017 Pasal 239 jo. PP 17/2020: BUP 58 tahun (administrasi, pelaksana, fungsional ahli muda/pertama, terampil), 60 tahun (JPT, fungsional ahli madya), 65 tahun (ahli utama)",
  sanction: "PP 94/2021 tentang Disiplin PNS; Peraturan BKN 5/2019: PNS yang sedang menjalani hukuman disiplin atau pemeriksaan tidak dimutasi",
  studyLeave: "Peraturan BKN 5/2019; Permenpan RB 4/2013 tentang tugas belajar: PNS tugas belajar tidak dimutasi",
  unpaidLeave: "PP 11/2017 Pasal 331 jo. PP 17/2020 (CLTN): PNS yang menjalani CLTN tidak dimutasi",
  decision: "PP 11/2017 Pasal 190–191 jo. PP 17/2020: diputuskan PPK setelah pertimbangan Tim Penilai Kinerja PNS",
  acting: "SE Kepala BKN 2/SE/VII/2019: Plh/Plt tidak berwenang menetapkan keputusan mutasi",
} as const;

export function defaultCycleSettings(year: number): CycleSettings {
  return {
    minMonths: 24,
    maxMonths: 60,
    blackouts: [],
    points: {
      rating: { sangat_baik: 40, baik: 30, butuh_perbaikan: 15, kurang: 5, sangat_kurang: 0 },
      tenurePerYear: 5,
      tenureMax: 30,
      reason: { spouse: 10, health: 10, care: 10, disability: 10, career: 0, other: 0 },
    },
    tmt: `${year}-03-01`,
    abkMinutes: DEFAULT_ABK_MINUTES,
  };
}

export const PhaseChange = z.object({ phase: MutasiPhase, at: Timestamp, by: z.string() }).strict();

export const MutasiCycle = z.object({
  id: Id,
  year: z.number().int().min(2000).max(2100),
  phase: MutasiPhase,
  settings: CycleSettings,
  history: z.array(PhaseChange),
  createdAt: Timestamp,
  version: Version,
});
export type MutasiCycle = z.infer<typeof MutasiCycle>;

export const CycleCreate = z.object({
  year: z.number().int().min(2000).max(2100),
  settings: CycleSettings.partial().optional(),
}).strict();
export type CycleCreate = z.infer<typeof CycleCreate>;
export const PhaseBody = z.object({ to: MutasiPhase, version: Version }).strict();
export type PhaseBody = z.infer<typeof PhaseBody>;

// --- Wishes, points, eligibility ---------------------------------------------------------------------

export const WISH_REASONS = ["spouse", "health", "care", "disability", "career", "other"] as const;
export const WishReason = z.object({ code: z.enum(WISH_REASONS), note: z.string().max(500).default("") }).strict();
export type WishReason = z.infer<typeof WishReason>;

export const WishBody = z.object({
  choice: MutasiChoice,
  wishes: z.array(Id).max(3),
  reasons: z.array(WishReason).max(6).default([]),
}).strict().superRefine((w, ctx) => {
  // The same reasons as the optimiser's own input (shared/mutasi.ts).
  if (w.choice === "stay" && w.wishes.length > 0) ctx.addIssue({ code: "custom", path: ["wishes"], message: "choice stay has no wishes", params: { reason: "stay_no_wishes" } });
  if (new Set(w.wishes).size !== w.wishes.length) ctx.addIssue({ code: "custom", path: ["wishes"], message: "wishes must be distinct", params: { reason: "duplicate_wish" } });
});
export type WishBody = z.infer<typeof WishBody>;

export const Wish = z.object({
  /** `${cycleId}:${staffId}`: one wish per person per cycle. */
  id: Id,
  cycleId: Id,
  staffId: Id,
  choice: MutasiChoice,
  wishes: z.array(Id).max(3),
  reasons: z.array(WishReason).max(6),
  updatedAt: Timestamp,
  version: Version,
});
export type Wish = z.infer<typeof Wish>;
/** What others learn of a wish: that it was sent, never its content (reasons may name a health condition). */
export const WishWire = Wish.pick({ id: true, cycleId: true, staffId: true, updatedAt: true, version: true });
export type WishWire = z.infer<typeof WishWire>;

export const PointsItem = z.object({ rule: z.string(), points: z.number(), detail: z.string().optional() });
export const PointsSheet = z.object({
  cycleId: Id,
  staffId: Id,
  items: z.array(PointsItem),
  total: z.number().min(0).max(100),
});
export type PointsSheet = z.infer<typeof PointsSheet>;

export const ELIGIBILITY_RULES = ["min_months", "max_months", "sanction", "study_leave", "unpaid_leave", "retirement", "position"] as const;
export type EligibilityRuleId = (typeof ELIGIBILITY_RULES)[number];
export const EligibilityCheck = z.object({
  rule: z.enum(ELIGIBILITY_RULES),
  ok: z.boolean(),
  basis: z.string(),
  detail: z.string(),
});
export const Eligibility = z.object({
  staffId: Id,
  movable: z.boolean(),
  /** Over the maximum time in position: a move is due (shown; the model still weighs the person's choice). */
  due: z.boolean(),
  checks: z.array(EligibilityCheck),
});
export type Eligibility = z.infer<typeof Eligibility>;

/**
 * Where the cycle's newest plan leaves a person, shown to them on their phone so that they can object to it
 * (POST /api/mutasi/plans/:planId/objections) before the SK.
 */
export const MyLine = z.object({
  planId: Id,
  /** Their position now, and after the plan: the same when the plan leaves them where they are. */
  from: Id.nullable(),
  to: Id.nullable(),
  /** Their move with its explanation; null when they stay. */
  move: MutasiMove.nullable(),
  /** Null until the PPK decides; then whether the signed decision carries their line. */
  approved: z.boolean().nullable(),
});
export type MyLine = z.infer<typeof MyLine>;

/** The person's own view of a cycle: their wish, points sheet, eligibility and line in the newest plan. */
export const MyCycle = z.object({
  cycle: MutasiCycle,
  /** Their line in the newest plan, once the cycle has one (planned and later); else null. */
  line: MyLine.nullable(),
  wish: Wish.nullable(),
  points: PointsSheet,
  eligibility: Eligibility,
  /** Positions of their own jabatan they may wish for. */
  options: z.array(Position),
  objections: z.array(z.lazy(() => Objection)),
});
export type MyCycle = z.infer<typeof MyCycle>;

// --- Plans, reviews, decision, SK --------------------------------------------------------------------

export const Review = z.object({
  by: z.string(),
  role: z.string(),
  unitId: Id.optional(),
  vote: z.enum(["agree", "object"]),
  note: z.string().max(1000),
  staffIds: z.array(Id).max(10_000).optional(),
  at: Timestamp,
});
export type Review = z.infer<typeof Review>;
export const ReviewBody = z.object({ vote: z.enum(["agree", "object"]), note: z.string().max(1000).default(""), staffIds: z.array(Id).max(10_000).optional() }).strict();
export type ReviewBody = z.infer<typeof ReviewBody>;

export const Decision = z.object({
  by: z.string(),
  at: Timestamp,
  approve: z.boolean(),
  /** The lines decided: every line of the plan, or the listed ones. Empty when refused. */
  staffIds: z.array(Id),
  reason: z.string().max(1000).optional(),
});
export type Decision = z.infer<typeof Decision>;
export const DecideBody = z.object({ approve: z.boolean(), staffIds: z.array(Id).max(10_000).optional(), reason: z.string().max(1000).optional() }).strict();
export type DecideBody = z.infer<typeof DecideBody>;

export const Signer = z.object({ name: z.string().min(1).max(200), nip: Nip.optional(), jabatan: z.string().min(1).max(200) }).strict();
export type Signer = z.infer<typeof Signer>;

const SkSide = z.object({ positionId: Id, jabatan: z.string(), unitId: Id, unitName: z.string() });
export const SkMove = z.object({ staffId: Id, name: z.string(), nip: z.string(), golongan: z.string(), from: SkSide, to: SkSide });
export type SkMove = z.infer<typeof SkMove>;
export const Sk = z.object({
  number: z.string(),
  date: DateOnly,
  tmt: DateOnly,
  /** The signer as they were at signing; never a Plh/Plt. */
  signer: Signer,
  moves: z.array(SkMove),
});
export type Sk = z.infer<typeof Sk>;

export const MutasiPlanRecord = z.object({
  id: Id,
  cycleId: Id,
  createdAt: Timestamp,
  createdBy: z.string(),
  /** SHA-256 of the canonical input JSON: the audit's handle on what the optimiser was given. */
  inputHash: z.string(),
  input: MutasiInput,
  result: MutasiResult,
  eligibility: z.array(Eligibility),
  reviews: z.array(Review),
  decision: Decision.optional(),
  sk: Sk.optional(),
  version: Version,
});
export type MutasiPlanRecord = z.infer<typeof MutasiPlanRecord>;
/** What the snapshot and the live feed carry: the moves and metrics, not the input nor anyone's eligibility. */
export const MutasiPlanWire = MutasiPlanRecord.pick({ id: true, cycleId: true, createdAt: true, createdBy: true, inputHash: true, result: true, reviews: true, decision: true, sk: true, version: true });
export type MutasiPlanWire = z.infer<typeof MutasiPlanWire>;
/**
 * The fields of a plan only those who may read plans receive (shared/policy.ts mutasi.plan.read): the moves
 * with every person's choice and missed wishes, the reviewers' notes, the decision and the SK's names and
 * NIPs. A staff phone or a wall screen gets the plan without them (server/privacy.ts).
 */
const PLAN_PRIVATE = { result: true, reviews: true, decision: true, sk: true } as const;
export const MUTASI_PLAN_PRIVATE = Object.keys(PLAN_PRIVATE) as (keyof typeof PLAN_PRIVATE)[];
/** The registry's wire form: the private fields may be cut. */
export const MutasiPlanLive = MutasiPlanWire.partial(PLAN_PRIVATE);
export type MutasiPlanLive = z.infer<typeof MutasiPlanLive>;
/** A plan as received by someone who may read it: with its moves. */
export function withMoves(plan: MutasiPlanLive | undefined): plan is MutasiPlanWire {
  return plan?.result !== undefined && plan.reviews !== undefined;
}
/** POST /api/mutasi/cycles/:id/plans and GET /api/mutasi/plans/:id. */
export const MutasiPlan = MutasiPlanRecord.omit({ version: true }).extend({ version: Version });
export type MutasiPlan = z.infer<typeof MutasiPlan>;
export const PlanCreateBody = z.object({ weights: MutasiWeights.optional() }).strict();

export const OBJECTION_KINDS = ["points", "line"] as const;
export const Objection = z.object({
  id: Id,
  cycleId: Id,
  staffId: Id,
  kind: z.enum(OBJECTION_KINDS),
  planId: Id.optional(),
  text: z.string().min(1).max(2000),
  /** A coordinator's answer (POST /api/mutasi/objections/:id/answer), given once. */
  answer: z.string().max(2000).optional(),
  answeredBy: z.string().optional(),
  answeredAt: Timestamp.optional(),
  createdAt: Timestamp,
  version: Version,
});
export type Objection = z.infer<typeof Objection>;
export const ObjectionWire = Objection.pick({ id: true, cycleId: true, staffId: true, kind: true, planId: true, answeredAt: true, createdAt: true, version: true });
export const ObjectionBody = z.object({ text: z.string().trim().min(1).max(2000) }).strict();
/** A coordinator answers an objection once; the person reads the answer on their phone. */
export const AnswerBody = z.object({ answer: z.string().trim().min(1).max(2000), version: Version }).strict();
export type AnswerBody = z.infer<typeof AnswerBody>;
