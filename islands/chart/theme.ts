// Chart colours from the page's CSS variables, so dark and light themes differ and a theme switch
// only needs a re-read and a redraw.

/** Colours the chart draws with. */
export interface ChartTheme {
  up: string;
  down: string;
  bg: string;
  grid: string;
  text: string;
  muted: string;
  accent: string;
  border: string;
}

const FALLBACK: ChartTheme = {
  up: "#16a34a",
  down: "#dc2626",
  bg: "#ffffff",
  grid: "rgba(0,0,0,.08)",
  text: "#111827",
  muted: "#5b6472",
  accent: "#2563eb",
  border: "#d9dee5",
};

/** Reads the theme from CSS variables on `<html>` (falls back to light colours). */
export function readTheme(el: Element = document.documentElement): ChartTheme {
  const css = getComputedStyle(el);
  const out = { ...FALLBACK };
  for (const k of Object.keys(FALLBACK) as (keyof ChartTheme)[]) {
    const v = css.getPropertyValue(`--${k}`).trim();
    if (v) out[k] = v;
  }
  return out;
}

/** Calls `onChange` when the theme attribute or the OS colour scheme changes; returns a stop function. */
export function watchTheme(onChange: () => void): () => void {
  const obs = new MutationObserver(onChange);
  obs.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-theme", "class"],
  });
  const mq = matchMedia("(prefers-color-scheme: dark)");
  mq.addEventListener("change", onChange);
  return () => {
    obs.disconnect();
    mq.removeEventListener("change", onChange);
  };
}

/** Colours of overlay and pane lines, in order of addition. */
export const PALETTE = [
  "#f59e0b",
  "#3b82f6",
  "#a855f7",
  "#14b8a6",
  "#ec4899",
  "#84cc16",
  "#f97316",
];

/** `color` at alpha `a` (hex colours only; others are returned unchanged). */
export function withAlpha(color: string, a: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  return `#${m[1]}${Math.round(a * 255).toString(16).padStart(2, "0")}`;
}
