/**
 * `npm run bench:client [-- --runs 7 --datasets seed,province --roles coordinator,screen]`
 *
 * 1. Builds the dashboard (`vite build`, always, so the numbers are of the current sources).
 * 2. Initial bundle: what dist/client/index.html loads eagerly (`<script src>`, `<link rel=modulepreload>`,
 *    `<link rel=stylesheet>`), each file gzipped with zlib level 9 and Brotli 11 (the server sends the Brotli
 *    twin where the browser takes it). Target: initial JS < 300 KB gzipped.
 * 3. Time to first map render, in headless Chromium (Debian `chromium` via playwright-core) against a
 *    real server process, for the Maulafa seed (44 units, 625 staff) and a synthetic province (1,000
 *    units, 100,000 staff; bench/province-store.ts writes it into a fresh DATA_DIR before the server
 *    starts). Defined as the startTime of `performance.mark("siaga:map-ready")` — set by the client in the
 *    animation frame in which the units layer first draws (client/map/UnitsLayer.tsx) — i.e. from navigation
 *    start (performance.timeOrigin) to units on the map. It spans: HTML, JS and CSS, the lazy role view,
 *    the /live socket, the resume snapshot (parsed in time slices), derived aggregates and the draw.
 *    The user is already signed in (the session is in localStorage, as after a login or for a wall
 *    screen that reloads); the page opened is /koordinator or /screen.
 *    Each run: "cold" = a fresh browser context (empty HTTP cache) loading the page; "warm" = a reload of
 *    that page in the same context (cached assets). One unmeasured run per dataset and role first.
 *    Median of --runs runs. Target: cold median < 1.5 s with the seed.
 * 4. Weak link (issue 14): a staff member's phone (390×844) on 400 ms RTT, 400 kbps down and up (Chromium's
 *    Network.emulateNetworkConditions over CDP), signed in, opening /pegawai with a confirmed assignment.
 *    "Usable" is the startTime of performance.mark("siaga:assignment-ready") (client/views/StaffView.tsx, the
 *    first frame with the assignment on screen). First load: a fresh context. Repeat visit: a reload in the
 *    same context once the first visit has settled (its live feed connected, its service worker in control of
 *    the page). Also whether the map chunk started after the mark (lazy).
 *    Also what crossed the link before the mark (Resource Timing's transferSize of the document and every
 *    response that ended before it: bodies as sent, compressed, and their headers).
 *    Targets: first load < 4 s, repeat visit < 1 s. `--weak 0` leaves it out.
 * Prints a table and writes bench/results/client.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { launchChromium } from "../tests/e2e/support/browser.js";
import { buildClient } from "../tests/e2e/support/build.js";
import { freePort, login, ROOT, startServer } from "../tests/e2e/support/server.js";
import { writeProvinceStore } from "./province-store.js";

const PASSWORD = "bench-rahasia-123";
const DIST = join(ROOT, "dist", "client");
const TARGET_INITIAL_JS_GZ = 300 * 1024;
const TARGET_SEED_MAP_MS = 1500;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1] && !process.argv[i + 1]!.startsWith("--")) return process.argv[i + 1]!;
  return process.env[`BENCH_${name.toUpperCase()}`] ?? fallback;
}
const opts = {
  runs: Math.max(1, Number(option("runs", "7"))),
  datasets: option("datasets", "seed,province").split(",").filter(Boolean) as Dataset[],
  roles: option("roles", "coordinator,screen").split(",").filter(Boolean) as Role[],
  out: option("out", join(ROOT, "bench/results/client.json")),
  weak: option("weak", "1") !== "0",
  /** `--profile 1`: print what crossed the weak link on each first load (requests, bytes, socket frames), by time. */
  profile: option("profile", "0") !== "0",
};
type Dataset = "seed" | "province";
type Role = "coordinator" | "screen";
const ROLE = { coordinator: { username: "koordinator", path: "/koordinator" }, screen: { username: "layar", path: "/screen" } } as const;
for (const d of opts.datasets) if (d !== "seed" && d !== "province") throw new Error(`unknown dataset ${d}`);
for (const r of opts.roles) if (!(r in ROLE)) throw new Error(`unknown role ${r}`);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x: number) => `${Math.round(x)} ms`;

