/**
 * Every error in the user's language: each 409 reason and each domain reason of a field issue has its own
 * sentence in Bahasa Indonesia and in English, server issues read exactly like the same local parse, and
 * the server's English `message` never reaches the screen.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { IncidentCreate, SpikeCreate, UserCreate } from "../../shared/api.js";
import { CONFLICT_REASONS, FIELD_REASONS, fieldIssues, type FieldIssue, type FieldReason } from "../../shared/errors.js";
import type { NipProblem } from "../../shared/nip.js";
import { ApiError } from "../../client/app/api.js";
import {
  CONFLICT_KEYS, conflictMessage, errorMessage, FIELD_REASON_KEYS, issueMessage, lineFailureMessage, serverFieldErrors, zodFieldErrors,
} from "../../client/app/validation.js";
import { loadLocale, LOCALES, makeFormatters, translate, type Locale, type MessageKey, type Params } from "../../client/i18n/index.js";

// The English words load on demand (client/i18n/saved.ts).
beforeAll(() => loadLocale("en"));

const i18n = (locale: Locale) => ({ locale, t: (k: MessageKey, p?: Params) => translate(locale, k, p), f: makeFormatters(locale) });
const ID = i18n("id"), EN = i18n("en");

/** English words that give away an untranslated sentence in the Indonesian UI. */
const ENGLISH = ["the", "this", "is", "not", "already", "would", "must", "someone", "changed", "reload", "has", "cannot", "invalid", "expected", "received", "person", "staff"];
const englishIn = (text: string) => text.toLowerCase().split(/[^a-z]+/).filter((w) => ENGLISH.includes(w));

// NIP problems are field reasons (a compile-time check: a new one without words fails the typecheck).
const nipProblems: FieldReason[] = [] as NipProblem[];
void nipProblems;

