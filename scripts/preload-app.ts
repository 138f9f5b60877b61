/**
 * index.html's script (client/main.tsx) is small on purpose and imports the app (client/root.tsx)
 * dynamically, so that it can start the signed-in user's requests before React has arrived (issue 14).
 * For the app's chunk not to wait for it, this names that chunk and every chunk it imports statically in
 * index.html as `<link rel="modulepreload">`: the browser fetches them all at once, with the script.
 */
import type { Plugin } from "vite";

export function preloadApp(app = "/client/root.tsx"): Plugin {
  return {
    name: "siaga-preload-app",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle || !ctx.chunk) return;
        const chunks = new Map(Object.values(bundle).flatMap((c) => (c.type === "chunk" ? [[c.fileName, c] as const] : [])));
        const root = [...chunks.values()].find((c) => c.moduleIds.some((id) => id.endsWith(app)));
        if (!root) throw new Error(`preload-app: no chunk for ${app}`);
        // What the entry already loads needs no hint.
        const loaded = new Set<string>();
        const walk = (file: string, into: Set<string>) => {
          if (into.has(file)) return;
          into.add(file);
          for (const dep of chunks.get(file)?.imports ?? []) walk(dep, into);
        };
        walk(ctx.chunk.fileName, loaded);
        const wanted = new Set<string>();
        walk(root.fileName, wanted);
        return [...wanted].filter((f) => !loaded.has(f)).map((f) => ({
          tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: `/${f}` }, injectTo: "head" as const,
        }));
      },
    },
  };
}