// ---------- 1 + 2: build and initial bundle ----------
/** A built file: raw, gzip -9 and Brotli 11 (the twins the server sends, scripts/pwa.ts) sizes. */
interface Asset { file: string; kind: "js" | "css"; bytes: number; gzip: number; brotli: number }

const gzipCache = new Map<string, Asset>();
function asset(file: string): Asset {
  let a = gzipCache.get(file);
  if (!a) {
    const data = readFileSync(join(DIST, file));
    a = {
      file, kind: file.endsWith(".css") ? "css" : "js", bytes: data.length, gzip: gzipSync(data, { level: 9 }).length,
      brotli: brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY } }).length,
    };
    gzipCache.set(file, a);
  }
  return a;
}

/** The files index.html makes the browser fetch before anything runs: entry script, modulepreloads, stylesheets. */
function initialAssets(html: string): Asset[] {
  const files = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => tag.match(new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, "i"))?.[1];
    const isScript = /^<script/i.test(tag);
    const rel = attr("rel")?.toLowerCase().split(/\s+/) ?? [];
    const url = isScript ? attr("src") : rel.includes("modulepreload") || rel.includes("stylesheet") ? attr("href") : undefined;
    if (!url || /^(data:|https?:)/.test(url)) continue;
    files.add(url.replace(/^\//, ""));
  }
  return [...files].map(asset);
}

// ---------- 3: time to first map render ----------
interface Sample {
  mapReadyMs: number;
  units: number;
  responseEndMs: number;
  domContentLoadedMs: number;
  firstContentfulPaintMs: number | null;
}

async function measure(browser: Browser, url: string, session: unknown, role: Role) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "id-ID", timezoneId: "Asia/Makassar" });
  try {
    await context.addInitScript((s) => localStorage.setItem("siaga.session", JSON.stringify(s)), session);
    const page = await context.newPage();
    const assets = new Set<string>();
    page.on("response", (r) => {
      const m = new URL(r.url()).pathname.match(/^\/(assets\/[^/]+\.(?:js|css))$/);
      if (m) assets.add(m[1]!);
    });
    const sample = async (): Promise<Sample> => {
      await page.waitForFunction(() => performance.getEntriesByName("siaga:map-ready").length > 0, null, { timeout: 180_000, polling: 50 });
      return page.evaluate(() => {
        const mark = performance.getEntriesByName("siaga:map-ready")[0] as PerformanceMark;
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        const fcp = performance.getEntriesByName("first-contentful-paint")[0];
        return {
          mapReadyMs: mark.startTime,
          units: (mark.detail as { units?: number } | null)?.units ?? 0,
          responseEndMs: nav.responseEnd,
          domContentLoadedMs: nav.domContentLoadedEventEnd,
          firstContentfulPaintMs: fcp ? fcp.startTime : null,
        };
      });
    };
    await page.goto(url + ROLE[role].path, { waitUntil: "commit" });
    const cold = await sample();
    if (new URL(page.url()).pathname !== ROLE[role].path) throw new Error(`${role}: ended on ${page.url()}, not ${ROLE[role].path} (not signed in?)`);
    const coldAssets = [...assets].sort();
    await page.reload({ waitUntil: "commit" });
    const warm = await sample();
    return { cold, warm, assets: coldAssets };
  } finally {
    await context.close();
  }
}

interface RoleResult {
  dataset: Dataset;
  role: Role;
  units: number;
  runs: number;
  cold: { medianMs: number; minMs: number; maxMs: number; samples: Sample[] };
  warm: { medianMs: number; minMs: number; maxMs: number; samples: Sample[] };
  /** JS and CSS the cold page load fetched before the map was ready (lazy chunks included), gzipped. */
  loaded: { js: Asset[]; jsGzip: number; cssGzip: number };
  targetMs: number | null;
  meetsTarget: boolean | null;
}

function summary(samples: Sample[]) {
  const xs = samples.map((s) => s.mapReadyMs);
  return { medianMs: median(xs), minMs: Math.min(...xs), maxMs: Math.max(...xs), samples };
}

