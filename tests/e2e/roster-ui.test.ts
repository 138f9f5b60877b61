/**
 * The Data tab and the duty letter in real headless Chromium against a real server process (Maulafa
 * seed): the coordinator drops a staff CSV with a bad row, the preview marks that row with an Indonesian
 * reason and offers no save; the fixed file previews clean, saves, and offers the new logins; the staff
 * member's phone view shows their Surat Perintah Tugas with its number and a WhatsApp link to the verify
 * page. Needs Chromium at /usr/bin/chromium (or SIAGA_CHROMIUM); without it the suite FAILS, never skips.
 */
import { describe, expect, it } from "vitest";
import { screenshot, uiLogin } from "./support/browser.js";
import { useE2E } from "./support/harness.js";
import { login, must } from "./support/server.js";

const PASSWORD = "rahasia-e2e-roster";
const e2e = useE2E({ name: "roster", password: PASSWORD });

function page(viewport?: { width: number; height: number }) {
  return e2e.newPage(viewport ? { viewport } : {});
}

describe("the Data tab", () => {
  it("previews a file with its bad row marked, then saves the fixed file", async () => {
    const units = await must(e2e.url, "GET", "/units", e2e.token) as { code: string }[];
    const code = units[0]!.code;
    const header = "nip;nama;unit;jabatan;golongan;keahlian";
    const good = `199204152019032001;Elsa Tefa;${code};Penyuluh;III/a;sosial`;
    const p = await page();
    await uiLogin(p, e2e.url, "koordinator", PASSWORD, "coordinator-view");
    await p.getByTestId("tab-data").click();
    await p.getByTestId("import-file").setInputFiles({ name: "pegawai.csv", mimeType: "text/csv", buffer: Buffer.from(`${header}\n${good}\n199204152019032002;Salah Unit;tidak-ada;Staf;III/a;sosial\n`) });
    const result = p.getByTestId("import-result");
    await result.waitFor();
    expect(await result.getAttribute("data-failed")).toBe("1");
    const bad = p.locator('tr.row-error[data-row="3"]');
    await bad.waitFor();
    expect(await bad.innerText()).toContain("Unit ini tidak dikenal.");
    expect(await p.getByTestId("import-confirm").count()).toBe(0);
    await screenshot(p, "roster", "import-preview-error");

    await p.getByTestId("import-file").setInputFiles({ name: "pegawai.csv", mimeType: "text/csv", buffer: Buffer.from(`${header}\n${good}\n`) });
    await p.locator('tr[data-row="2"][data-status="created"]').waitFor();
    await p.getByTestId("import-confirm").click();
    await p.getByTestId("import-logins").waitFor();
    const staff = await must(e2e.url, "GET", "/staff", e2e.token) as { nip: string }[];
    expect(staff.some((s) => s.nip === "199204152019032001")).toBe(true);
    await screenshot(p, "roster", "import-saved");
  });
});

describe("the duty letter on the phone", () => {
  it("shows the number and a WhatsApp link to the verify page", async () => {
    const state = await must(e2e.url, "GET", "/state", e2e.token) as { units: { id: string; code: string; floor: number }[]; staff: { id: string; nip: string; homeUnitId: string; status: string; skills: string[]; jabatan: string }[] };
    const spare = (u: { id: string; floor: number }) => state.staff.filter((s) => s.homeUnitId === u.id && s.status === "available").length - u.floor;
    const unit = [...state.units].sort((a, b) => spare(b) - spare(a))[0]!;
    const person = state.staff.find((s) => s.homeUnitId === unit.id && s.status === "available" && !/^kepala/i.test(s.jabatan))!;
    const incident = await must(e2e.url, "POST", "/incidents", e2e.token, {
      type: "banjir", title: "Banjir uji surat", severity: 3, location: { lat: -10.2, lng: 123.62 }, needs: [{ skill: person.skills[0], count: 1, priority: 4 }],
    }) as { needs: { id: string }[] };
    const a = await must(e2e.url, "POST", "/assignments", e2e.token, { staffId: person.id, needId: incident.needs[0]!.id }) as { id: string };
    const head = (await login(e2e.url, `kepala.${unit.code}`, PASSWORD)).token;
    await must(e2e.url, "POST", `/assignments/${a.id}/confirm`, head, {});

    const p = await page({ width: 390, height: 844 });
    await uiLogin(p, e2e.url, person.nip, PASSWORD, "staff-view");
    const number = await p.getByTestId("letter-number").innerText();
    expect(number).toMatch(new RegExp(`^800\\.1\\.11\\.1/001/${unit.code.toUpperCase()}/[IVX]+/\\d{4}$`));
    const href = await p.getByTestId("letter-whatsapp").getAttribute("href");
    expect(href).toMatch(/^https:\/\/wa\.me\/\?text=/);
    const text = decodeURIComponent(href!.split("text=")[1]!);
    expect(text).toContain(number);
    const verify = /(http\S+\/verify\/[0-9A-Z]{10})/.exec(text)![1]!;
    const res = await fetch(verify);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(number);
    await screenshot(p, "roster", "staff-letter");
  });
});
