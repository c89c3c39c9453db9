/**
 * The page shell every server-rendered page uses: head, navigation, theme toggle, main.
 * Works without client JS; islands hydrate on top.
 * @module
 */
import type { ComponentChildren, VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { NAV } from "./nav.ts";
import { nextTheme, type Theme } from "./theme.ts";

/** What a page needs to render inside the shell. */
export interface PageProps {
  title: string;
  /** Current path, to highlight the nav item and return here after a theme switch. */
  path: string;
  theme: Theme;
  /** Signed-in user name, if any (accounts). */
  user?: string | null;
  /** CSRF token for forms in the shell (theme toggle), when the app uses one. */
  csrf?: string;
  /** Extra stylesheets (e.g. uPlot's). */
  styles?: string[];
  /** Whether the page needs the islands bundle. */
  islands?: boolean;
  children: ComponentChildren;
}

/** The page shell. */
export function Layout(props: PageProps) {
  const { title, path, theme, children } = props;
  const to = nextTheme(theme);
  return (
    <html lang="en" data-theme={theme}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        {theme === "auto"
          ? (
            <>
              <meta name="theme-color" content="#ffffff" media="(prefers-color-scheme: light)" />
              <meta name="theme-color" content="#161b22" media="(prefers-color-scheme: dark)" />
            </>
          )
          : <meta name="theme-color" content={theme === "dark" ? "#161b22" : "#ffffff"} />}
        <title>{`${title} · ThetaForge`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/build/uPlot.min.css" />
        <link rel="stylesheet" href="/static/app.css" />
        {(props.styles ?? []).map((href) => <link rel="stylesheet" href={href} />)}
        {props.islands !== false && <script type="module" src="/static/build/islands.js"></script>}
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="topbar">
          <a class="brand" href="/">
            <span class="logo" aria-hidden="true">θ</span> ThetaForge
          </a>
          <nav aria-label="Main">
            <ul>
              {NAV.map((item) => (
                <li>
                  <a
                    href={item.href}
                    aria-current={isCurrent(item.href, path) ? "page" : undefined}
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div class="topbar-end">
            {props.user !== undefined && (props.user
              ? <a href="/account" class="user">{props.user}</a>
              : <a href="/login">Sign in</a>)}
            <form method="post" action="/theme" class="theme-form">
              <input type="hidden" name="theme" value={to} />
              <input type="hidden" name="back" value={path} />
              {props.csrf && <input type="hidden" name="csrf" value={props.csrf} />}
              <button
                type="submit"
                id="theme-toggle"
                title={`Switch to ${to} mode`}
                aria-label={`Switch to ${to} mode`}
              >
                {to === "dark" ? "☾ Dark" : "☀ Light"}
              </button>
            </form>
          </div>
        </header>
        <main id="main">{children}</main>
        <footer class="footer">
          ThetaForge · numbers are for research, not advice · <a href="/api-docs">API</a>
        </footer>
      </body>
    </html>
  );
}

function isCurrent(href: string, path: string): boolean {
  return href === "/" ? path === "/" : path === href || path.startsWith(href + "/");
}

/** Renders a full HTML document. */
export function renderPage(node: VNode): string {
  return "<!doctype html>" + renderToString(node);
}
