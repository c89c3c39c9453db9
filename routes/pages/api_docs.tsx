/** `/api-docs`: the API reference, rendered from the same OpenAPI document the server serves. */
import { Hono } from "hono";
import type { AppEnv } from "../../lib/http/env.ts";
import { htmlPage } from "../../lib/ui/page.tsx";
import type { RouteDoc } from "../../lib/http/openapi.ts";

/** Builds the docs page for `docs`. */
export function apiDocsPage(docs: readonly RouteDoc[]) {
  const byTag = new Map<string, RouteDoc[]>();
  for (const d of docs) {
    const tag = d.tags?.[0] ?? "general";
    byTag.set(tag, [...(byTag.get(tag) ?? []), d]);
  }
  return new Hono<AppEnv>().get("/api-docs", (c) =>
    htmlPage(
      c,
      "API",
      <>
        <h1>JSON API</h1>
        <p class="muted">
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
        {[...byTag.entries()].map(([tag, list]) => (
          <section>
            <h2>{tag}</h2>
            <div class="table-wrap">
              <table>
                <tbody>
                  {list.map((d) => (
                    <tr>
                      <td>
                        <code class={`method ${d.method}`}>{d.method.toUpperCase()}</code>
                      </td>
                      <td>
                        <code>/api/v1{d.path}</code>
                      </td>
                      <td style="white-space: normal">
                        {d.summary}
                        {d.description && <div class="muted small">{d.description}</div>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      </>,
    ));
}
