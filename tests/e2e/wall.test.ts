/**
 * The wall at /screen in real headless Chromium at 1920×1080 (issue 14 item 6): a board per incident ×
 * skill whose smallest text is at least 32 px, counts from the one coverage rule, declines in colour, and
 * one plan approval as one ticker line under a title saying what it lists.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, assertChromium, uiLogin } from "./support/browser.js";
import { buildClient } from "./support/build.js";
import { freePort, login, must, startServer, type ServerProcess } from "./support/server.js";

const PASSWORD = "rahasia-e2e-123";
let server: ServerProcess;
let dataDir: string;
let browser: Browser;
let coordToken: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  assertChromium();
  buildClient();
  const port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), "siaga-e2e-wall-"));
  server = await startServer({ port, dataDir, password: PASSWORD });
  browser = await launchChromium();
  coordToken = (await login(server.url, "koordinator", PASSWORD)).token;
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("the wall at /screen", () => {
  it("shows a board per incident × skill in ≥ 32 px type, with honest counts, and a plan approval as one ticker line", async () => {
    const incident = await must(server.url, "POST", "/incidents", coordToken, {
      type: "banjir", title: "Banjir Sikumana (uji layar)", severity: 5, location: { lat: -10.2, lng: 123.61 },
      needs: [{ skill: "logistik", count: 3, priority: 5 }, { skill: "dapur_umum", count: 2, priority: 4 }],
    });
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: "id-ID", timezoneId: "Asia/Makassar" });
    contexts.push(ctx);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await uiLogin(page, server.url, "layar", PASSWORD, "screen-view", "/screen");
    const board = page.locator('[data-board="incidents"]');
    await board.locator(`[data-testid="board-${incident.id}"]`).waitFor({ timeout: 20_000 });

    // A plan for it, approved whole: several requests in one approval.
    const plan = await must(server.url, "POST", "/plans", coordToken);
    const approved = await must(server.url, "POST", `/plans/${plan.id}/approve`, coordToken, {}) as { approved: { id: string; needId: string; state: string; fromUnitId: string; version: number }[] };
    const mine = approved.approved.filter((a) => incident.needs.some((n: { id: string }) => n.id === a.needId));
    expect(mine.length).toBeGreaterThan(1);
    // One of them declined by its unit head: the board shows it in colour.
    const declined = mine.find((a) => a.state === "requested")!;
    const units = await must(server.url, "GET", "/units", coordToken) as { id: string; code: string }[];
    const head = await login(server.url, `kepala.${units.find((u) => u.id === declined.fromUnitId)!.code}`, PASSWORD);
    await must(server.url, "POST", `/assignments/${declined.id}/decline`, head.token, { version: declined.version, reason: "Unit kekurangan orang" });

    const need = incident.needs.find((n: { id: string }) => n.id === declined.needId) as { skill: string; count: number; id: string };
    const row = board.locator(`[data-testid="board-${incident.id}"] tr[data-skill="${need.skill}"]`);
    await expectText(() => row.locator('[data-col="declined"]').innerText(), "1");
    const onNeed = mine.filter((a) => a.needId === need.id && a.id !== declined.id);
    expect(await row.locator('[data-col="needed"]').innerText()).toBe(String(need.count));
    const requested = Number(await row.locator('[data-col="requested"]').innerText());
    const confirmed = Number(await row.locator('[data-col="confirmed"]').innerText());
    expect(requested + confirmed).toBe(onNeed.length);
    expect(await row.locator('[data-col="declined"]').getAttribute("class")).toContain("board-bad");
    const colour = await row.locator('[data-col="declined"]').evaluate((el) => getComputedStyle(el).color);
    expect(colour).not.toBe(await row.locator('[data-col="needed"]').evaluate((el) => getComputedStyle(el).color));

    // The smallest text on the board, measured by Chromium.
    const sizes = await board.evaluate((root) => {
      const out: number[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.trim()) continue;
        const el = n.parentElement!;
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        out.push(parseFloat(getComputedStyle(el).fontSize));
      }
      return out;
    });
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(32);

    // The approval is one ticker line, under a title that says what the ticker lists.
    const line = page.locator('[data-testid="ticker-item"][data-type="assignment.created"]').filter({ hasText: "Rencana disetujui" });
    await line.first().waitFor({ timeout: 20_000 });
    expect(await line.count()).toBe(1);
    expect(Number(await line.getAttribute("data-count"))).toBe(approved.approved.length);
    expect(await page.locator("#ticker-title").innerText()).toMatch(/kejadian, penugasan, pelepasan/i);
    expect(errors).toEqual([]);
  });
});

async function expectText(read: () => Promise<string>, want: string) {
  await expect.poll(read, { timeout: 20_000 }).toBe(want);
}
