/**
 * The language a person chose (kept on the device) and the dictionaries that load on demand. Bahasa
 * Indonesia, the default, ships with the app; English is its own chunk (36 KB, 9 KB on the wire), asked
 * for by the page's first script when it is the one chosen (boot/early.ts), else when the switch shows.
 * No dependency, so that first script can read it.
 */
import type { MessageKey } from "./id.js";

export const LOCALES = ["id", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export type Dictionary = Record<MessageKey, string>;

export const LOCALE_KEY = "siaga.locale";

export function savedLocale(): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    if (saved === "id" || saved === "en") return saved;
  } catch {
    // storage blocked: the default applies
  }
  return "id";
}

/** Every language but the bundled one, as a chunk. */
export const LOAD_DICTIONARY: Record<Exclude<Locale, "id">, () => Promise<Dictionary>> = {
  en: () => import("./en.js").then((m) => m.en),
};
