/** `/api-docs`: the API reference, rendered from the same OpenAPI document the server serves. */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/http/env.ts";
import { htmlPage } from "../../lib/ui/page.tsx";
import type { RouteDoc } from "../../lib/http/openapi.ts";

/** Renders `text` with its `backticked` spans as inline code. */
function withCode(text: string) {
  return text.split(/`([^`]+)`/).map((part, i) => i % 2 ? <code>{part}</code> : part);
}

/** Query parameter names, body type and non-200 status of a route, for its one-line hint. */
function details(d: RouteDoc): string[] {
  const out: string[] = [];
  const query = d.query ? Object.keys(d.query.shape) : [];
  if (query.length) out.push(`query: ${query.join(", ")}`);
  if (d.bodyContentTypes?.length) out.push(`body: ${d.bodyContentTypes.join(" or ")}`);
  else if (d.body) out.push("body: JSON");
  if (d.status && d.status !== 200) out.push(`answers ${d.status}`);
  return out;
}

/** Builds the docs page for `docs`. */
export function apiDocsPage(docs: readonly RouteDoc[]) {
  const byTag = new Map<string, RouteDoc[]>();
  for (const d of docs) {
    const tag = d.tags?.[0] ?? "general";
    byTag.set(tag, [...(byTag.get(tag) ?? []), d]);
  }
  const anchor = (tag: string) => `api-${tag.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
  return new Hono<AppEnv>().get("/api-docs", (c) =>
    htmlPage(
      c,
      "API",
      <>
        <h1>JSON API</h1>
        <p class="muted api-intro">
          Everything below lives under <code>/api/v1</code>. The machine-readable description is
          {" "}
          <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Errors are{" "}
          <code>{`{ "error": { "code", "message", "issues" } }`}</code>; validation failures are 400
          {" "}
          <code>invalid_request</code>; NaN and Infinity are sent as{" "}
          <code>null</code>; times are unix milliseconds. Authenticate with your session cookie or
          {" "}
          <code>Authorization: Bearer</code> and a personal API token.
        </p>
        <nav class="api-toc" aria-label="API sections">
          {[...byTag.entries()].map(([tag, list]) => (
            <a href={`#${anchor(tag)}`}>
              {tag} <span class="muted">{list.length}</span>
            </a>
          ))}
        </nav>
        {[...byTag.entries()].map(([tag, list]) => (
          <section class="api-group" id={anchor(tag)}>
            <h2>{tag}</h2>
            <ul class="endpoints">
              {list.map((d) => {
                const hints = details(d);
                return (
                  <li class="endpoint">
                    <span class={`method method-${d.method}`}>{d.method.toUpperCase()}</span>
                    <code class="endpoint-path">/api/v1{d.path}</code>
                    <div class="endpoint-about">
                      <div>
                        {withCode(d.summary)}
                        {d.public && <span class="badge">public</span>}
                      </div>
                      {d.description && (
                        <p class="muted endpoint-desc">{withCode(d.description)}</p>
                      )}
                      {hints.length > 0 && <p class="muted endpoint-hints">{hints.join(" · ")}</p>}
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </>,
    ));
}
