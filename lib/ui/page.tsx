/**
 * Renders a server page inside the layout, with the theme from the cookie.
 * @module
 */
import type { Context } from "hono";
import type { ComponentChildren } from "preact";
import type { AppEnv } from "../http/env.ts";
import { Layout, renderPage } from "./layout.tsx";
import { themeFromCookie } from "./theme.ts";

/** Options for {@link htmlPage}. */
export interface HtmlPageOptions {
  status?: number;
  styles?: string[];
  /** Whether the page loads the islands bundle (default true). */
  islands?: boolean;
}

/** Renders `children` as a full page titled `title`. */
export function htmlPage(
  c: Context<AppEnv>,
  title: string,
  children: ComponentChildren,
  options: HtmlPageOptions = {},
): Response {
  const html = renderPage(
    <Layout
      title={title}
      path={c.req.path}
      theme={themeFromCookie(c.req.header("cookie"))}
      user={c.var.userName}
      csrf={c.var.csrf}
      styles={options.styles}
      islands={options.islands}
    >
      {children}
    </Layout>,
  );
  return c.html(html, (options.status ?? 200) as 200);
}

/** Formats unix ms as a UTC date (`2024-01-31`) or date-time for intraday values. */
export function fmtDate(ms: number, intraday = false): string {
  const iso = new Date(ms).toISOString();
  return intraday ? iso.slice(0, 16).replace("T", " ") : iso.slice(0, 10);
}

/** Formats a number with thousands separators and `digits` decimals; null/NaN as an en dash. */
export function fmtNum(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  return x.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}
