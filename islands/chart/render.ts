// Canvas drawing of candles, volume, histograms and trade markers from typed arrays, decimated to
// one aggregate per device-pixel column (lib/chart/decimate.ts). Called from uPlot draw hooks; all
// coordinates here are canvas pixels.
import type uPlot from "uplot";
import {
  type CandleBuffer,
  candleBuffer,
  decimateMarkers,
  decimateOhlc,
  type MarkerColumns,
  type OhlcvColumns,
} from "../../lib/chart/decimate.ts";
import { withAlpha } from "./theme.ts";

/** The visible bar window (fractional bar positions on the ordinal x axis). */
export interface View {
  xMin: number;
  xMax: number;
}

let shared: CandleBuffer = candleBuffer(4096);

/** Decimates the visible bars for the plot `u` (reusing one buffer). */
export function visibleCandles(u: uPlot, bars: OhlcvColumns, view: View): {
  c: CandleBuffer;
  pxPerBar: number;
} {
  const pxPerBar = u.bbox.width / Math.max(1e-9, view.xMax - view.xMin);
  shared = decimateOhlc(bars, view.xMin - 1, view.xMax + 1, view.xMin, pxPerBar, shared);
  return { c: shared, pxPerBar };
}

/**
 * Draws candles (and, when `volume` is set, a volume histogram along the bottom fifth of the
 * plot) clipped to the plot area.
 */
export function drawCandles(
  u: uPlot,
  bars: OhlcvColumns,
  view: View,
  colors: { up: string; down: string },
  volume: boolean,
): void {
  const { ctx, bbox } = u;
  const { c, pxPerBar } = visibleCandles(u, bars, view);
  const left = bbox.left;
  const y = (v: number) => u.valToPos(v, "y", true);
  ctx.save();
  ctx.beginPath();
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
  ctx.clip();

  const aggregated = pxPerBar < 1;
  const body = aggregated ? 1 : Math.max(1, Math.round(pxPerBar * 0.7) | 1);
  const half = (body - 1) / 2;
  const wick = body > 4 && (devicePixelRatio || 1) > 1.5 ? 2 : 1;
  const center = (k: number) => Math.round(left + c.px[k]);

  if (volume) {
    let vMax = 0;
    for (let k = 0; k < c.n; k++) if (c.volume[k] > vMax) vMax = c.volume[k];
    if (vMax > 0) {
      const h = bbox.height * 0.2;
      const base = bbox.top + bbox.height;
      const paths = [new Path2D(), new Path2D()];
      for (let k = 0; k < c.n; k++) {
        const vh = Math.max(1, (c.volume[k] / vMax) * h);
        paths[c.close[k] >= c.open[k] ? 0 : 1].rect(center(k) - half, base - vh, body, vh);
      }
      ctx.fillStyle = withAlpha(colors.up, 0.35);
      ctx.fill(paths[0]);
      ctx.fillStyle = withAlpha(colors.down, 0.35);
      ctx.fill(paths[1]);
    }
  }

  const up = new Path2D();
  const down = new Path2D();
  for (let k = 0; k < c.n; k++) {
    const o = c.open[k];
    const cl = c.close[k];
    const p = cl >= o ? up : down;
    const x = center(k);
    const yh = Math.round(y(c.high[k]));
    const yl = Math.round(y(c.low[k]));
    p.rect(x - (wick - 1) / 2, yh, wick, Math.max(1, yl - yh));
    if (body > 1) {
      const yo = Math.round(y(o));
      const yc = Math.round(y(cl));
      const top = Math.min(yo, yc);
      p.rect(x - half, top, body, Math.max(1, Math.abs(yc - yo)));
    }
  }
  ctx.fillStyle = colors.up;
  ctx.fill(up);
  ctx.fillStyle = colors.down;
  ctx.fill(down);
  ctx.restore();
}

/**
 * Draws a histogram of `values` (per pixel column the value of largest magnitude), coloured by
 * `colorOf(value, index)`; used for volume panes and the MACD histogram.
 */
export function drawHistogram(
  u: uPlot,
  values: Float64Array,
  view: View,
  colorOf: (v: number, i: number) => string,
  scaleKey = "y",
): void {
  const { ctx, bbox } = u;
  const pxPerBar = bbox.width / Math.max(1e-9, view.xMax - view.xMin);
  const from = Math.max(0, Math.floor(view.xMin - 1));
  const to = Math.min(values.length - 1, Math.ceil(view.xMax + 1));
  const zero = u.valToPos(Math.max(0, u.scales[scaleKey].min ?? 0), scaleKey, true);
  const body = pxPerBar < 1 ? 1 : Math.max(1, Math.round(pxPerBar * 0.7) | 1);
  const half = (body - 1) / 2;
  const paths = new Map<string, Path2D>();
  ctx.save();
  ctx.beginPath();
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
  ctx.clip();
  let col = NaN;
  let best = NaN;
  let bestI = -1;
  const flush = () => {
    if (bestI < 0 || best !== best) return;
    const x = Math.round(bbox.left + (pxPerBar < 1 ? col : (bestI - view.xMin) * pxPerBar));
    const yv = Math.round(u.valToPos(best, scaleKey, true));
    const color = colorOf(best, bestI);
    let p = paths.get(color);
    if (!p) paths.set(color, p = new Path2D());
    p.rect(x - half, Math.min(yv, zero), body, Math.max(1, Math.abs(zero - yv)));
  };
  for (let i = from; i <= to; i++) {
    const v = values[i];
    if (v !== v) continue;
    const c = pxPerBar < 1 ? Math.floor((i - view.xMin) * pxPerBar) : i;
    if (c !== col) {
      flush();
      col = c;
      best = v;
      bestI = i;
    } else if (Math.abs(v) > Math.abs(best)) {
      best = v;
      bestI = i;
    }
  }
  flush();
  for (const [color, p] of paths) {
    ctx.fillStyle = color;
    ctx.fill(p);
  }
  ctx.restore();
}

