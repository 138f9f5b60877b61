/** Exports (issue 11): their filters, zod-validated from the query string. */
import { z } from "zod";
import { Id } from "./domain.js";

/** A day (`2026-12-01`, the whole day in WITA) or an instant with its offset. */
const When = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const ExportQuery = z.object({
  /** Only assignments to this incident (or spike). */
  incident: Id.optional(),
  /** Only people lent by this unit. */
  unit: Id.optional(),
  /** Assignments under way at some time from `from` to `to` (either may be left open). */
  from: When.optional(),
  to: When.optional(),
}).strict();
export type ExportQuery = z.infer<typeof ExportQuery>;

export const EventsExportQuery = z.object({
  /** Events after this seq. */
  since: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1_000_000).default(1_000_000),
}).strict();
export type EventsExportQuery = z.infer<typeof EventsExportQuery>;