describe("409 reasons in words", () => {
  it("every CONFLICT_REASONS entry has its own sentence in both languages, the Indonesian one free of English", () => {
    const seen = new Map<string, string>();
    for (const reason of CONFLICT_REASONS) {
      const id = conflictMessage({ reason }, ID), en = conflictMessage({ reason }, EN);
      expect(id.trim(), `id ${reason}`).not.toBe("");
      expect(en.trim(), `en ${reason}`).not.toBe("");
      expect(id, `${reason}: id differs from en`).not.toBe(en);
      expect(id, `${reason} is not the generic sentence`).not.toBe(translate("id", "conflict.unknown"));
      expect(englishIn(id), `English in the id sentence of ${reason}: ${id}`).toEqual([]);
      expect(seen.get(id), `${reason} shares its sentence with ${seen.get(id)}`).toBeUndefined();
      seen.set(id, reason);
    }
    expect(Object.keys(CONFLICT_KEYS).sort()).toEqual([...CONFLICT_REASONS].sort());
  });

  it("uses the details: the floor and its unit, the state, the people holding a need", () => {
    const names = { unit: (id: string) => (id === "U1" ? "Puskesmas Sikumana" : undefined) };
    expect(conflictMessage({ reason: "floor", unitId: "U1", floor: 12, staying: 12 }, ID, names))
      .toBe("Puskesmas Sikumana akan kurang dari batas minimum: 12 pegawai harus tetap di unit.");
    expect(conflictMessage({ reason: "floor", unitId: "U1", floor: 12 }, EN, names))
      .toBe("Puskesmas Sikumana would fall below its staffing floor: 12 staff must stay at the unit.");
    // An unknown unit is never shown by its id.
    expect(conflictMessage({ reason: "floor", unitId: "unit_x9", floor: 3 }, ID, names)).toBe("Unit asal akan kurang dari batas minimum: 3 pegawai harus tetap di unit.");
    expect(conflictMessage({ reason: "wrong_state", state: "active" }, ID)).toBe("Tidak bisa: penugasan ini sudah berstatus Bertugas.");
    expect(conflictMessage({ reason: "wrong_state", state: "closed" }, EN)).toBe("Not possible: this incident is already Closed.");
    expect(conflictMessage({ reason: "wrong_state", state: "ended" }, ID)).toBe("Tidak bisa: ini sudah diakhiri sebelumnya.");
    expect(conflictMessage({ reason: "unavailable", state: "leave" }, ID)).toBe("Pegawai ini sedang tidak tersedia (status: Cuti).");
    expect(conflictMessage({ reason: "need_held", needId: "N1", held: 2 }, ID)).toMatch(/^2 pegawai sedang mengisi kebutuhan ini/);
    expect(conflictMessage({ reason: "version", currentVersion: 4 }, ID)).toBe("Data ini baru saja diubah orang lain. Periksa data terbaru, lalu coba lagi.");
  });

  it("an unknown reason gets a generic translated sentence, never the server's English message", () => {
    const message = "Something happened on the server that this client has no words for";
    for (const details of [{ reason: "brand_new_reason" }, undefined, { reason: "toString" }, "garbage"]) {
      const err = new ApiError(409, "conflict", message, [], details);
      expect(errorMessage(err, ID)).toBe(translate("id", "conflict.unknown"));
      expect(errorMessage(err, EN)).toBe(translate("en", "conflict.unknown"));
    }
    const known = new ApiError(409, "conflict", "Puskesmas would fall below its staffing floor of 12", [], { reason: "floor", floor: 12, unitId: "U1" });
    expect(errorMessage(known, ID)).not.toContain("staffing floor of");
  });

  it("a 403 beyond the role says its reason in the user's language; any other 403 says the role may not", () => {
    const plh = new ApiError(403, "forbidden", "A PLH may propose a mutasi but never sign it (SE BKN 2/SE/VII/2019)", [], { action: "mutasi.plan.decide", reason: "acting_signer" });
    expect(errorMessage(plh, ID)).toBe(translate("id", "forbidden.acting_signer"));
    expect(errorMessage(plh, EN)).toBe(translate("en", "forbidden.acting_signer"));
    const blackout = new ApiError(403, "forbidden", "No mutasi decision from 2027-01-01 to 2027-06-30", [], { reason: "blackout" });
    expect(errorMessage(blackout, ID)).toBe(translate("id", "forbidden.blackout"));
    for (const details of [{ action: "unit.create" }, { reason: "toString" }, undefined]) {
      expect(errorMessage(new ApiError(403, "forbidden", "Role screen may not unit.create", [], details), ID)).toBe(translate("id", "error.forbidden"));
    }
  });

  it("a plan line that failed says why from its code and conflict reason, not its English reason", () => {
    const home = { unitId: "U1", floor: 5 };
    const names = { unit: () => "Kantor Lurah Kolhua" };
    expect(lineFailureMessage({ staffId: "S1", code: "conflict", conflict: "floor", reason: "Kantor Lurah Kolhua would fall below its staffing floor of 5" }, ID, home, names))
      .toBe("Kantor Lurah Kolhua akan kurang dari batas minimum: 5 pegawai harus tetap di unit.");
    expect(lineFailureMessage({ staffId: "S1", code: "conflict", conflict: "already_open", reason: "X already has an open assignment" }, ID, home))
      .toBe("Pegawai ini sudah memiliki penugasan yang masih berjalan.");
    expect(lineFailureMessage({ staffId: "S1", code: "not_found", reason: "not in this plan" }, ID)).toBe(translate("id", "error.notFound"));
    expect(lineFailureMessage({ staffId: "S1", code: "conflict", reason: "no reason given" }, EN)).toBe(translate("en", "conflict.unknown"));
  });
});

