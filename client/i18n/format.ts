/** Dates and numbers through Intl, in the command post's time zone (client/i18n). No dependency: the page's first script uses it. */
import type { Locale } from "./saved.js";

/** BCP 47 tags for Intl: Indonesian formats for `id`, British (day-month, 24 h) for `en`. */
export const LOCALE_TAGS: Record<Locale, string> = { id: "id-ID", en: "en-GB" };
/** Kupang is in WITA (UTC+8); every screen shows the command post's clock, whatever the device says. */
export const TIME_ZONE = "Asia/Makassar";

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

const made = new Map<Locale, Formatters>();

/**
 * Intl formatters for a locale, in WITA: one set per locale, each made on first use. The first Intl object
 * of a page costs 50-100 ms on a phone (its locale data): the page's first script makes the one the first
 * screen shows while it waits for the app (boot/early.ts), when there is nothing else to do.
 */
export function makeFormatters(locale: Locale): Formatters {
  const known = made.get(locale);
  if (known) return known;
  const tag = LOCALE_TAGS[locale];
  const once = <T,>(make: () => T) => { let v: T | undefined; return () => (v ??= make()); };
  const date = once(() => new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", year: "numeric", timeZone: TIME_ZONE }));
  const time = once(() => new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: TIME_ZONE }));
  const dateTime = once(() => new Intl.DateTimeFormat(tag, {
    day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: TIME_ZONE,
  }));
  const numbers = new Map<number, Intl.NumberFormat>();
  const percent = once(() => new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 0 }));
  const compact = once(() => new Intl.NumberFormat(tag, { notation: "compact", maximumFractionDigits: 1 }));
  const toDate = (v: string | number | Date) => (v instanceof Date ? v : new Date(v));
  const formatters: Formatters = {
    date: (v) => date().format(toDate(v)),
    time: (v) => time().format(toDate(v)),
    dateTime: (v) => dateTime().format(toDate(v)),
    number: (v, digits = 0) => {
      let nf = numbers.get(digits);
      if (!nf) numbers.set(digits, (nf = new Intl.NumberFormat(tag, { maximumFractionDigits: digits })));
      return nf.format(v);
    },
    percent: (v) => percent().format(v),
    compact: (v) => compact().format(v),
  };
  made.set(locale, formatters);
  return formatters;
}

