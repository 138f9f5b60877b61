import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Router } from "express";
import { docsPage } from "./docs.js";
import { openApiDocument } from "./document.js";

/** The version in package.json (the process runs from the project's root, by tsx or from dist). */
function version(): string {
  try {
    return (JSON.parse(readFileSync(join(process.cwd(), "package.json"), "utf8")) as { version?: string }).version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** Public: the API's description is no secret, and tools fetch it without a login. */
export function openApiRoutes(): Router {
  const router = Router();
  // Made at the first request, not at start: generating it from every schema takes ~0.1 s.
  let made: { doc: ReturnType<typeof openApiDocument>; page: string } | undefined;
  const get = () => {
    if (!made) {
      const doc = openApiDocument(version());
      made = { doc, page: docsPage(doc) };
    }
    return made;
  };
  router.get("/openapi.json", (_req, res) => {
    res.json(get().doc);
  });
  router.get("/docs", (_req, res) => {
    res.type("html").send(get().page);
  });
  return router;
}
