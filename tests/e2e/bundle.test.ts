/**
 * Issue 14, weak link: what a signed-in staff phone loads before its assignment is on screen, read from the
 * build itself (index.html, the chunks' static imports, their source maps). It holds React, the app and
 * the staff view, and not what can wait for the first paint: zod and the shared schemas (the card is
 * painted from the first answer, the live layer checks it next), socket.io-client, the map, the English
 * words. The page's first script imports nothing of the app (it starts the requests the app will need).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildClient, CLIENT_INDEX } from "./support/build.js";

const DIST = join(CLIENT_INDEX, "..");

/** The chunks a chunk imports statically (`import … from "./x.js"`; `import("./x.js")` is dynamic). */
function staticImports(file: string): string[] {
  const code = readFileSync(join(DIST, file), "utf8");
  return [...code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([\w.-]+\.js)["']/g)].map((m) => `assets/${m[1]}`);
}

/** `files` and every chunk they import statically, transitively. */
function closure(files: string[]): Set<string> {
  const out = new Set<string>();
  const visit = (f: string) => {
    if (out.has(f)) return;
    out.add(f);
    if (f.endsWith(".js")) for (const dep of staticImports(f)) visit(dep);
  };
  for (const f of files) visit(f);
  return out;
}

/** The source files a built chunk was made from (its source map; the bundler's runtime helpers have none). */
function sourcesOf(file: string): string[] {
  const map = join(DIST, `${file}.map`);
  if (!existsSync(map)) {
    expect(file, "only the bundler's runtime goes without a source map").toMatch(/^assets\/rolldown-runtime-/);
    return [];
  }
  return (JSON.parse(readFileSync(map, "utf8")) as { sources: string[] }).sources;
}

let eager: string[] = [];
let entry = "";
beforeAll(() => {
  buildClient();
  const html = readFileSync(CLIENT_INDEX, "utf8");
  entry = html.match(/<script type="module"[^>]*src="\/(assets\/[^"]+\.js)"/)?.[1] ?? "";
  eager = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
});

describe("[14.3] the staff phone's first load", () => {
  it("index.html names the entry and preloads the app's chunk", () => {
    expect(entry).toMatch(/^assets\/index-.*\.js$/);
    expect(eager.some((f) => /^assets\/app-.*\.js$/.test(f))).toBe(true);
  });

  it("the page's first script waits for no chunk of the app", () => {
    const first = closure([entry]);
    for (const f of first) expect(f, `${entry} imports ${f}`).not.toMatch(/^assets\/app-/);
    const sources = [...first].flatMap(sourcesOf);
    expect(sources.some((s) => /node_modules[\\/]react/.test(s))).toBe(false);
  });

  it("holds React, the app and the staff view, and neither zod, the schemas, socket.io-client, the map nor the English words", () => {
    const staffView = readdirSync(join(DIST, "assets")).find((f) => /^StaffView-.*\.js$/.test(f));
    expect(staffView).toBeDefined();
    const files = closure([entry, ...eager, `assets/${staffView}`]);
    const sources = [...files].flatMap(sourcesOf);
    expect(sources.some((s) => /node_modules[\\/]react-dom[\\/]/.test(s))).toBe(true);
    expect(sources.some((s) => /client[\\/]views[\\/]StaffView\.tsx$/.test(s))).toBe(true);
    const heavy = sources.filter((s) => /node_modules[\\/](zod|socket\.io-client|engine\.io-client|leaflet)[\\/]|client[\\/]i18n[\\/]en\.ts$|shared[\\/](api|entities|domain|errors)\.ts$/.test(s));
    expect(heavy).toEqual([]);
  });
});
