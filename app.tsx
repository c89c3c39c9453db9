/**
 * `createApp(deps)`: the whole HTTP surface (pages, JSON API, static files) around injected
 * dependencies. `main.ts` passes real ones; tests pass an in-memory KV and a fixed clock.
 * @module
 */
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError, apiError, toErrorResponse } from "./lib/http/errors.ts";
import type { AppEnv, Deps } from "./lib/http/env.ts";
import { buildOpenApi, type RouteDoc } from "./lib/http/openapi.ts";
import { securityHeaders } from "./lib/http/security.ts";
import { authenticate, csrfProtect } from "./lib/auth/middleware.ts";
import { serveStaticFile } from "./lib/http/static.ts";
import { renderPage } from "./lib/ui/layout.tsx";
import { Layout } from "./lib/ui/layout.tsx";
import { THEME_COOKIE, themeFromCookie } from "./lib/ui/theme.ts";
import { healthApi, healthDocs, VERSION } from "./routes/api/health.ts";
import { authApi, authDocs } from "./routes/api/auth.ts";
import { accountPage } from "./routes/pages/account.tsx";
import { marketApi, marketDocs } from "./routes/api/market.ts";
import { drawingsApi, drawingsDocs } from "./routes/api/drawings.ts";
import { indicatorsApi, indicatorsDocs } from "./routes/api/indicators.ts";
import { backtestsApi, backtestsDocs } from "./routes/api/backtests.ts";
import { optionsApi, optionsDocs } from "./routes/api/options.ts";
import { montecarloApi, montecarloDocs } from "./routes/api/montecarlo.ts";
import { homePage } from "./routes/pages/home.tsx";
import { dataPage } from "./routes/pages/data.tsx";
import { apiDocsPage } from "./routes/pages/api_docs.tsx";
import { chartPage } from "./routes/pages/chart.tsx";
import { optionsPage } from "./routes/pages/options.tsx";
import { optimizeApi, optimizeDocs } from "./routes/api/optimize.ts";
import { auditsApi, auditsDocs } from "./routes/api/audits.ts";
import { auditPage } from "./routes/pages/audit.tsx";
import { montecarloPage } from "./routes/pages/montecarlo.tsx";
import { scansApi, scansDocs } from "./routes/api/scans.ts";
import { screenersApi, screenersDocs } from "./routes/api/screeners.ts";
import { checkApi, checkDocs } from "./routes/api/check.ts";
import { watchlistsApi, watchlistsDocs } from "./routes/api/watchlists.ts";
import { screenerPage } from "./routes/pages/screener.tsx";
import { backtestPage } from "./routes/pages/backtest.tsx";
import { sharePages } from "./routes/pages/share.tsx";

/** JSON API routers under /api/v1 with their OpenAPI docs. Add a resource with one line. */
const API: [Hono<AppEnv>, RouteDoc[]][] = [
  [healthApi, healthDocs],
  [authApi, authDocs],
  [marketApi, marketDocs],
  [drawingsApi, drawingsDocs],
  [indicatorsApi, indicatorsDocs],
  [backtestsApi, backtestsDocs],
  [optionsApi, optionsDocs],
  [montecarloApi, montecarloDocs],
  [optimizeApi, optimizeDocs],
  [auditsApi, auditsDocs],
  [scansApi, scansDocs],
  [screenersApi, screenersDocs],
  [checkApi, checkDocs],
  [watchlistsApi, watchlistsDocs],
];

/** Server-rendered page routers. Add a page group with one line. */
const PAGES: Hono<AppEnv>[] = [
  homePage,
  dataPage,
  accountPage,
  chartPage,
  optionsPage,
  montecarloPage,
  screenerPage,
  backtestPage,
  sharePages,
  auditPage,
];

/** Largest accepted request body: 50 MB (CSV uploads); JSON bodies are capped at 16 MB. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_JSON_BYTES = 16 * 1024 * 1024;

/** Every documented API route (for the OpenAPI document and route-walking tests). */
export const API_DOCS: readonly RouteDoc[] = API.flatMap(([, docs]) => docs);

/** Builds the app. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  const openapi = buildOpenApi(API_DOCS, { version: VERSION });

  app.use(securityHeaders(deps.config.secure));
  app.use(async function injectDeps(c, next) {
    c.set("deps", deps);
    await next();
  });
  // Owner, user name, CSRF token; anonymous visitors only reach public pages and routes.
  app.use(authenticate(API_DOCS));

  app.get("/static/*", serveStaticFile);

  const uploadLimit = bodyLimit({
    maxSize: MAX_UPLOAD_BYTES,
    onError: () => {
      throw new ApiError(413, "payload_too_large", "Request body is larger than 50 MB");
    },
  });
  const jsonBodyLimit = bodyLimit({
    maxSize: MAX_JSON_BYTES,
    onError: () => {
      throw new ApiError(413, "payload_too_large", "JSON bodies are limited to 16 MB");
    },
  });
  // Streamed bodies without Content-Length are counted too; pages' form posts included.
  app.use(function bodyLimits(c, next) {
    return (c.req.header("content-type") ?? "").includes("json")
      ? jsonBodyLimit(c, next)
      : uploadLimit(c, next);
  });
  app.use(csrfProtect);

  app.get("/api/v1/openapi.json", (c) => c.json(openapi));
  for (const [router] of API) app.route("/api/v1", router);

  app.post("/theme", async (c) => {
    const form = await c.req.parseBody();
    const theme = themeFromCookie(`${THEME_COOKIE}=${form.theme}`);
    const back = typeof form.back === "string" && /^\/(?!\/)/.test(form.back) ? form.back : "/";
    const secure = deps.config.secure ? "; Secure" : "";
    c.header(
      "set-cookie",
      `${THEME_COOKIE}=${theme}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`,
    );
    return c.redirect(back, 303);
  });
  for (const page of PAGES) app.route("/", page);
  app.route("/", apiDocsPage(API_DOCS));

  app.notFound((c) => {
    if (c.req.path.startsWith("/api/")) {
      return c.json(apiError("not_found", `No route for ${c.req.method} ${c.req.path}`), 404);
    }
    return errorPage(c, 404, "Page not found", "There is nothing at this address.");
  });
  app.onError((err, c) => {
    const { status, body } = toErrorResponse(err);
    if (status >= 500) console.error(err);
    if (c.req.path.startsWith("/api/")) return c.json(body, status);
    return errorPage(
      c,
      status,
      status >= 500 ? "Something went wrong" : body.error.message,
      status >= 500
        ? "The error was logged. Try again, or go back to the previous page."
        : "Check the address or the form and try again.",
    );
  });
  return app;
}

/** An HTML error page in the normal layout (signed-in user or "Sign in" link, theme, CSRF). */
function errorPage(c: Context<AppEnv>, status: number, title: string, detail: string): Response {
  const html = renderPage(
    <Layout
      title={title}
      path={c.req.path}
      theme={themeFromCookie(c.req.header("cookie"))}
      user={c.var.userName}
      csrf={c.var.csrf}
    >
      <section class="panel error-page">
        <h1>{title}</h1>
        <p class="muted">{detail}</p>
        <p>
          <a class="button" href="/">Go to the home page</a>
        </p>
      </section>
    </Layout>,
  );
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

export type App = ReturnType<typeof createApp>;
