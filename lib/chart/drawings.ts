/**
 * Chart drawings (trend line, horizontal line, rectangle, Fibonacci retracement, text note):
 * their types, Fibonacci levels, and the pixel geometry used for hit-testing and dragging.
 * Browser-safe and dependency-free; the zod schemas for the API are in drawing_schema.ts.
 * @module
 */
import type { DrawingWidth } from "./drawing_style.ts";

/** An anchor in data space: bar time (unix ms) and price. */
export interface Anchor {
  ts: number;
  price: number;
}

/** The drawing kinds, in toolbar order. */
export const DRAWING_KINDS = ["trend", "hline", "rect", "fib", "text"] as const;
export type DrawingKind = typeof DRAWING_KINDS[number];

interface Base {
  /** Client-generated id, unique per symbol and timeframe. */
  id: string;
  /** CSS colour; the theme's accent when absent. */
  color?: string;
  /** Line width in CSS px (1, 2 or 3); 1.5 when absent (drawings saved before widths existed). */
  width?: DrawingWidth;
}

/** Two-anchor drawings: a segment, a box, or a retracement from `a` (start) to `b` (end). */
export interface TwoPointDrawing extends Base {
  kind: "trend" | "rect" | "fib";
  a: Anchor;
  b: Anchor;
}
/** A horizontal line across the chart at `price`. */
export interface HLineDrawing extends Base {
  kind: "hline";
  price: number;
}
/** A text note anchored at its lower-left corner. */
export interface TextDrawing extends Base {
  kind: "text";
  a: Anchor;
  text: string;
}
export type Drawing = TwoPointDrawing | HLineDrawing | TextDrawing;

/** Retracement ratios drawn by the Fibonacci tool. */
export const FIB_RATIOS = [0, 0.236, 0.382, 0.5, 0.618, 0.786, 1] as const;

/**
 * Fibonacci retracement levels of the move from `a` to `b`: level r sits at
 * `b.price + (a.price - b.price) * r`, so 0 is the end of the move and 1 its start (TradingView's
 * convention). A move from 100 up to 200 retraces 61.8% at 138.2.
 *
 * @example
 * ```ts
 * fibLevels({ ts: 0, price: 100 }, { ts: 1, price: 200 })[4]; // { ratio: 0.618, price: 138.2 }
 * ```
 */
export function fibLevels(a: Anchor, b: Anchor): { ratio: number; price: number }[] {
  return FIB_RATIOS.map((ratio) => ({ ratio, price: b.price + (a.price - b.price) * ratio }));
}

/** A point in CSS pixels of the plot area. */
export interface Px {
  x: number;
  y: number;
}

/** Distance in pixels from `p` to the segment `a`-`b`. */
export function distToSegment(p: Px, a: Px, b: Px): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Which part of a drawing a pointer grabbed: an anchor (resize) or the body (move). */
export type Handle = "a" | "b" | "body";

/** Maps data to plot pixels; `textWidth` measures a note (CSS px). */
export interface Projection {
  toPx(anchor: Anchor): Px;
  /** y pixel of a price. */
  yPx(price: number): number;
  /** Plot width in CSS px (horizontal lines span it). */
  width: number;
  textWidth(text: string): number;
}

/** Height of a text note's box in CSS px (one line at the chart font). */
export const TEXT_HEIGHT = 16;

/**
 * The topmost drawing under `p` within `tolerance` pixels (anchors win over bodies), or null.
 * Later drawings are on top. Rectangles are hit on edges and inside; Fibonacci retracements on
 * any level line between their anchors' x or on the diagonal.
 */
export function hitTest(
  drawings: readonly Drawing[],
  proj: Projection,
  p: Px,
  tolerance = 6,
): { id: string; handle: Handle } | null {
  for (let i = drawings.length - 1; i >= 0; i--) {
    const d = drawings[i];
    const handle = hitOne(d, proj, p, tolerance);
    if (handle) return { id: d.id, handle };
  }
  return null;
}

