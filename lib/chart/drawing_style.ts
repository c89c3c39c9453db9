/**
 * The drawing style palette and line widths, kept apart from drawings.ts so the chart island's
 * toolbar can import them without pulling the drawing geometry out of the lazily loaded chunk.
 * @module
 */

/** Line widths offered by the style control, CSS px. */
export const DRAWING_WIDTHS = [1, 2, 3] as const;
export type DrawingWidth = typeof DRAWING_WIDTHS[number];

/**
 * Drawing colours offered by the style control: mid-tone hues (Tailwind 500/600 steps) that keep
 * at least 3:1 contrast against both the light (#f7f8fa) and the dark (#0d1117) chart background.
 */
export const DRAWING_COLORS = [
  "#2563eb", // blue
  "#dc2626", // red
  "#16a34a", // green
  "#ea580c", // orange
  "#9333ea", // purple
  "#0891b2", // cyan
  "#db2777", // pink
  "#64748b", // slate
] as const;
