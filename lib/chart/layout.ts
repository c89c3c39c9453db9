/**
 * The chart layout remembered per owner: overlay and lower-pane indicator specs (the
 * `sma:20`-style specs of lib/indicators/spec.ts), price scale, and the volume histogram.
 * Browser-safe; the zod schema for the API is in layout_schema.ts.
 * @module
 */
import { type IndicatorName, INDICATORS, parseIndicatorSpec } from "../indicators/spec.ts";

/** Indicators drawn over the candles. */
export const OVERLAY_KINDS = ["sma", "ema", "bbands", "donchian", "keltner", "vwap"] as const;
/** Lower panes; `volume` is the volume histogram, the rest are indicators. */
export const PANE_KINDS = ["rsi", "macd", "atr", "stoch", "adx", "volume"] as const;

export type OverlayKind = typeof OVERLAY_KINDS[number];
export type PaneKind = typeof PANE_KINDS[number];

/** Most overlays and panes a layout holds. */
export const MAX_OVERLAYS = 8;
export const MAX_PANES = 6;

/** A chart layout. */
export interface ChartLayout {
  /** Overlay specs, e.g. `"bbands:20:2"`, in drawing order. */
  overlays: string[];
  /** Lower pane specs, e.g. `"rsi:14"` or `"volume"`, top to bottom. */
  panes: string[];
  scale: "linear" | "log";
  /** Whether the volume histogram is drawn along the bottom of the price pane. */
  volume: boolean;
}

/** The layout of a new owner: candles and volume only. */
export const DEFAULT_LAYOUT: ChartLayout = {
  overlays: [],
  panes: [],
  scale: "linear",
  volume: true,
};

/**
 * Checks a spec for a slot: its name must be an allowed kind and its parameters valid. Returns
 * the normalised spec (lower-case name, defaults filled in, e.g. `"RSI"` → `"rsi:14"`) or an error.
 *
 * @example
 * ```ts
 * checkSpec("overlay", "bbands:20"); // { ok: true, spec: "bbands:20:2" }
 * checkSpec("pane", "sma:20");       // { ok: false, message: "…not a pane indicator…" }
 * ```
 */
export function checkSpec(
  slot: "overlay" | "pane",
  raw: string,
): { ok: true; spec: string } | { ok: false; message: string } {
  if (slot === "pane" && raw.trim().toLowerCase() === "volume") return { ok: true, spec: "volume" };
  const kinds: readonly string[] = slot === "overlay" ? OVERLAY_KINDS : PANE_KINDS;
  const parsed = parseIndicatorSpec(raw);
  if (!parsed.ok) return { ok: false, message: parsed.issue.message };
  if (!kinds.includes(parsed.spec.name)) {
    return {
      ok: false,
      message: `${JSON.stringify(raw)} is not ${
        slot === "overlay" ? "an overlay" : "a pane indicator"
      } (allowed: ${kinds.join(", ")})`,
    };
  }
  return { ok: true, spec: [parsed.spec.name, ...parsed.spec.params].join(":") };
}

/** Human label of a spec: `"BBANDS 20 2"`, `"Volume"`. */
export function specLabel(spec: string): string {
  if (spec === "volume") return "Volume";
  const [name, ...params] = spec.split(":");
  return [name.toUpperCase(), ...params].join(" ");
}

/** Parameter names and defaults of an indicator kind, for the configure form. */
export function specParams(kind: string): { name: string; default: number }[] {
  const def = INDICATORS[kind as IndicatorName];
  return def ? def.params.map((p) => ({ name: p.name, default: p.default })) : [];
}
