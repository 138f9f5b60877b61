/**
 * The one text layer of the dashboard: Bahasa Indonesia (default) and English, typed keys (a key missing
 * from a dictionary fails the typecheck), the choice persisted, dates and numbers through Intl.
 */
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { z } from "zod";
import zodEn from "zod/v4/locales/en.js";
import zodId from "zod/v4/locales/id.js";
import { id, type MessageKey } from "./id.js";
import { en } from "./en.js";

export type { MessageKey };
export const LOCALES = ["id", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { id, en };
/** BCP 47 tags for Intl: Indonesian formats for `id`, British (day-month, 24 h) for `en`. */
export const LOCALE_TAGS: Record<Locale, string> = { id: "id-ID", en: "en-GB" };
/** Kupang is in WITA (UTC+8); every screen shows the command post's clock, whatever the device says. */
export const TIME_ZONE = "Asia/Makassar";

/** zod's own messages per language: the fallback for an issue the dashboard has no words for. */
export const ZOD_LOCALES: Record<Locale, { localeError: z.core.$ZodErrorMap }> = { id: zodId(), en: zodEn() };

const STORAGE_KEY = "siaga.locale";

export type Params = Record<string, string | number>;

/** Looks a key up and fills `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = DICTIONARIES[locale][key] ?? DICTIONARIES.id[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export interface Formatters {
  /** 5 Jan 2025 */
  date(value: string | number | Date): string;
  /** 14.05 (id) / 14:05 (en) */
  time(value: string | number | Date): string;
  /** 5 Jan 2025 14.05 */
  dateTime(value: string | number | Date): string;
  number(value: number, maxFractionDigits?: number): string;
  percent(value: number): string;
  /** 1,2 rb / 1.2k: for counts in small places (map clusters). */
  compact(value: number): string;
}

/** Intl formatters for a locale, in WITA. */
export function makeFormatters(locale: Locale): Formatters {
  const tag = LOCALE_TAGS[locale];
  const date = new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", year: "numeric", timeZone: TIME_ZONE });
  const time = new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: TIME_ZONE });
  const dateTime = new Intl.DateTimeFormat(tag, {
    day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: TIME_ZONE,
  });
  const numbers = new Map<number, Intl.NumberFormat>();
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 });
  const compact = new Intl.NumberFormat(tag, { notation: "compact", maximumFractionDigits: 1 });
  const toDate = (v: string | number | Date) => (v instanceof Date ? v : new Date(v));
  return {
    date: (v) => date.format(toDate(v)),
    time: (v) => time.format(toDate(v)),
    dateTime: (v) => dateTime.format(toDate(v)),
    number: (v, digits = 0) => {
      let nf = numbers.get(digits);
      if (!nf) numbers.set(digits, (nf = new Intl.NumberFormat(tag, { maximumFractionDigits: digits })));
      return nf.format(v);
    },
    percent: (v) => percent.format(v),
    compact: (v) => compact.format(v),
  };
}

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "id" || saved === "en") return saved;
  } catch {
    // storage blocked: the default applies
  }
  return "id";
}

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: Params): string;
  f: Formatters;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the choice still holds for this page
    }
  }, []);
  useEffect(function syncDocumentLanguage() {
    document.documentElement.lang = locale;
    document.title = translate(locale, "app.title");
    // Any zod message that still reaches the page (a schema's default) is in the user's language too.
    z.config(ZOD_LOCALES[locale]);
  }, [locale]);
  const value = useMemo<I18n>(() => ({
    locale,
    setLocale,
    t: (key, params) => translate(locale, key, params),
    f: makeFormatters(locale),
  }), [locale, setLocale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const ctx = use(I18nContext);
  if (!ctx) throw new Error("useI18n outside <I18nProvider>");
  return ctx;
}

/** A compact language switch (ID | EN). */
export function LocaleSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="locale-switch" role="group" aria-label={t("locale.label")}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          aria-pressed={locale === l}
          data-testid={`locale-${l}`}
          onClick={() => setLocale(l)}
          lang={l}
          title={translate(l, "locale.name")}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
