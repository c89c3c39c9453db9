/**
 * Dark/light theme, remembered in a cookie and rendered on the server (no flash, no script).
 * `auto` follows the operating system through a CSS media query.
 * @module
 */

export type Theme = "light" | "dark" | "auto";

/** Cookie holding the chosen theme. */
export const THEME_COOKIE = "tf_theme";

/** Reads the theme from a Cookie header value. */
export function themeFromCookie(cookieHeader: string | null | undefined): Theme {
  const m = /(?:^|;\s*)tf_theme=(light|dark|auto)(?:;|$)/.exec(cookieHeader ?? "");
  return (m?.[1] as Theme | undefined) ?? "auto";
}

/** The theme the toggle switches to: auto and light go dark, dark goes light. */
export function nextTheme(theme: Theme): Theme {
  return theme === "dark" ? "light" : "dark";
}
