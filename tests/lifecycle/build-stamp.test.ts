/**
 * `npm start` builds only when dist/ is not a build of the sources as they are (scripts/build-stamp.mjs):
 * judged by content, on a small project tree of its own; and the inputs it hashes hold every file the
 * server and dashboard bundles are made of, read from esbuild's own list of what it bundled.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { BUILD_INPUTS, BUILD_OUTPUTS, hashInputs, staleReason, STAMP, writeStamp } from "../../scripts/build-stamp.mjs";
import { ENTRIES } from "../../scripts/build-server.js";
import { ROOT } from "../helpers/process.js";

const root = mkdtempSync(join(tmpdir(), "siaga-stamp-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const put = (rel: string, text: string) => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
};
/** A project as the build left it: sources, outputs, and the stamp of those sources. */
function built() {
  rmSync(root, { recursive: true, force: true });
  put("client/main.tsx", "export const a = 1;\n");
  put("server/index.ts", "export const b = 2;\n");
  put("shared/domain.ts", "export const c = 3;\n");
  put("package.json", "{}\n");
  put("README.md", "# not an input\n");
  put("tests/x.test.ts", "// not an input\n");
  for (const out of BUILD_OUTPUTS) put(out, "built\n");
  writeStamp(root, hashInputs(root));
}

describe("the build stamp", () => {
  beforeEach(built);

  it("a fresh build is current; with no stamp or a missing output it is not", () => {
    expect(staleReason(root)).toBeNull();
    unlinkSync(join(root, "dist/server/worker.js"));
    expect(staleReason(root)).toBe("dist/server/worker.js is missing");
    rmSync(join(root, STAMP));
    expect(staleReason(root)).toMatch(/no build stamp/);
  });

  it("a changed source file means a rebuild; undoing the change makes it current again", () => {
    put("client/main.tsx", "export const a = 10;\n");
    expect(staleReason(root)).toBe("client/main.tsx changed since the last build");
    put("client/main.tsx", "export const a = 1;\n");
    expect(staleReason(root)).toBeNull();
  });

  it("judges by content: the same size and mtime with other bytes is a change, a touch alone is none", () => {
    const file = join(root, "server/index.ts");
    const { atime, mtime } = statSync(file);
    put("server/index.ts", "export const b = 3;\n");
    utimesSync(file, atime, mtime);
    expect(staleReason(root)).toBe("server/index.ts changed since the last build");
    put("server/index.ts", "export const b = 2;\n");
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    expect(staleReason(root)).toBeNull();
  });

  it("a new file, a removed one, a changed lockfile each mean a rebuild, and the reason counts the rest", () => {
    put("server/new.ts", "export {};\n");
    expect(staleReason(root)).toBe("server/new.ts is new since the last build");
    rmSync(join(root, "server/new.ts"));
    unlinkSync(join(root, "shared/domain.ts"));
    expect(staleReason(root)).toBe("shared/domain.ts was removed since the last build");
    put("shared/domain.ts", "export const c = 3;\n");
    put("package-lock.json", "{}\n");
    put("seed/units.ts", "export {};\n");
    expect(staleReason(root)).toBe("seed/units.ts is new since the last build (and 1 more)");
  });

  it("files the build does not read (tests, docs) leave it current", () => {
    put("tests/x.test.ts", "// changed\n");
    put("README.md", "# changed\n");
    put("bench/new.ts", "export {};\n");
    expect(staleReason(root)).toBeNull();
  });
});

describe("what the stamp hashes", () => {
  /** The project's own files a bundle is made of, as esbuild lists them (packages stay outside, as in the build). */
  async function bundled(entryPoints: string[], extra: Parameters<typeof build>[0] = {}): Promise<string[]> {
    const result = await build({ absWorkingDir: ROOT, entryPoints, bundle: true, write: false, metafile: true, packages: "external", platform: "node", format: "esm", outdir: "out", logLevel: "silent", ...extra });
    return Object.keys(result.metafile!.inputs);
  }
  const outside = (files: string[]) => files.filter((f) => !f.startsWith("node_modules/") && !BUILD_INPUTS.some((i) => f === i || f.startsWith(`${i}/`)));

  it("holds every file the server bundle is made of", async () => {
    const files = await bundled(ENTRIES.map((e) => e.in));
    expect(files.length).toBeGreaterThan(100);
    expect(outside(files)).toEqual([]);
  });

  it("holds every file the dashboard is made of, and its page and the build's config", async () => {
    const entry = /src="\.\/([^"]+)"/.exec(readFileSync(join(ROOT, "client/index.html"), "utf8"))![1]!;
    const files = await bundled([`client/${entry}`], { platform: "browser", loader: { ".geojson": "json", ".css": "empty" } });
    expect(files).toContain("seed/geo/maulafa_kelurahan.geojson");
    expect(outside([...files, "client/index.html", "vite.config.ts", "scripts/pwa.ts", "scripts/build-server.ts", "package-lock.json"])).toEqual([]);
  });
});