const sprites = new Map<string, HTMLCanvasElement>();

/** Most marker glyphs drawn per frame. */
export const MAX_GLYPHS = 800;

/** A pre-rendered triangle (drawImage of a sprite is far cheaper than filling paths). */
function sprite(color: string, up: boolean, s: number): HTMLCanvasElement {
  const key = `${color}|${up}|${s}`;
  let c = sprites.get(key);
  if (c) return c;
  c = document.createElement("canvas");
  c.width = 2 * s + 2;
  c.height = Math.ceil(1.7 * s) + 2;
  const ctx = c.getContext("2d")!;
  ctx.fillStyle = color;
  ctx.beginPath();
  const h = 1.7 * s;
  if (up) {
    ctx.moveTo(s + 1, 1);
    ctx.lineTo(1, h + 1);
    ctx.lineTo(2 * s + 1, h + 1);
  } else {
    ctx.moveTo(s + 1, h + 1);
    ctx.lineTo(1, 1);
    ctx.lineTo(2 * s + 1, 1);
  }
  ctx.closePath();
  ctx.fill();
  sprites.set(key, c);
  return c;
}

/**
 * Draws trade markers decimated to one per side per glyph-sized cell: buys as up triangles
 * under their price, sells as down triangles above it. Returns the number of glyphs drawn.
 */
export function drawMarkers(
  u: uPlot,
  markers: MarkerColumns,
  view: View,
  colors: { up: string; down: string },
): number {
  const { ctx, bbox } = u;
  const dpr = devicePixelRatio || 1;
  const s = Math.round(4 * dpr);
  const spec = {
    xMin: view.xMin,
    xMax: view.xMax,
    pxPerBar: bbox.width / Math.max(1e-9, view.xMax - view.xMin),
    width: bbox.width,
    height: bbox.height,
    yPx: (p: number) => u.valToPos(p, "y", true) - bbox.top,
  };
  // One glyph per side per glyph-sized cell; where markers are denser than MAX_GLYPHS would
  // allow, cells grow so a frame never blits more than that many sprites.
  let cell = 2 * s;
  let pts = decimateMarkers(markers, spec, cell);
  while (pts.n > MAX_GLYPHS) {
    cell *= 1.5;
    pts = decimateMarkers(markers, spec, cell);
  }
  const buy = sprite(colors.up, true, s);
  const sell = sprite(colors.down, false, s);
  ctx.save();
  ctx.beginPath();
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
  ctx.clip();
  for (let k = 0; k < pts.n; k++) {
    const x = Math.round(bbox.left + pts.x[k]) - s - 1;
    const y = Math.round(bbox.top + pts.y[k]);
    if (pts.side[k] > 0) ctx.drawImage(buy, x, y);
    else ctx.drawImage(sell, x, y - sell.height);
  }
  ctx.restore();
  return pts.n;
}

const rings = new Map<string, HTMLCanvasElement>();

/** A pre-rendered ring of radius `r` (canvas px) and stroke `w`, centred in its canvas. */
function ringSprite(color: string, r: number, w: number): HTMLCanvasElement {
  const key = `${color}|${r}|${w}`;
  let c = rings.get(key);
  if (c) return c;
  c = document.createElement("canvas");
  c.width = c.height = 2 * (r + w) + 2;
  const ctx = c.getContext("2d")!;
  ctx.strokeStyle = color;
  ctx.lineWidth = w;
  ctx.beginPath();
  ctx.arc(c.width / 2, c.height / 2, r, 0, 2 * Math.PI);
  ctx.stroke();
  rings.set(key, c);
  return c;
}

/**
 * Draws exit markers as rings centred on their price, decimated like {@link drawMarkers} (at most
 * one ring per ring-sized cell, never more than {@link MAX_GLYPHS}). Returns the rings drawn.
 */
export function drawRings(
  u: uPlot,
  markers: MarkerColumns,
  view: View,
  color: string,
): number {
  const { ctx, bbox } = u;
  const dpr = devicePixelRatio || 1;
  const r = Math.round(3.5 * dpr);
  const spec = {
    xMin: view.xMin,
    xMax: view.xMax,
    pxPerBar: bbox.width / Math.max(1e-9, view.xMax - view.xMin),
    width: bbox.width,
    height: bbox.height,
    yPx: (p: number) => u.valToPos(p, "y", true) - bbox.top,
  };
  let cell = 2 * r;
  let pts = decimateMarkers(markers, spec, cell);
  while (pts.n > MAX_GLYPHS) {
    cell *= 1.5;
    pts = decimateMarkers(markers, spec, cell);
  }
  const ring = ringSprite(color, r, Math.max(1.5, 1.5 * dpr));
  const half = ring.width / 2;
  ctx.save();
  ctx.beginPath();
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
  ctx.clip();
  for (let k = 0; k < pts.n; k++) {
    ctx.drawImage(
      ring,
      Math.round(bbox.left + pts.x[k] - half),
      Math.round(bbox.top + pts.y[k] - half),
    );
  }
  ctx.restore();
  return pts.n;
}
