/**
 * Needs from impact figures (issue 15): BPBD's first numbers of a disaster (people affected, evacuees,
 * households, shelters, public kitchens) turned into people per skill, by ratios a command post can edit
 * here. Each ratio names where it comes from and how firm that is: `standard` (a published minimum),
 * `practice` (how the named agencies usually staff it, not a published norm) or `assumption` (Siaga's own
 * starting figure where no source gives one: check it locally). Counts are ceil(figure × per / of): they
 * never fall when a figure grows.
 */
import { z } from "zod";
import { Need, type Skill } from "./domain.js";

export const IMPACT_FIGURES = ["affected", "evacuees", "households", "shelters", "kitchens"] as const;
export type ImpactFigure = (typeof IMPACT_FIGURES)[number];

export interface Ratio {
  /** Named in each estimated need's `basis`; the dashboard says it in its language (client/i18n "estimate.ratio.<id>"). */
  id: string;
  skill: Skill;
  /** `people` of the skill for every `of` of the figure. */
  people: number;
  of: number;
  figure: ImpactFigure;
  firmness: "standard" | "practice" | "assumption";
  source: string;
}

export const RATIOS: readonly Ratio[] = [
  // Sphere Handbook 2018, Health systems standard 1.2 (health workforce), key indicator: at least 23 doctors,
  // nurses and midwives per 10,000 people (WHO's 2.3 per 1,000). Sphere does not split it; the split of one
  // doctor to two nurses is Siaga's assumption.
  { id: "sphere-health-doctors", skill: "medis", people: 8, of: 10_000, figure: "affected", firmness: "standard",
    source: "Sphere Handbook 2018, Health systems standard 1.2: 23 doctors, nurses and midwives per 10,000 people (doctors' third: Siaga's split)" },
  { id: "sphere-health-nurses", skill: "keperawatan", people: 15, of: 10_000, figure: "affected", firmness: "standard",
    source: "Sphere Handbook 2018, Health systems standard 1.2: 23 doctors, nurses and midwives per 10,000 people (nurses' and midwives' two thirds: Siaga's split)" },
  // Sphere's hygiene promotion guidance counts roughly one hygiene promoter per 500 to 1,000 people; the lean end.
  { id: "sphere-hygiene-promoters", skill: "kesehatan_masyarakat", people: 1, of: 1_000, figure: "evacuees", firmness: "standard",
    source: "Sphere Handbook 2018, WASH hygiene promotion guidance: about one hygiene promoter per 500–1,000 people (1,000 used)" },
  // The IASC Guidelines on MHPSS in Emergencies (2007) set no staffing ratio.
  { id: "assumed-psychosocial", skill: "psikososial", people: 1, of: 500, figure: "evacuees", firmness: "assumption",
    source: "Siaga assumption: one psychosocial worker per 500 evacuees (the IASC MHPSS Guidelines 2007 give no ratio)" },
  // Dinas Sosial's Tagana run the dapur umum; a field kitchen team of about eight is usual practice, not a norm.
  { id: "tagana-kitchen-team", skill: "dapur_umum", people: 8, of: 1, figure: "kitchens", firmness: "practice",
    source: "Tagana / Kemensos practice: a field kitchen (dapur umum lapangan) team of about 8 (not a published norm)" },
  { id: "assumed-distribution", skill: "logistik", people: 1, of: 100, figure: "households", firmness: "assumption",
    source: "Siaga assumption: one logistics worker per 100 affected households for aid distribution" },
  { id: "assumed-social-assessment", skill: "sosial", people: 1, of: 250, figure: "households", firmness: "assumption",
    source: "Siaga assumption: one social worker per 250 households for assessment and aid registration" },
  { id: "assumed-shelter-desk", skill: "administrasi", people: 1, of: 1, figure: "shelters", firmness: "assumption",
    source: "Siaga assumption: one registration clerk per shelter (camp-management practice, no published ratio)" },
  { id: "assumed-shelter-security", skill: "keamanan", people: 1, of: 1, figure: "shelters", firmness: "assumption",
    source: "Siaga assumption: one security officer (Satpol PP / Linmas) per shelter" },
  { id: "assumed-evacuation", skill: "evakuasi", people: 1, of: 100, figure: "evacuees", firmness: "assumption",
    source: "Siaga assumption: one evacuation worker per 100 evacuees" },
];

const figure = (max: number) => z.number().int().min(0).max(max);
export const EstimateBody = z.object({
  affected: figure(5_000_000),
  evacuees: figure(5_000_000),
  households: figure(2_000_000),
  shelters: figure(10_000),
  kitchens: figure(10_000),
}).strict();
export type EstimateBody = z.infer<typeof EstimateBody>;

export const EstimatedNeed = z.object({
  skill: Need.shape.skill,
  count: Need.shape.count,
  /** The ratio's id (RATIOS), so the form can say where the number came from. */
  basis: z.string(),
});
export type EstimatedNeed = z.infer<typeof EstimatedNeed>;
export const EstimateResponse = z.object({ needs: z.array(EstimatedNeed) });
export type EstimateResponse = z.infer<typeof EstimateResponse>;

/** The needs the figures call for, one per ratio that gives at least one person, capped at a need's maximum. */
export function estimateNeeds(figures: EstimateBody, ratios: readonly Ratio[] = RATIOS): EstimatedNeed[] {
  const max = Need.shape.count.maxValue ?? 10_000;
  return ratios
    .map((r) => ({ skill: r.skill, count: Math.min(max, Math.ceil((figures[r.figure] * r.people) / r.of)), basis: r.id }))
    .filter((n) => n.count > 0);
}