describe("field issues in words", () => {
  it("every domain reason has words in both languages, the Indonesian ones free of English", () => {
    expect(Object.keys(FIELD_REASON_KEYS).sort()).toEqual([...FIELD_REASONS].sort());
    for (const reason of FIELD_REASONS) {
      const issue: FieldIssue = { path: "x", message: "English for API users", code: "custom", reason };
      const id = issueMessage(issue, ID), en = issueMessage(issue, EN);
      expect(id.trim(), reason).not.toBe("");
      expect(id, `${reason}: id differs from en`).not.toBe(en);
      expect(id, reason).not.toBe(translate("id", "validation.invalid"));
      expect(englishIn(id), `English in the id sentence of ${reason}: ${id}`).toEqual([]);
    }
  });

  it("every reason the shared schemas and the services use is a FIELD_REASONS entry", () => {
    const root = resolve(import.meta.dirname, "../..");
    const files = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.ts$/.test(e.name) ? [join(dir, e.name)] : []));
    const used = new Set<string>();
    for (const file of [...files("shared"), ...files("server")]) {
      const text = readFileSync(join(root, file), "utf8");
      for (const m of text.matchAll(/params:\s*\{\s*reason:\s*"(\w+)"/g)) used.add(m[1]!);
      for (const m of text.matchAll(/invalidField\([^,]+,\s*"(\w+)"/g)) used.add(m[1]!);
      for (const m of text.matchAll(/problem:\s*"(\w+)"/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((r) => !(FIELD_REASONS as readonly string[]).includes(r))).toEqual([]);
  });

  it("a server 400 reads exactly like the same parse done locally, and never shows the English message", () => {
    const bodies: [z.ZodType, unknown][] = [
      [IncidentCreate, { type: "banjir", title: "", severity: 9, location: { lat: -10.2, lng: 123.6 }, needs: [{ skill: "medis", count: 0, priority: 3 }, { skill: "medis", count: 1, priority: 3 }] }],
      [SpikeCreate, { reason: "x".repeat(600), extraWorkload: -1, needs: [] }],
      [UserCreate, { username: "kepala.baru", password: "kata-sandi-uji", role: "unit_head" }],
    ];
    for (const [schema, body] of bodies) {
      const parsed = schema.safeParse(body);
      expect(parsed.success).toBe(false);
      const error = parsed.error!;
      const wire = fieldIssues(error); // what the server sends
      for (const locale of LOCALES) {
        const local = zodFieldErrors(error, i18n(locale));
        const server = serverFieldErrors(wire, i18n(locale));
        expect(server).toEqual(local);
        for (const issue of wire) expect(Object.values(server)).not.toContain(issue.message);
      }
    }
  });

  it("uses the bounds: minimum, maximum, exclusive; custom checks by reason", () => {
    const issue = (x: Partial<FieldIssue>): FieldIssue => ({ path: "p", message: "Too small: expected number to be >=1", ...x });
    expect(issueMessage(issue({ code: "too_small", origin: "number", minimum: 1, inclusive: true }), ID)).toBe("Minimal 1.");
    expect(issueMessage(issue({ code: "too_small", origin: "number", minimum: 0, inclusive: false }), EN)).toBe("Must be more than 0.");
    expect(issueMessage(issue({ code: "too_big", origin: "string", maximum: 500 }), ID)).toBe("Maksimal 500 karakter.");
    expect(issueMessage(issue({ code: "too_big", origin: "number", maximum: 5, inclusive: false }), ID)).toBe("Harus kurang dari 5.");
    expect(issueMessage(issue({ code: "custom", reason: "nip_digits" }), ID)).toBe("NIP harus tepat 18 angka.");
    expect(issueMessage(issue({ code: "custom", reason: "duplicate_skill" }), EN)).toBe("This skill is already listed.");
  });

  it("a code or reason it does not know: zod's own locale for a local issue, a generic sentence for a server one", () => {
    const local = z.object({ n: z.number().multipleOf(5) }).safeParse({ n: 7 }).error!.issues[0]!;
    expect(issueMessage(local, ID)).toBe("Angka tidak valid: harus kelipatan dari 5");
    expect(issueMessage(local, EN)).toBe("Invalid number: must be a multiple of 5");
    const server: FieldIssue = { path: "n", message: "Invalid number: must be a multiple of 5", code: "not_multiple_of" };
    expect(issueMessage(server, ID)).toBe("Isian tidak sah.");
    expect(issueMessage({ path: "x", message: "a brand new rule", code: "custom", reason: "brand_new" }, ID)).toBe("Isian tidak sah.");
    expect(issueMessage({ path: "x", message: "no code at all" }, EN)).toBe("Not valid.");
  });
});
