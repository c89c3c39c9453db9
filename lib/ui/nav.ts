/**
 * The site navigation, in menu order. Add a page by appending one entry.
 * @module
 */

/** One navigation link. */
export interface NavItem {
  href: string;
  label: string;
}

export const NAV: readonly NavItem[] = [
  { href: "/", label: "Home" },
  { href: "/data", label: "Data" },
  { href: "/chart", label: "Chart" },
  { href: "/screener", label: "Screener" },
  { href: "/options", label: "Options" },
  { href: "/backtest", label: "Backtest" },
  { href: "/montecarlo", label: "Monte Carlo" },
  { href: "/audit", label: "Audit" },
  { href: "/api-docs", label: "API" },
];
