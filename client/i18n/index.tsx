/**
 * The one text layer of the dashboard: Bahasa Indonesia (default) and English, typed keys (a key missing
 * from a dictionary fails the typecheck), the choice persisted, dates and numbers through Intl.
 */
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { id, type MessageKey } from "./id.js";
import { makeFormatters, type Formatters } from "./format.js";
import { LOAD_DICTIONARY, LOCALE_KEY, LOCALES, savedLocale, type Dictionary, type Locale } from "./saved.js";

export type { MessageKey };
export { LOCALES, type Locale };
export { LOCALE_TAGS, makeFormatters, TIME_ZONE, type Formatters } from "./format.js";
/** The dictionaries loaded so far: Bahasa Indonesia always, another once `loadLocale` has brought it. */
export const DICTIONARIES: { id: Dictionary } & Partial<Record<Locale, Dictionary>> = { id };
const loading = new Map<Locale, Promise<void>>();

/** Brings a language's dictionary (once); `translate` falls back to Bahasa Indonesia until it is there. */
export function loadLocale(locale: Locale): Promise<void> {
  if (locale === "id" || DICTIONARIES[locale]) return Promise.resolve();
  let p = loading.get(locale);
  if (!p) {
    p = LOAD_DICTIONARY[locale]().then((d) => { DICTIONARIES[locale] = d; }, (err: unknown) => { loading.delete(locale); throw err; });
    loading.set(locale, p);
  }
  return p;
}

/** A loaded dictionary; throws for one not loaded yet. */
export function dictionary(locale: Locale): Dictionary {
  const d = DICTIONARIES[locale];
  if (!d) throw new Error(`the ${locale} dictionary is not loaded (loadLocale)`);
  return d;
}

export type Params = Record<string, string | number>;

/** Looks a key up and fills `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const text = DICTIONARIES[locale]?.[key] ?? DICTIONARIES.id[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: Params): string;
  f: Formatters;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(savedLocale);
  const [, setLoaded] = useState(0);
  const ready = DICTIONARIES[locale] !== undefined;
  useEffect(function loadChosenLanguage() {
    if (!ready) void loadLocale(locale).then(() => setLoaded((n) => n + 1), () => setLocaleState("id"));
  }, [locale, ready]);
  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(LOCALE_KEY, next);
    } catch {
      // not persisted; the choice still holds for this page
    }
    // Switched once the words are there: never a page half in one language.
    void loadLocale(next).then(() => setLocaleState(next), () => {});
  }, []);
  useEffect(function syncDocumentLanguage() {
    if (!ready) return;
    document.documentElement.lang = locale;
    document.title = translate(locale, "app.title");
    // Any zod message that still reaches the page (a schema's default) is in the user's language too.
    void import("./zod.js").then((m) => m.applyZodLocale(locale));
  }, [locale, ready]);
  const value = useMemo<I18n>(() => ({
    locale,
    setLocale,
    t: (key, params) => translate(locale, key, params),
    f: makeFormatters(locale),
  }), [locale, setLocale]);
  // An English page waits for its words (the page's first script asked for them with the app).
  if (!ready) return null;
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
  // The other languages' own names (the buttons' titles), and an instant switch: brought once the page is up.
  const [, setLoaded] = useState(0);
  useEffect(() => {
    void Promise.all(LOCALES.map(loadLocale)).then(() => setLoaded((n) => n + 1), () => {});
  }, []);
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