async function benchDataset(browser: Browser, dataset: Dataset): Promise<{ rows: RoleResult[]; setup: Record<string, unknown> }> {
  const dataDir = mkdtempSync(join(tmpdir(), `siaga-bench-client-${dataset}-`));
  const setup: Record<string, unknown> = { dataset };
  try {
    if (dataset === "province") {
      process.stdout.write("[bench:client] writing the province store (1,000 units, 100,000 staff)… ");
      const res = await writeProvinceStore(dataDir, PASSWORD);
      setup.storeWriteMs = Math.round(res.totalMs);
      console.log(`${(res.totalMs / 1000).toFixed(1)} s`);
    }
    const port = await freePort();
    const t0 = performance.now();
    const server = await startServer({
      port, dataDir, password: PASSWORD, timeoutMs: 180_000, ...(dataset === "province" ? { env: { SIAGA_NO_SEED: "1" } } : {}),
    });
    setup.serverStartMs = Math.round(performance.now() - t0);
    try {
      const rows: RoleResult[] = [];
      for (const role of opts.roles) {
        const session = await login(server.url, ROLE[role].username, PASSWORD);
        process.stdout.write(`[bench:client] ${dataset} / ${role}: warm-up`);
        await measure(browser, server.url, session, role);
        const cold: Sample[] = [];
        const warm: Sample[] = [];
        let loaded: string[] = [];
        for (let i = 0; i < opts.runs; i++) {
          const r = await measure(browser, server.url, session, role);
          cold.push(r.cold);
          warm.push(r.warm);
          loaded = r.assets;
          process.stdout.write(` ${Math.round(r.cold.mapReadyMs)}/${Math.round(r.warm.mapReadyMs)}`);
        }
        console.log(" ms (cold/warm)");
        const units = cold[0]!.units;
        if (cold.some((s) => s.units !== units) || warm.some((s) => s.units !== units)) throw new Error(`${dataset}/${role}: the unit count at map-ready varies between runs`);
        const js = loaded.filter((f) => f.endsWith(".js")).map(asset);
        const targetMs = dataset === "seed" ? TARGET_SEED_MAP_MS : null;
        const c = summary(cold);
        rows.push({
          dataset, role, units, runs: opts.runs, cold: c, warm: summary(warm),
          loaded: { js, jsGzip: js.reduce((s, a) => s + a.gzip, 0), cssGzip: loaded.filter((f) => f.endsWith(".css")).map(asset).reduce((s, a) => s + a.gzip, 0) },
          targetMs, meetsTarget: targetMs === null ? null : c.medianMs < targetMs,
        });
      }
      return { rows, setup };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------- 4: the staff member's phone on a weak link ----------
const WEAK = { latency: 400, kbps: 400 };
const TARGET_WEAK_FIRST_MS = 4000;
const TARGET_WEAK_REPEAT_MS = 1000;
interface WeakSample { firstMs: number; repeatMs: number; mapAfterAssignment: boolean; firstBytes: number; firstRequests: number }

async function benchWeakLink(browser: Browser): Promise<{ runs: number; first: ReturnType<typeof summaryOf>; repeat: ReturnType<typeof summaryOf>; mapAfterAssignment: boolean; firstBytesMedian: number; firstRequestsMedian: number; samples: WeakSample[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), "siaga-bench-weak-"));
  const server = await startServer({ port: await freePort(), dataDir, password: PASSWORD, timeoutMs: 180_000 });
  try {
    const call = async (method: string, path: string, token: string, body?: unknown) => {
      const res = await fetch(`${server.url}/api${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const coord = await login(server.url, "koordinator", PASSWORD);
    const state = await call("GET", "/state", coord.token) as { units: { id: string; code: string; floor: number }[]; staff: { id: string; nip: string; homeUnitId: string; skills: string[]; status: string }[] };
    const sessions: unknown[] = [];
    for (const unit of state.units) {
      const people = state.staff.filter((x) => x.homeUnitId === unit.id && x.status === "available" && x.skills.includes("logistik"));
      for (const person of people.slice(0, Math.max(0, people.length - unit.floor - 1))) {
        if (sessions.length >= opts.runs) break;
        const incident = await call("POST", "/incidents", coord.token, { type: "banjir", title: `Banjir uji jaringan lemah ${sessions.length + 1}`, severity: 3, location: { lat: -10.2, lng: 123.61 }, needs: [{ skill: "logistik", count: 1, priority: 3 }] });
        const a = await call("POST", "/assignments", coord.token, { staffId: person.id, needId: incident.needs[0].id });
        const head = await login(server.url, `kepala.${unit.code}`, PASSWORD);
        await call("POST", `/assignments/${a.id}/confirm`, head.token, { version: a.version });
        sessions.push(await login(server.url, person.nip, PASSWORD));
      }
    }
    if (sessions.length === 0) throw new Error("weak link: no staff member to assign");
    const samples: WeakSample[] = [];
    process.stdout.write(`[bench:client] weak link (${WEAK.latency} ms RTT, ${WEAK.kbps} kbps), staff phone, first/repeat:`);
    for (const session of sessions) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "id-ID", timezoneId: "Asia/Makassar" });
      try {
        await context.addInitScript((x) => { if (!localStorage.getItem("siaga.session")) localStorage.setItem("siaga.session", JSON.stringify(x)); }, session);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        const bytesPerS = (WEAK.kbps * 1000) / 8;
        await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: WEAK.latency, downloadThroughput: bytesPerS, uploadThroughput: bytesPerS });
        const trace = opts.profile ? profileLink(cdp) : null;
        const ready = async () => {
          await page.waitForFunction(() => performance.getEntriesByName("siaga:assignment-ready").length > 0, null, { timeout: 120_000, polling: 50 })
            .catch(async (error: Error) => { throw new Error(`${error.message}\npage ${page.url()}: ${(await page.locator("body").innerText().catch(() => "?")).slice(0, 300)}`); });
          return page.evaluate(() => {
            const mark = performance.getEntriesByName("siaga:assignment-ready")[0]!.startTime;
            const map = performance.getEntriesByType("resource").find((r) => /\/assets\/SiagaMap-[^/]+\.js$/.test(r.name));
            const before = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
              .filter((r) => (r as PerformanceResourceTiming).responseEnd <= mark) as PerformanceResourceTiming[];
            return { ms: mark, mapAfter: map ? map.startTime >= mark : true, bytes: before.reduce((n, r) => n + r.transferSize, 0), requests: before.length };
          });
        };
        await page.goto(server.url + "/pegawai", { waitUntil: "commit" });
        const first = await ready();
        if (trace) trace.print(first.ms);
        // The first visit settles: the live feed connected (the phone keeps its card), and the service worker,
        // its precache done, controls the page. Polled with evaluate: waitForFunction does not await a promise.
        const deadline = Date.now() + 180_000;
        while (!(await page.evaluate(async () => navigator.serviceWorker.controller !== null && (await caches.keys()).some((k) => k.startsWith("siaga-shell-"))
          && document.querySelector('[data-testid="conn-state"][data-conn="live"]') !== null))) {
          if (Date.now() > deadline) throw new Error("weak link: the first visit never settled (service worker in control, live feed connected)");
          await new Promise((r) => setTimeout(r, 200));
        }
        await page.reload({ waitUntil: "commit" });
        const repeat = await ready();
        samples.push({ firstMs: first.ms, repeatMs: repeat.ms, mapAfterAssignment: first.mapAfter, firstBytes: first.bytes, firstRequests: first.requests });
        process.stdout.write(` ${Math.round(first.ms)}/${Math.round(repeat.ms)}`);
      } finally {
        await context.close();
      }
    }
    console.log(" ms");
    return {
      runs: samples.length,
      first: summaryOf(samples.map((x) => x.firstMs)),
      repeat: summaryOf(samples.map((x) => x.repeatMs)),
      mapAfterAssignment: samples.every((x) => x.mapAfterAssignment),
      firstBytesMedian: median(samples.map((x) => x.firstBytes)),
      firstRequestsMedian: median(samples.map((x) => x.firstRequests)),
      samples,
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** What crosses the link, from CDP's Network events: each request's start, end and bytes on the wire; each socket frame. */
function profileLink(cdp: import("playwright-core").CDPSession) {
  let t0 = NaN;
  const reqs = new Map<string, { url: string; start: number; end?: number; bytes?: number }>();
  const frames: { at: number; dir: string; bytes: number; head: string }[] = [];
  const at = (ts: number) => { if (Number.isNaN(t0)) t0 = ts; return (ts - t0) * 1000; };
  cdp.on("Network.requestWillBeSent", (e) => reqs.set(e.requestId, { url: e.request.url, start: at(e.timestamp) }));
  cdp.on("Network.loadingFinished", (e) => { const r = reqs.get(e.requestId); if (r) { r.end = at(e.timestamp); r.bytes = e.encodedDataLength; } });
  cdp.on("Network.webSocketFrameReceived", (e) => frames.push({ at: at(e.timestamp), dir: "<-", bytes: e.response.payloadData.length, head: e.response.payloadData.slice(0, 40) }));
  cdp.on("Network.webSocketFrameSent", (e) => frames.push({ at: at(e.timestamp), dir: "->", bytes: e.response.payloadData.length, head: e.response.payloadData.slice(0, 40) }));
  return {
    print(readyMs: number) {
      console.log(`\n  first load profile (ms from the first request; assignment-ready at ${Math.round(readyMs)} ms after navigation start):`);
      for (const r of [...reqs.values()].sort((a, b) => a.start - b.start)) {
        console.log(`    ${String(Math.round(r.start)).padStart(6)}–${String(r.end === undefined ? "?" : Math.round(r.end)).padStart(6)}  ${String(r.bytes ?? "?").padStart(8)} B  ${r.url.replace(/^https?:\/\/[^/]+/, "").slice(0, 90)}`);
      }
      for (const f of frames) console.log(`    ${String(Math.round(f.at)).padStart(6)}  ws ${f.dir} ${String(f.bytes).padStart(8)} B  ${JSON.stringify(f.head)}`);
    },
  };
}

function summaryOf(xs: number[]) {
  return { medianMs: median(xs), minMs: Math.min(...xs), maxMs: Math.max(...xs) };
}

async function main() {
  const build = buildClient(true);
  console.log(`[bench:client] vite build: ${(build.ms / 1000).toFixed(1)} s`);
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const initial = initialAssets(html);
  const initialJs = initial.filter((a) => a.kind === "js");
  const initialCss = initial.filter((a) => a.kind === "css");
  const jsGzip = initialJs.reduce((s, a) => s + a.gzip, 0);
  const cssGzip = initialCss.reduce((s, a) => s + a.gzip, 0);
  const jsBrotli = initialJs.reduce((s, a) => s + a.brotli, 0);
  if (initialJs.length === 0) throw new Error("index.html loads no script: cannot measure the initial bundle");

  const browser = await launchChromium();
  const chromiumVersion = browser.version();
  const results: RoleResult[] = [];
  const setups: Record<string, unknown>[] = [];
  let weak: Awaited<ReturnType<typeof benchWeakLink>> | null = null;
  try {
    for (const dataset of opts.datasets) {
      const { rows, setup } = await benchDataset(browser, dataset);
      results.push(...rows);
      setups.push(setup);
    }
    if (opts.weak) weak = await benchWeakLink(browser);
  } finally {
    await browser.close().catch(() => {});
  }

  console.log("\nInitial bundle (eager in index.html, gzip -9, and Brotli 11 as served to browsers that take it):");
  for (const a of initial) console.log(`  ${a.file.padEnd(36)} ${kb(a.bytes).padStart(10)} raw ${kb(a.gzip).padStart(10)} gz ${kb(a.brotli).padStart(10)} br`);
  console.log(`  JS  ${kb(jsGzip)} gz, ${kb(jsBrotli)} br (target < ${kb(TARGET_INITIAL_JS_GZ)} gz: ${jsGzip < TARGET_INITIAL_JS_GZ ? "met" : "MISSED"})   CSS ${kb(cssGzip)} gz`);

  console.log(`\nTime to first map render (navigation start → performance mark siaga:map-ready), median of ${opts.runs}:`);
  const head = ["dataset", "role", "units", "cold median", "cold min–max", "warm median", "FCP (cold)", "JS loaded (gz)", "target"];
  const lines = results.map((r) => [
    r.dataset, r.role, String(r.units), ms(r.cold.medianMs), `${Math.round(r.cold.minMs)}–${Math.round(r.cold.maxMs)}`, ms(r.warm.medianMs),
    ms(median(r.cold.samples.map((s) => s.firstContentfulPaintMs ?? NaN).filter((x) => !Number.isNaN(x)))),
    kb(r.loaded.jsGzip), r.targetMs === null ? "—" : `< ${r.targetMs} ms: ${r.meetsTarget ? "met" : "MISSED"}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => "  " + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(row(head));
  for (const l of lines) console.log(row(l));

  if (weak) {
    console.log(`\nWeak link (${WEAK.latency} ms RTT, ${WEAK.kbps} kbps), staff phone 390×844, navigation start → assignment on screen, median of ${weak.runs}:`);
    console.log(`  first load   ${ms(weak.first.medianMs).padStart(8)}  (${Math.round(weak.first.minMs)}–${Math.round(weak.first.maxMs)})  target < ${TARGET_WEAK_FIRST_MS} ms: ${weak.first.medianMs < TARGET_WEAK_FIRST_MS ? "met" : "MISSED"}`);
    console.log(`  repeat visit ${ms(weak.repeat.medianMs).padStart(8)}  (${Math.round(weak.repeat.minMs)}–${Math.round(weak.repeat.maxMs)})  target < ${TARGET_WEAK_REPEAT_MS} ms: ${weak.repeat.medianMs < TARGET_WEAK_REPEAT_MS ? "met" : "MISSED"}`);
    console.log(`  map chunk loaded after the assignment was on screen: ${weak.mapAfterAssignment ? "yes" : "NO"}`);
    console.log(`  crossed the link before the assignment (first load): ${kb(weak.firstBytesMedian)} in ${weak.firstRequestsMedian} responses`);
  }

  const report = {
    at: new Date().toISOString(),
    command: `npm run bench:client -- --runs ${opts.runs} --datasets ${opts.datasets.join(",")} --roles ${opts.roles.join(",")} --weak ${opts.weak ? 1 : 0}`,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model.trim(), memGB: Math.round(totalmem() / 2 ** 30 * 10) / 10, node: process.version, chromium: chromiumVersion, loadavgAtEnd: loadavg().map((x) => Math.round(x * 100) / 100) },
    definitions: {
      initial: "files index.html loads eagerly (script src, link rel=modulepreload, link rel=stylesheet), each gzipped with zlib level 9 and compressed with Brotli quality 11 (the server sends the Brotli twin where the browser accepts br)",
      mapReadyMs: "startTime of performance.mark('siaga:map-ready'): from navigation start to the animation frame in which the units layer first draws (client/map/UnitsLayer.tsx); signed-in user (session in localStorage), page /koordinator or /screen",
      cold: "fresh browser context (empty HTTP cache), one page load",
      warm: "reload of the same page in the same context (cached assets)",
    },
    build: { ms: Math.round(build.ms) },
    initial: {
      js: initialJs, css: initialCss, jsGzip, jsBrotli, cssGzip,
      targetJsGzip: TARGET_INITIAL_JS_GZ, meetsTarget: jsGzip < TARGET_INITIAL_JS_GZ,
    },
    setup: setups,
    mapRender: results,
    weakLink: weak && { ...weak, latencyMs: WEAK.latency, kbps: WEAK.kbps, targetFirstMs: TARGET_WEAK_FIRST_MS, targetRepeatMs: TARGET_WEAK_REPEAT_MS },
  };
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(report, null, 2) + "\n");
  console.log(`\n[bench:client] wrote ${opts.out}`);
}

main().catch((error: Error) => {
  console.error(`[bench:client] failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
