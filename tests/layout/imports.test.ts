/**
 * The layout shows the architecture: `shared/` (the contract) depends on zod alone, and no file or feature
 * folder imports itself back through others (an import cycle is two features that are really one).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const IMPORT = /^\s*(?:import|export)\s(?:[^"']*?\sfrom\s)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Relative imports resolved to files of the tree, and bare package names. */
function importsOf(file: string): { local: string[]; packages: string[] } {
  const local: string[] = [];
  const packages: string[] = [];
  for (const [, staticSpec, dynamicSpec] of readFileSync(file, "utf8").matchAll(IMPORT)) {
    const spec = staticSpec ?? dynamicSpec;
    if (!spec!.startsWith(".")) { packages.push(spec!); continue; }
    const base = resolve(dirname(file), spec!).replace(/\.js$/, "");
    const target = [".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find((p) => { try { return statSync(p).isFile(); } catch { return false; } });
    if (target) local.push(target);
  }
  return { local, packages };
}

/** Strongly connected components with more than one member (or a self-loop): the cycles. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>(), stack: string[] = [], out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index); low.set(v, index); index++; stack.push(v); onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); scc.push(w); } while (w !== v);
      if (scc.length > 1 || graph.get(v)?.has(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const SOURCES = ["shared", "server", "client"].flatMap((d) => files(join(ROOT, d)));
const rel = (p: string) => relative(ROOT, p);

describe("layout", () => {
  it("shared/ depends on zod and on itself only", () => {
    const outside = SOURCES.filter((f) => rel(f).startsWith("shared/")).flatMap((f) => {
      const { local, packages } = importsOf(f);
      return [...local.filter((t) => !rel(t).startsWith("shared/")), ...packages.filter((p) => p !== "zod")].map((t) => `${rel(f)} → ${t.startsWith("/") ? rel(t) : t}`);
    });
    expect(outside).toEqual([]);
  });

  it("no import cycle between files", () => {
    const graph = new Map(SOURCES.map((f) => [rel(f), new Set(importsOf(f).local.map(rel))]));
    expect(cycles(graph)).toEqual([]);
  });

  it("no import cycle between feature folders of the server and the client", () => {
    // A folder is its first two path segments (server/incidents); a file at a top level is its own node.
    const node = (p: string) => { const parts = rel(p).split("/"); return parts.length > 2 ? parts.slice(0, 2).join("/") : rel(p); };
    const graph = new Map<string, Set<string>>();
    for (const f of SOURCES) {
      const from = node(f);
      if (!graph.has(from)) graph.set(from, new Set());
      for (const t of importsOf(f).local) if (node(t) !== from) graph.get(from)!.add(node(t));
    }
    expect(cycles(graph)).toEqual([]);
  });
});
