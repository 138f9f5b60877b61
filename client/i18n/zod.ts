/**
 * zod's own messages in the user's language: the fallback for an issue the dashboard has no words for
 * (app/validation.ts), and the global default. Apart from the dictionaries, so the language layer does not
 * load zod with the first page (issue 14's weak link).
 */
import { config, type core } from "zod";
import zodEn from "zod/v4/locales/en.js";
import zodId from "zod/v4/locales/id.js";
import type { Locale } from "./saved.js";

export const ZOD_LOCALES: Record<Locale, { localeError: core.$ZodErrorMap }> = { id: zodId(), en: zodEn() };

/** Makes zod's default messages those of `locale`. */
export function applyZodLocale(locale: Locale): void {
  config(ZOD_LOCALES[locale]);
}
