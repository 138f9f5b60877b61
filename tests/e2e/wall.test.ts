/**
 * The wall at /screen in real headless Chromium at 1920×1080 (issue 14 item 6): a board per incident ×
 * skill whose smallest text is at least 32 px, counts from the one coverage rule, declines in colour, and
 * one plan approval as one ticker line under a title saying what it lists.
 */
import { describe, expect, it } from "vitest";
import { uiLogin } from "./support/browser.js";
import { useE2E } from "./support/harness.js";
import { login, must } from "./support/server.js";

const PASSWORD = "rahasia-e2e-123";
const e2e = useE2E({ name: "wall", password: PASSWORD });

describe("the wall at /screen", () => {
  it("shows a board per incident × skill in ≥ 32 px type, with honest counts, and a plan approval as one ticker line", async () => {
    const incident = await must(e2e.url, "POST", "/incidents", e2e.token, {
      type: "banjir", title: "Banjir Sikumana (uji layar)", severity: 5, location: { lat: -10.2, lng: 123.61 },
      needs: [{ skill: "logistik", count: 3, priority: 5 }, { skill: "dapur_umum", count: 2, priority: 4 }],
    });
    const ctx = await e2e.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await uiLogin(page, e2e.url, "layar", PASSWORD, "screen-view", "/screen");
    const board = page.locator('[data-board="incidents"]');
    await board.locator(`[data-testid="board-${incident.id}"]`).waitFor({ timeout: 20_000 });

    // A plan for it, approved whole: several requests in one approval.
    const plan = await must(e2e.url, "POST", "/plans", e2e.token);
    const approved = await must(e2e.url, "POST", `/plans/${plan.id}/approve`, e2e.token, {}) as { approved: { id: string; needId: string; state: string; fromUnitId: string; version: number }[] };
    const mine = approved.approved.filter((a) => incident.needs.some((n: { id: string }) => n.id === a.needId));
    expect(mine.length).toBeGreaterThan(1);
    // One of them declined by its unit head: the board shows it in colour.
    const declined = mine.find((a) => a.state === "requested")!;
    const units = await must(e2e.url, "GET", "/units", e2e.token) as { id: string; code: string }[];
    const head = await login(e2e.url, `kepala.${units.find((u) => u.id === declined.fromUnitId)!.code}`, PASSWORD);
    await must(e2e.url, "POST", `/assignments/${declined.id}/decline`, head.token, { version: declined.version, reason: "Unit kekurangan orang" });

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