function hitOne(d: Drawing, proj: Projection, p: Px, tol: number): Handle | null {
  if (d.kind === "hline") return Math.abs(proj.yPx(d.price) - p.y) <= tol ? "body" : null;
  if (d.kind === "text") {
    const a = proj.toPx(d.a);
    const w = proj.textWidth(d.text);
    const inside = p.x >= a.x - tol && p.x <= a.x + w + tol && p.y <= a.y + tol &&
      p.y >= a.y - TEXT_HEIGHT - tol;
    return inside ? "body" : null;
  }
  const a = proj.toPx(d.a);
  const b = proj.toPx(d.b);
  if (Math.hypot(p.x - a.x, p.y - a.y) <= tol) return "a";
  if (Math.hypot(p.x - b.x, p.y - b.y) <= tol) return "b";
  if (d.kind === "trend") return distToSegment(p, a, b) <= tol ? "body" : null;
  const x0 = Math.min(a.x, b.x);
  const x1 = Math.max(a.x, b.x);
  if (d.kind === "rect") {
    const y0 = Math.min(a.y, b.y);
    const y1 = Math.max(a.y, b.y);
    return p.x >= x0 - tol && p.x <= x1 + tol && p.y >= y0 - tol && p.y <= y1 + tol ? "body" : null;
  }
  if (distToSegment(p, a, b) <= tol) return "body";
  if (p.x < x0 - tol || p.x > x1 + tol) return null;
  for (const level of fibLevels(d.a, d.b)) {
    if (Math.abs(proj.yPx(level.price) - p.y) <= tol) return "body";
  }
  return null;
}

/**
 * Moves a drawing's `handle` by a shift in bar position and price: `shiftTs(ts, dIdx)` converts
 * a bar-position shift to a new time (the chart passes its ordinal-axis conversion). Returns a new
 * drawing; the input is not changed.
 */
export function moveDrawing(
  d: Drawing,
  handle: Handle,
  dIdx: number,
  dPrice: number,
  shiftTs: (ts: number, dIdx: number) => number,
): Drawing {
  const move = (x: Anchor): Anchor => ({ ts: shiftTs(x.ts, dIdx), price: x.price + dPrice });
  if (d.kind === "hline") return { ...d, price: d.price + dPrice };
  if (d.kind === "text") return { ...d, a: move(d.a) };
  if (handle === "a") return { ...d, a: move(d.a) };
  if (handle === "b") return { ...d, b: move(d.b) };
  return { ...d, a: move(d.a), b: move(d.b) };
}

/** One bar's prices, as the magnet sees them. */
export interface Ohlc {
  open: number;
  high: number;
  low: number;
  close: number;
}

/**
 * Magnet snapping: the price among the bar's open, high, low and close whose pixel row
 * `yPx(price)` is nearest to `y`, provided it is within `tolerancePx` (inclusive); null when
 * none is that close. Ties go to the first in open, high, low, close order; non-finite prices
 * are skipped. The caller picks the bar (the one under the pointer, same bar index).
 *
 * @example
 * ```ts
 * // price p at y = 200 - 2p: the high 110 sits at y = -20, the pointer at y = -14
 * snapPrice({ open: 100, high: 110, low: 95, close: 105 }, -14, (p) => 200 - 2 * p); // 110
 * ```
 */
export function snapPrice(
  bar: Ohlc,
  y: number,
  yPx: (price: number) => number,
  tolerancePx = 8,
): number | null {
  if (!(tolerancePx >= 0) || !Number.isFinite(tolerancePx)) {
    throw new RangeError(`snapPrice: expected a finite tolerance >= 0, was ${tolerancePx}`);
  }
  let best: number | null = null;
  let bestD = Infinity;
  for (const p of [bar.open, bar.high, bar.low, bar.close]) {
    if (!Number.isFinite(p)) continue;
    const d = Math.abs(yPx(p) - y);
    if (d <= tolerancePx && d < bestD) {
      best = p;
      bestD = d;
    }
  }
  return best;
}
