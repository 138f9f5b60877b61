/**
 * GET /api/docs: the API reference as one server-rendered page, from the same document as
 * /api/openapi.json: every route with its policy action, parameters, body and answers. No script, no
 * external resource (works offline and under a strict CSP).
 */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const pretty = (v: unknown) => `<pre>${esc(JSON.stringify(v, null, 2))}</pre>`;

type Json = Record<string, unknown>;

export function docsPage(doc: Json): string {
  const info = doc.info as { title: string; version: string; description: string };
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const ops = Object.entries(paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const tags = [...new Set(ops.map((o) => (o.op.tags as string[])[0]!))];
  const section = (tag: string) => {
    const items = ops.filter((o) => (o.op.tags as string[])[0] === tag).map(({ path, method, op }) => {
      const responses = op.responses as Record<string, Json>;
      const body = op.requestBody as { content: Record<string, { schema: unknown }> } | undefined;
      const params = (op.parameters ?? []) as { name: string; in: string; required: boolean; schema: unknown }[];
      return `<article id="${esc(String(op.operationId))}">
<h3><code>${method.toUpperCase()} /api${esc(path)}</code></h3>
<p>Policy: <code>${esc(String(op["x-siaga-policy"]))}</code>${op.security ? " (no token needed)" : " (bearer token)"}</p>
${params.length ? `<h4>Parameters</h4><ul>${params.map((p) => `<li><code>${esc(p.name)}</code> in ${p.in}${p.required ? ", required" : ""}: <code>${esc(JSON.stringify(p.schema))}</code></li>`).join("")}</ul>` : ""}
${body ? `<h4>Body</h4>${Object.entries(body.content).map(([type, c]) => `<details><summary>${esc(type)}</summary>${pretty(c.schema)}</details>`).join("")}` : ""}
<h4>Answers</h4><ul>${Object.entries(responses).map(([status, r]) => {
        if (typeof r.$ref === "string") return `<li>${status}: error body (<a href="#errors">Error</a>)</li>`;
        const content = r.content as Record<string, { schema: unknown }> | undefined;
        return `<li>${status}: ${esc(String(r.description))}${content ? Object.entries(content).map(([type, c]) => `<details><summary>${esc(type)}</summary>${pretty(c.schema)}</details>`).join("") : ""}</li>`;
      }).join("")}</ul></article>`;
    }).join("\n");
    return `<section><h2 id="tag-${esc(tag)}">${esc(tag)}</h2>${items}</section>`;
  };
  const components = doc.components as { schemas: Json; responses: Record<string, { description: string }> };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)} reference</title></head><body>
<header><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Sign in with <code>POST /api/auth/login</code>; send <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<nav><ul>${tags.map((t) => `<li><a href="#tag-${esc(t)}">${esc(t)}</a></li>`).join("")}<li><a href="#errors">Errors</a></li></ul></nav></header>
<main>${tags.map(section).join("\n")}
<section><h2 id="errors">Errors</h2><p>Every error is <code>{"error": {code, message, details?, requestId?}}</code>:</p>${pretty(components.schemas.Error)}
<ul>${Object.entries(components.responses).map(([s, r]) => `<li>${s}: ${esc(r.description)}</li>`).join("")}</ul></section></main></body></html>`;
}
