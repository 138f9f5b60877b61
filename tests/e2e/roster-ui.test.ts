/**
 * The Data tab and the duty letter in real headless Chromium against a real server process (Maulafa
 * seed): the coordinator drops a staff CSV with a bad row, the preview marks that row with an Indonesian
 * reason and offers no save; the fixed file previews clean, saves, and offers the new logins; the staff
 * member's phone view shows their Surat Perintah Tugas with its number and a WhatsApp link to the verify
 * page. Needs Chromium at /usr/bin/chromium (or SIAGA_CHROMIUM); without it the suite FAILS, never skips.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertChromium, launchChromium, newContext, screenshot, uiLogin } from "./support/browser.js";
import { buildClient } from "./support/build.js";
import { freePort, login, must, startServer, type ServerProcess } from "./support/server.js";

const PASSWORD = "rahasia-e2e-roster";
let server: ServerProcess;
let dataDir: string;
let browser: Browser;
let token: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  assertChromium();
  buildClient();
  dataDir = mkdtempSync(join(tmpdir(), "siaga-e2e-roster-"));
  server = await startServer({ port: await freePort(), dataDir, password: PASSWORD });
  browser = await launchChromium();
  token = (await login(server.url, "koordinator", PASSWORD)).token;
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function page(viewport?: { width: number; height: number }) {
  const ctx = await newContext(browser, viewport);
  contexts.push(ctx);
  return ctx.newPage();
}

describe("the Data tab", () => {
  it("previews a file with its bad row marked, then saves the fixed file", async () => {
    const units = await must(server.url, "GET", "/units", token) as { code: string }[];
    const code = units[0]!.code;
    const header = "nip;nama;unit;jabatan;golongan;keahlian";
    const good = `199204152019032001;Elsa Tefa;${code};Penyuluh;III/a;sosial`;
    const p = await page();
    await uiLogin(p, server.url, "koordinator", PASSWORD, "coordinator-view");
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
    const staff = await must(server.url, "GET", "/staff", token) as { nip: string }[];
    expect(staff.some((s) => s.nip === "199204152019032001")).toBe(true);
    await screenshot(p, "roster", "import-saved");
  });
});

describe("the duty letter on the phone", () => {
  it("shows the number and a WhatsApp link to the verify page", async () => {
    const state = await must(server.url, "GET", "/state", token) as { units: { id: string; code: string; floor: number }[]; staff: { id: string; nip: string; homeUnitId: string; status: string; skills: string[]; jabatan: string }[] };
    const spare = (u: { id: string; floor: number }) => state.staff.filter((s) => s.homeUnitId === u.id && s.status === "available").length - u.floor;
    const unit = [...state.units].sort((a, b) => spare(b) - spare(a))[0]!;
    const person = state.staff.find((s) => s.homeUnitId === unit.id && s.status === "available" && !/^kepala/i.test(s.jabatan))!;
    const incident = await must(server.url, "POST", "/incidents", token, {
      type: "banjir", title: "Banjir uji surat", severity: 3, location: { lat: -10.2, lng: 123.62 }, needs: [{ skill: person.skills[0], count: 1, priority: 4 }],
    }) as { needs: { id: string }[] };
    const a = await must(server.url, "POST", "/assignments", token, { staffId: person.id, needId: incident.needs[0]!.id }) as { id: string };
    const head = (await login(server.url, `kepala.${unit.code}`, PASSWORD)).token;
    await must(server.url, "POST", `/assignments/${a.id}/confirm`, head, {});

    const p = await page({ width: 390, height: 844 });
    await uiLogin(p, server.url, person.nip, PASSWORD, "staff-view");
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
