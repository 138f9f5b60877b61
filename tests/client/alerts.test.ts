/** Who is alerted of what (client/pwa/alerts.ts): the unit head of a request, the person of a confirmation, the coordinator of a decline. */
import { describe, expect, it } from "vitest";
import { translate, type MessageKey, type Params } from "../../client/i18n/index.js";
import { LiveStore } from "../../client/live/store.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ALERT_KINDS } from "../../shared/alerts.js";
import { LOCALES } from "../../client/i18n/index.js";
import { ALERT_TEXT, alertFor } from "../../client/pwa/alerts.js";
import { pushText } from "../../client/pwa/push.js";
import { ev, incident, snapshot, unit } from "./fixtures.js";

const i18n = { t: (k: MessageKey, p?: Params) => translate("id", k, p) };
const store = new LiveStore();
store.applySnapshot({ ...snapshot(0, [unit("U1")]), incidents: [incident("I1", "Banjir Sikumana")] }, 0);
const state = store.getState()!;
const a = (state: string, history: { state: string; at: string; by: string; reason?: string }[] = []) => ({
  id: "A1", staffId: "S9", needId: "N1", siteKind: "incident", siteId: "I1", fromUnitId: "U1", released: false,
  state, history, createdAt: "2025-01-10T08:00:00+08:00", updatedAt: "2025-01-10T08:00:00+08:00", version: 1,
});
const head = { username: "kepala.u1", role: "unit_head" as const, unitId: "U1" };
const otherHead = { username: "kepala.u2", role: "unit_head" as const, unitId: "U2" };
const person = { username: "198503122010011003", role: "staff" as const, staffId: "S9" };
const coord = { username: "koordinator", role: "coordinator" as const };

describe("alerts", () => {
  it("a new request alerts its unit's head only", () => {
    const e = ev(1, "assignment.created", a("requested"));
    expect(alertFor(e, head, state, i18n)).toMatchObject({ tag: "A1:requested", title: "Permintaan penugasan baru", body: "S9 diminta untuk Banjir Sikumana. Setujui atau tolak." });
    expect(alertFor(e, otherHead, state, i18n)).toBeNull();
    expect(alertFor(e, person, state, i18n)).toBeNull();
  });

  it("a confirmation alerts the person, also one confirmed at once (released)", () => {
    expect(alertFor(ev(2, "assignment.confirmed", a("confirmed")), person, state, i18n)?.tag).toBe("A1:confirmed");
    expect(alertFor(ev(2, "assignment.created", a("confirmed")), person, state, i18n)?.tag).toBe("A1:confirmed");
    expect(alertFor(ev(2, "assignment.confirmed", a("confirmed")), { ...person, staffId: "S8" }, state, i18n)).toBeNull();
  });

  it("a decline alerts the coordinator with its reason; one's own step alerts nobody", () => {
    const declined = a("declined", [{ state: "declined", at: "2025-01-10T09:00:00+08:00", by: "kepala.u1", reason: "Kurang orang" }]);
    const e = { ...ev(3, "assignment.declined", declined), actor: "kepala.u1" };
    expect(alertFor(e, coord, state, i18n)?.body).toBe("S9 tidak jadi ke Banjir Sikumana: Kurang orang");
    expect(alertFor(e, head, state, i18n)).toBeNull();
    expect(alertFor({ ...ev(1, "assignment.created", a("requested")), actor: "kepala.u1" }, head, state, i18n)).toBeNull();
  });

  it("a push is worded by the service worker with the page's own words, in either language", () => {
    // The service worker's placeholder filling, taken from client/pwa/sw.js itself.
    const sw = readFileSync(join(import.meta.dirname, "../../client/pwa/sw.js"), "utf8");
    const source = /const fill = (\(template, values\) => .*);/.exec(sw)?.[1];
    expect(source, "sw.js has its fill()").toBeDefined();
    const fill = new Function(`return ${source}`)() as (template: string, values: Record<string, string>) => string;
    const values = { name: "Maria Manafe", site: "Banjir Kolhua", reason: "Sakit" };
    for (const locale of LOCALES) {
      const text = pushText(locale);
      expect(text.locale).toBe(locale);
      for (const kind of ALERT_KINDS) {
        expect(fill(text.kinds[kind].title, values)).toBe(translate(locale, ALERT_TEXT[kind].title));
        expect(fill(text.kinds[kind].body, values), `${locale} ${kind}`).toBe(translate(locale, ALERT_TEXT[kind].body, values));
      }
    }
    expect(pushText("id").kinds).toMatchObject({ requested: { url: "/unit" }, confirmed: { url: "/pegawai" }, declined: { url: "/koordinator#penugasan" } });
  });
});
