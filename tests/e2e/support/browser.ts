/**
 * Real headless Chromium through playwright-core, using the system's Debian `chromium` (CI installs it
 * with apt). Missing, this FAILS with a message saying what to install: browser tests never skip.
 */
import { accessSync, constants, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { ROOT } from "./server.js";

export const CHROMIUM = process.env.SIAGA_CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS = join(ROOT, "tests", "artifacts");

/** Throws a clear message when the browser binary is not there or not executable. */
export function assertChromium(): void {
  try {
    accessSync(CHROMIUM, constants.X_OK);
  } catch (e) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}, which cannot be run (${(e as Error).message}).\n` +
      `Install it: apt-get install -y chromium (Debian), or point SIAGA_CHROMIUM at a Chromium binary. These tests do not skip.`,
    );
  }
}

export async function launchChromium(): Promise<Browser> {
  assertChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** The house context: the size of a coordinator's screen, the app's default language, Kupang's time zone. */
export const CONTEXT_DEFAULTS: BrowserContextOptions = { viewport: { width: 1440, height: 900 }, locale: "id-ID", timezoneId: "Asia/Makassar" };

/** A fresh context (own storage: its own login) with the house defaults, at `viewport` if given. The harness's e2e.newContext also closes it. */
export function newContext(browser: Browser, viewport?: { width: number; height: number }): Promise<BrowserContext> {
  return browser.newContext({ ...CONTEXT_DEFAULTS, ...(viewport ? { viewport } : {}) });
}

/**
 * Fills the login form at `/` and submits. The app then routes by role; `expectTestId` is the view that
 * must appear (e.g. `coordinator-view`).
 */
export async function uiLogin(page: Page, baseUrl: string, username: string, password: string, expectTestId: string, path = "/"): Promise<void> {
  await page.goto(baseUrl + path);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.getByTestId(expectTestId).waitFor({ state: "visible", timeout: 20_000 });
}

/**
 * Counts main-frame navigations of a page from now on and plants a marker in its window: a reload (or
 * any navigation to a new document) both bumps the count and loses the marker.
 */
export async function watchForReloads(page: Page): Promise<() => Promise<{ navigations: number; markerKept: boolean }>> {
  let navigations = 0;
  page.on("framenavigated", (frame) => {
    // pushState/replaceState also fire framenavigated; only a new document changes the marker.
    if (frame === page.mainFrame()) navigations++;
  });
  const marker = `siaga-${Math.random().toString(36).slice(2)}`;
  await page.evaluate((m) => { (window as unknown as { __siagaMarker?: string }).__siagaMarker = m; }, marker);
  return async () => ({
    navigations,
    markerKept: (await page.evaluate(() => (window as unknown as { __siagaMarker?: string }).__siagaMarker ?? null)) === marker,
  });
}

/** Saves a full-page screenshot to tests/artifacts/<dir>/<name>.png and returns the path. */
export async function screenshot(page: Page, dir: string, name: string): Promise<string> {
  const folder = join(ARTIFACTS, dir);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
