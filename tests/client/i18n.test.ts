import { beforeAll, describe, expect, it } from "vitest";
import { ASSIGNMENT_STATES, INCIDENT_STATUSES, INCIDENT_TYPES, ROLES, SKILLS, STAFF_STATUSES } from "../../shared/domain.js";
import { DICTIONARIES, dictionary, loadLocale, LOCALES, makeFormatters, translate, type MessageKey } from "../../client/i18n/index.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const keys = Object.keys(DICTIONARIES.id) as MessageKey[];
// Bahasa Indonesia ships with the app; the others load on demand (client/i18n/saved.ts).
beforeAll(() => Promise.all(LOCALES.map(loadLocale)));

describe("i18n dictionaries", () => {
  it("every language has exactly the keys of Bahasa Indonesia, none empty", () => {
    for (const locale of LOCALES) {
      const dict = dictionary(locale);
      expect(Object.keys(dict).sort(), locale).toEqual([...keys].sort());
      for (const key of keys) expect(dict[key].trim(), `${locale} ${key}`).not.toBe("");
    }
  });

  it("every translation uses the same {placeholders} as Bahasa Indonesia", () => {
    for (const key of keys) {
      for (const locale of LOCALES) expect(placeholders(dictionary(locale)[key]), `${locale} ${key}`).toEqual(placeholders(DICTIONARIES.id[key]));
    }
  });

  it("covers every value of the shared enums the UI shows", () => {
    const needed = [
      ...SKILLS.map((s) => `skill.${s}`),
      ...INCIDENT_TYPES.map((s) => `incidentType.${s}`),
      ...INCIDENT_STATUSES.map((s) => `incidentStatus.${s}`),
      ...ASSIGNMENT_STATES.flatMap((s) => [`assignmentState.${s}`, `staffView.next.${s}`]),
      ...STAFF_STATUSES.map((s) => `staffStatus.${s}`),
      ...ROLES.map((s) => `role.${s}`),
      ...["live", "reconnecting", "offline"].map((s) => `conn.${s}`),
      ...[1, 2, 3, 4, 5].flatMap((n) => [`priority.${n}`, `severity.${n}`]),
    ];
    for (const key of needed) expect(keys, key).toContain(key);
  });

  it("has no words for states the domain no longer has", () => {
    const states = new Set<string>(ASSIGNMENT_STATES);
    const stale = keys.filter((k) => /^(assignmentState|staffView\.next)\./.test(k) && !states.has(k.slice(k.lastIndexOf(".") + 1)));
    expect(stale).toEqual([]);
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("id", "plan.approveSelected", { n: 3 })).toBe("Setujui 3 terpilih");
    expect(translate("en", "plan.approveSelected", { n: 3 })).toBe("Approve 3 selected");
    expect(translate("en", "plan.approveSelected")).toBe("Approve {n} selected");
  });

  it("formats numbers and times in the locale, in WITA", () => {
    const id = makeFormatters("id");
    const en = makeFormatters("en");
    expect(id.number(1234.5, 1)).toBe("1.234,5");
    expect(en.number(1234.5, 1)).toBe("1,234.5");
    // 06:30 UTC is 14:30 WITA whatever the machine's time zone
    expect(id.time("2025-01-10T06:30:00Z")).toMatch(/^14[.:]30[.:]00$/);
    expect(en.time("2025-01-10T06:30:00Z")).toBe("14:30:00");
    expect(id.date("2025-01-10T20:00:00Z")).toMatch(/11 Jan 2025/);
    expect(id.compact(1000).replace(/\s/g, " ")).toBe("1 rb"); // Intl puts a no-break space there
    expect(en.compact(1200)).toMatch(/^1\.2k$/i);
  });
});
