/**
 * zod schemas for chart drawings and layouts at the API and storage boundaries. The browser uses
 * the plain types in drawings.ts and layout.ts, so zod stays out of the chart bundle.
 * @module
 */
import * as z from "zod";
import type { Drawing as DrawingType } from "./drawings.ts";
import {
  type ChartLayout as ChartLayoutType,
  checkSpec,
  MAX_OVERLAYS,
  MAX_PANES,
} from "./layout.ts";

/** Most drawings stored per owner, symbol and timeframe. */
export const MAX_DRAWINGS = 200;
/** Longest text note, characters. */
export const MAX_TEXT = 500;

const price = z.number().finite();
/** A data-space anchor: unix ms and price. */
export const Anchor = z.object({ ts: z.number().finite(), price });
const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "id must be 1-40 letters, digits, _ or -");
const color = z.string().regex(
  /^#[0-9a-fA-F]{3,8}$/,
  "color must be a hex colour such as #2563eb",
).optional();
/** Line width in CSS px; optional so drawings saved before widths existed stay valid. */
const width = z.union([z.literal(1), z.literal(2), z.literal(3)]).optional();

/** One drawing, discriminated by `kind`. */
export const Drawing = z.discriminatedUnion("kind", [
  z.object({ id, color, width, kind: z.enum(["trend", "rect", "fib"]), a: Anchor, b: Anchor }),
  z.object({ id, color, width, kind: z.literal("hline"), price }),
  z.object({
    id,
    color,
    width,
    kind: z.literal("text"),
    a: Anchor,
    text: z.string().min(1).max(MAX_TEXT),
  }),
]);

/** The PUT body: the full set of drawings (ids unique). */
export const DrawingSet = z.object({
  drawings: z.array(Drawing).max(MAX_DRAWINGS).refine(
    (ds) => new Set(ds.map((d) => d.id)).size === ds.length,
    "drawing ids must be unique",
  ),
});

function specList(slot: "overlay" | "pane", max: number) {
  return z.array(z.string().max(64)).max(max).transform((specs, ctx) => {
    const out: string[] = [];
    specs.forEach((s, i) => {
      const r = checkSpec(slot, s);
      if (r.ok) out.push(r.spec);
      else ctx.addIssue({ code: "custom", message: r.message, path: [i] });
    });
    return out;
  });
}

/** A chart layout; specs are checked and normalised (`"RSI"` → `"rsi:14"`). */
export const ChartLayout = z.object({
  overlays: specList("overlay", MAX_OVERLAYS).default([]),
  panes: specList("pane", MAX_PANES).default([]),
  scale: z.enum(["linear", "log"]).default("linear"),
  volume: z.boolean().default(true),
});

// The schemas and the browser-side types must describe the same shapes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _drawingMatches: Same<z.infer<typeof Drawing>, DrawingType> = true;
const _layoutMatches: Same<z.infer<typeof ChartLayout>, ChartLayoutType> = true;
void _drawingMatches;
void _layoutMatches;
