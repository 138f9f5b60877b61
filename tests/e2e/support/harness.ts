/**
 * One browser suite's world, set up once per test file: the build users get (dist/, built when stale),
 * a real server process from it on a free port with a fresh DATA_DIR and the demo password, headless
 * Chromium with the house flags, the coordinator signed in through the API; torn down after the file.
 * Chromium missing fails the suite first, with what to install: browser tests never skip.
 *
 *   const e2e = useE2E({ name: "wall", password: "rahasia-e2e-123" });
 *   it("…", async () => { const page = await e2e.newPage(); await page.goto(e2e.url); … });
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { ARTIFACTS, assertChromium, CONTEXT_DEFAULTS, launchChromium } from "./browser.js";
import { ensureBuilt } from "./build.js";
import { freePort, login, startServer, type ServerProcess } from "./server.js";

export interface E2EOptions {
  /** Names the DATA_DIR (siaga-e2e-<name>-…) and the artifacts folder (tests/artifacts/<name>). */
  name: string;
  /** SIAGA_DEMO_PASSWORD: every demo account's password. */
  password: string;
  /** More server environment. */
  env?: NodeJS.ProcessEnv;
  /** Keep the server's output in tests/artifacts/<name>/server.log after the suite. */
  keepLog?: boolean;
  /**
   * "each test": a test in which a page made by newPage threw (or, with `csp`, had something refused by the
   * Content-Security-Policy) fails, after it ran. Otherwise the errors only collect in `pageErrors`.
   */
  pageErrors?: "each test";
  csp?: boolean;
}

export interface E2E {
  readonly server: ServerProcess;
  /** http://127.0.0.1:<port>, the same across restart(). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly password: string;
  readonly browser: Browser;
  /** The coordinator's API token, for what a test does behind the UI's back. */
  readonly token: string;
  /** Uncaught errors (and with `csp`, refusals) of the pages newPage made, not yet taken. */
  readonly pageErrors: string[];
  /** A fresh context (own storage: its own login), desktop-size, Indonesian, WITA, unless `options` say otherwise. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a fresh context (newContext), whose errors go to pageErrors. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Starts the server again on the same port and DATA_DIR (after `server.kill()`, a crash). */
  restart(): Promise<void>;
}

/** Registers the file's beforeAll/afterAll (and afterEach with `pageErrors`) and returns its world, filled in by beforeAll. */
export function useE2E(options: E2EOptions): E2E {
  let server: ServerProcess | undefined;
  let port = 0;
  let dataDir: string | undefined;
  let browser: Browser | undefined;
  let token = "";
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const start = (): Promise<ServerProcess> => startServer({ port, dataDir: dataDir!, password: options.password, built: true, ...(options.env ? { env: options.env } : {}) });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is set up in beforeAll: use it inside a test or hook`);
    return value;
  };

  const e2e: E2E = {
    get server() { return ready(server, "the server"); },
    get url() { return ready(server, "the server").url; },
    get port() { return port; },
    get dataDir() { return ready(dataDir, "DATA_DIR"); },
    password: options.password,
    get browser() { return ready(browser, "the browser"); },
    get token() { return token; },
    pageErrors,
    async newContext(contextOptions = {}) {
      const ctx = await e2e.browser.newContext({ ...CONTEXT_DEFAULTS, ...contextOptions });
      contexts.push(ctx);
      return ctx;
    },
    async newPage(contextOptions) {
      const page = await (await e2e.newContext(contextOptions)).newPage();
      page.on("pageerror", (e) => pageErrors.push(e.message));
      if (options.csp) page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) pageErrors.push(`CSP: ${m.text()}`); });
      return page;
    },
    async restart() {
      server = await start();
    },
  };

  beforeAll(async () => {
    assertChromium(); // first: a missing browser is the message, not a build or seed error
    ensureBuilt();
    port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), `siaga-e2e-${options.name}-`));
    server = await start();
    browser = await launchChromium();
    token = (await login(server.url, "koordinator", options.password)).token;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
    if (server && options.keepLog) {
      mkdirSync(join(ARTIFACTS, options.name), { recursive: true });
      writeFileSync(join(ARTIFACTS, options.name, "server.log"), server.log());
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  if (options.pageErrors === "each test") {
    afterEach(() => {
      expect(pageErrors.splice(0), "uncaught errors in the pages").toEqual([]);
    });
  }
  return e2e;
}
