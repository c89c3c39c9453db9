// The chart engine: a stack of uPlot panes (price + lower panes) over one ordinal x axis, with
// candles and markers drawn from typed arrays by draw hooks, synced cursors, autoscaled y ranges
// and a custom legend. UI-free: islands/Chart.tsx drives it, islands/chart/drawing_tools.ts plugs
// into its hooks, and the benchmark uses it directly.
import uPlot from "uplot";
import type { BarSeries } from "../../lib/domain/bar.ts";
import type { ChartLayout } from "../../lib/chart/layout.ts";
import { buildRangeIndex, type RangeIndex, rangeOf } from "../../lib/chart/range_index.ts";
import type { MarkerColumns } from "../../lib/chart/decimate.ts";
import { idxToTs, tsToIdx } from "../../lib/chart/time_index.ts";
import { drawCandles, drawHistogram, drawMarkers, drawRings, type View } from "./render.ts";
import { buildStudy, type StudyDef, studyRange } from "./panes.ts";
import { type ChartTheme, readTheme, withAlpha } from "./theme.ts";
import {
  axisValues,
  barSplits,
  barTime,
  compact,
  price,
  tickLabel,
  YEAR_LABEL_SPAN_MS,
  yearSplits,
} from "./axis.ts";
import { attachInteraction } from "./interaction.ts";

/**
 * A trade marker as the backtester passes it. An entry (the default) is a triangle: a buy points
 * up from below its price in --up, a sell down from above it in --down; an exit is a ring on its
 * price in the text colour.
 */
export interface TradeMarker {
  /** Unix ms. */
  ts: number;
  price: number;
  side: "buy" | "sell";
  kind?: "entry" | "exit";
}

/** Pointer handler of a plug-in (drawing tools); return true to take the gesture from panning. */
export interface PointerHook {
  down(e: PointerEvent, at: { x: number; y: number }): boolean;
  move?(e: PointerEvent, at: { x: number; y: number }): void;
  up?(e: PointerEvent, at: { x: number; y: number }): void;
  hover?(at: { x: number; y: number }): string | null;
}

/** Options of {@link createChart}. */
export interface ChartInit {
  symbol: string;
  timeframe: string;
  intraday: boolean;
  bars: BarSeries;
  layout: ChartLayout;
  markers?: TradeMarker[];
  /**
   * `"all"` fits every bar (and reset, double-click or `0`, returns to it); default shows the
   * latest bars at about 7 px each.
   */
  initialView?: "recent" | "all";
  onRemove?(spec: string): void;
  onConfigure?(spec: string): void;
  onToggleLog?(): void;
}

interface Pane {
  spec: string | null;
  study: StudyDef | null;
  el: HTMLElement;
  legend: HTMLElement;
  u: uPlot;
}

const AXIS_Y = 64;
const AXIS_X = 26;
/** Below this chart width (CSS px) the price legend collapses to one line with a toggle. */
export const NARROW_PX = 560;

/** The chart engine. */
export class ChartEngine {
  readonly host: HTMLElement;
  bars: BarSeries;
  layout: ChartLayout;
  view: View = { xMin: 0, xMax: 1 };
  theme: ChartTheme;
  panes: Pane[] = [];
  overlays: StudyDef[] = [];
  /** Resolves after every pane has drawn once. */
  ready: Promise<void>;
  readonly drawHooks: ((u: uPlot) => void)[] = [];
  readonly pointerHooks: PointerHook[] = [];
  readonly keyHooks: ((e: KeyboardEvent) => boolean)[] = [];
  readonly init: ChartInit;
  #xs = new Float64Array(0);
  #candleRange!: RangeIndex;
  #markers: MarkerColumns | null = null;
  #exits: MarkerColumns | null = null;
  #rawMarkers: TradeMarker[] = [];
  #raf = 0;
  #resolveReady!: () => void;
  #drawn = new Set<uPlot>();
  #syncKey = `tf-chart-${Math.random().toString(36).slice(2)}`;
  #resize: ResizeObserver;
  #detach: () => void;
  #lastIdx: number | null = null;
  #hovered: uPlot | null = null;
  #legendOpen = false;

  constructor(host: HTMLElement, init: ChartInit) {
    this.host = host;
    this.init = init;
    this.bars = init.bars;
    this.layout = init.layout;
    this.theme = readTheme();
    this.ready = new Promise((r) => (this.#resolveReady = r));
    this.#prepareData();
    this.#setMarkerColumns(init.markers ?? []);
    const w = this.#width();
    if (init.initialView === "all") this.view = { xMin: -0.5, xMax: this.bars.length - 0.5 };
    else this.view = this.#recentView(w);
    this.#build();
    this.#detach = attachInteraction(this);
    let lastW = w;
    let lastH = host.clientHeight;
    this.#markCompact();
    this.#resize = new ResizeObserver(() => {
      this.#markCompact();
      if (host.clientWidth !== lastW || host.clientHeight !== lastH) {
        lastW = host.clientWidth;
        lastH = host.clientHeight;
        this.#sizePanes();
      }
    });
    this.#resize.observe(host);
  }

  /**
   * Marks the chart `tf-compact` when it is narrower than {@link NARROW_PX} or its price legend
   * (a row per overlay plus the OHLC line, about 18 px each) would cover more than 40% of the
   * price pane: static/chart.css then shows the legend as one summary line with a toggle, so it
   * does not cover the candles.
   */
  #markCompact(): void {
    const w = this.host.clientWidth;
    if (w <= 0) return;
    const mainH = this.panes[0]?.u.height ?? this.host.clientHeight;
    const legendPx = 18 * (1 + this.layout.overlays.length);
    this.host.classList.toggle("tf-compact", w < NARROW_PX || legendPx > 0.4 * mainH);
  }

  /** Whether the full price legend is shown on a compact chart (see {@link toggleLegend}). */
  get legendOpen(): boolean {
    return this.#legendOpen;
  }

  /** Expands or collapses the price legend on a compact chart (the legend's toggle button). */
  toggleLegend(open = !this.#legendOpen): void {
    this.#legendOpen = open;
    this.#applyLegendOpen();
  }

  #applyLegendOpen(): void {
    const legend = this.panes[0]?.legend;
    if (!legend) return;
    legend.classList.toggle("tf-open", this.#legendOpen);
    const btn = legend.querySelector<HTMLElement>(".tf-legend-toggle");
    if (!btn) return;
    btn.setAttribute("aria-expanded", String(this.#legendOpen));
    const n = this.overlays.length;
    const what = n ? `${n} indicator${n > 1 ? "s" : ""}` : "OHLC";
    btn.textContent = `${what} ${this.#legendOpen ? "▴" : "▾"}`;
    btn.title = this.#legendOpen ? "Collapse the legend" : "Show the full legend";
  }

  /** The price pane. */
  get main(): uPlot {
    return this.panes[0].u;
  }

  /** Number of bars. */
  get length(): number {
    return this.bars.length;
  }

  // ---- data and layout --------------------------------------------------------------------

  /**
   * Replaces the bars. `keepTime` keeps the visible time window (after the full history loads);
   * otherwise the latest bars are shown (after a timeframe switch).
   */
  setData(bars: BarSeries, { keepTime = true }: { keepTime?: boolean } = {}): void {
    const old = this.bars.ts;
    const a = idxToTs(old, this.view.xMin);
    const b = idxToTs(old, this.view.xMax);
    this.bars = bars;
    this.#prepareData();
    this.#setMarkerColumns(this.#rawMarkers);
    if (keepTime && old.length && bars.length) {
      this.view = { xMin: tsToIdx(bars.ts, a), xMax: tsToIdx(bars.ts, b) };
    } else {
      this.view = this.#recentView(this.#width());
    }
    this.#build();
  }

  /** Applies a new layout (overlays, panes, scale, volume); rebuilds the panes. */
  setLayout(layout: ChartLayout): void {
    this.layout = layout;
    this.#build();
  }

  /** Sets the trade markers. */
  setMarkers(markers: TradeMarker[]): void {
    this.#setMarkerColumns(markers);
    this.redraw();
  }

  #prepareData(): void {
    const n = this.bars.length;
    if (this.#xs.length !== n) {
      this.#xs = new Float64Array(n);
      for (let i = 0; i < n; i++) this.#xs[i] = i;
    }
    this.#candleRange = buildRangeIndex(this.bars.low, this.bars.high);
  }

  #setMarkerColumns(list: TradeMarker[]): void {
    this.#rawMarkers = list;
    this.#markers = this.#markerColumns(list.filter((m) => m.kind !== "exit"));
    this.#exits = this.#markerColumns(list.filter((m) => m.kind === "exit"));
  }

  #markerColumns(list: TradeMarker[]): MarkerColumns | null {
    if (!list.length) return null;
    const sorted = [...list].sort((a, b) => a.ts - b.ts);
    const ts = this.bars.ts;
    return {
      idx: Float64Array.from(sorted, (m) => tsToIdx(ts, m.ts)),
      price: Float64Array.from(sorted, (m) => m.price),
      side: Int8Array.from(sorted, (m) => (m.side === "buy" ? 1 : -1)),
    };
  }

  // ---- view -------------------------------------------------------------------------------

  #width(): number {
    return Math.max(200, this.host.clientWidth || 800);
  }

  #recentView(widthPx: number): View {
    const n = this.bars.length;
    const k = Math.max(10, Math.min(n, Math.round((widthPx - AXIS_Y) / 7)));
    const xMax = n - 1 + Math.min(5, k * 0.05);
    return { xMin: xMax - k, xMax };
  }

  /** Shows the initial view: the latest bars, or every bar when `initialView` is `"all"`. */
  resetView(): void {
    if (this.init.initialView === "all") this.fitAll();
    else this.setView(this.#recentView(this.#width()));
  }

  /** Fits every bar. */
  fitAll(): void {
    this.setView({ xMin: -0.5, xMax: this.bars.length - 0.5 });
  }

  /** Sets the visible window, clamped to sensible zoom limits, and schedules a frame. */
  setView(v: View): void {
    const n = Math.max(1, this.bars.length);
    let span = Math.min(Math.max(v.xMax - v.xMin, 5), n * 1.2 + 10);
    if (!Number.isFinite(span)) span = 100;
    const mid = (v.xMin + v.xMax) / 2;
    let xMin = mid - span / 2;
    // keep at least a few bars on screen
    xMin = Math.min(Math.max(xMin, -span + 3), n - 3);
    this.view = { xMin, xMax: xMin + span };
    if (!this.#raf) this.#raf = requestAnimationFrame(() => this.renderNow());
  }

  /** Zooms by `factor` (<1 zooms in) around bar position `at` (default: the right edge). */
  zoom(factor: number, at = this.view.xMax): void {
    const { xMin, xMax } = this.view;
    this.setView({ xMin: at - (at - xMin) * factor, xMax: at + (xMax - at) * factor });
  }

  /** Pans by `dIdx` bars (positive moves toward later bars). */
  pan(dIdx: number): void {
    this.setView({ xMin: this.view.xMin + dIdx, xMax: this.view.xMax + dIdx });
  }

  /** Applies the current view to every pane synchronously (the benchmark calls this). */
  renderNow(): void {
    if (this.#raf) cancelAnimationFrame(this.#raf);
    this.#raf = 0;
    const { xMin, xMax } = this.view;
    for (const p of this.panes) {
      p.u.batch(() => {
        p.u.setScale("x", { min: xMin, max: xMax });
        const [lo, hi] = this.#yRange(p);
        p.u.setScale("y", { min: lo, max: hi });
      });
    }
    this.#updateLegends(this.#lastIdx);
  }

  /** Redraws without rescaling (after a drawing or theme change). */
  redraw(): void {
    for (const p of this.panes) p.u.redraw(false, true);
  }

  #yRange(p: Pane): [number, number] {
    const i0 = Math.floor(this.view.xMin);
    const i1 = Math.ceil(this.view.xMax);
    if (p.study) return studyRange(p.study, i0, i1);
    let [lo, hi] = rangeOf(this.#candleRange, i0, i1);
    for (const o of this.overlays) {
      const [a, b] = rangeOf(o.range, i0, i1);
      if (a < lo) lo = a;
      if (b > hi) hi = b;
    }
    if (!(lo <= hi)) return [0, 1];
    if (this.layout.scale === "log") {
      // a log axis needs a positive range (an overlay such as a Keltner band can dip below 0)
      if (!(lo > 0)) lo = hi > 0 ? hi * 1e-3 : 1e-6;
      if (!(hi > lo)) hi = lo * 10;
      const f = (hi / lo) ** 0.08 || 1.01;
      return [lo / f / (this.layout.volume ? f * f : 1), hi * f];
    }
    const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.01 || 1;
    return [lo - pad - (this.layout.volume ? (hi - lo) * 0.15 : 0), hi + pad];
  }

  // ---- coordinates (CSS px relative to the price pane's plot area) ---------------------------

  /** Bar position at x CSS px. */
  idxAt(x: number): number {
    const w = this.main.bbox.width / (devicePixelRatio || 1);
    return this.view.xMin + (x / w) * (this.view.xMax - this.view.xMin);
  }

  /** x CSS px of bar position `idx`. */
  xOf(idx: number): number {
    const w = this.main.bbox.width / (devicePixelRatio || 1);
    return ((idx - this.view.xMin) / (this.view.xMax - this.view.xMin)) * w;
  }

  /** Price at y CSS px. */
  priceAt(y: number): number {
    return this.main.posToVal(y, "y");
  }

  /** y CSS px of a price. */
  yOf(p: number): number {
    return this.main.valToPos(p, "y");
  }

  // ---- panes ------------------------------------------------------------------------------

  #build(): void {
    for (const p of this.panes) p.u.destroy();
    this.host.textContent = "";
    this.panes = [];
    this.#drawn.clear();
    this.host.dataset.ready = "false";
    const theme = this.theme;
    this.overlays = this.layout.overlays.map((s, i) => buildStudy(s, this.bars, i, theme));
    const lower = this.layout.panes.map((s, i) =>
      buildStudy(s, this.bars, i + this.overlays.length, theme)
    );
    const heights = this.#heights(lower.length);
    this.panes.push(this.#makePane(null, null, heights[0], lower.length === 0));
    lower.forEach((st, i) =>
      this.panes.push(this.#makePane(st.spec, st, heights[i + 1], i === lower.length - 1))
    );
    this.host.dataset.panes = this.layout.panes.join(",");
    this.host.dataset.overlays = this.layout.overlays.join(",");
    this.host.dataset.bars = String(this.bars.length);
    this.panes[0].legend.innerHTML =
      `<div class="tf-legend-head"><div class="tf-legend-row tf-ohlc"></div>` +
      `<button type="button" class="tf-legend-toggle" data-act="legend" aria-expanded="false"></button></div>` +
      this.overlays.map(studyRow).join("");
    this.panes[0].legend.classList.add("tf-legend-main");
    this.#applyLegendOpen();
    this.#markCompact();
    for (const p of this.panes.slice(1)) p.legend.innerHTML = studyRow(p.study!);
    this.#updateLegends(null);
  }

  #heights(nLower: number): number[] {
    const total = Math.max(240, this.host.clientHeight || 480);
    const paneH = Math.round(Math.min(140, Math.max(80, total * 0.2)));
    const mainH = Math.max(140, total - paneH * nLower);
    return [mainH, ...Array(nLower).fill(paneH)];
  }

  #sizePanes(): void {
    const heights = this.#heights(this.panes.length - 1);
    const w = this.host.clientWidth;
    this.panes.forEach((p, i) => p.u.setSize({ width: w, height: heights[i] }));
    this.#markCompact();
    this.renderNow();
  }

  #makePane(spec: string | null, study: StudyDef | null, height: number, showX: boolean): Pane {
    const el = document.createElement("div");
    el.className = "tf-pane";
    if (spec) el.dataset.spec = spec;
    const legend = document.createElement("div");
    legend.className = "tf-legend";
    // crosshair read-outs on the axes: price (or value) at the pointer, bar time at the bottom
    const priceTag = document.createElement("div");
    priceTag.className = "tf-tag tf-tag-y";
    const timeTag = document.createElement("div");
    timeTag.className = "tf-tag tf-tag-x";
    this.host.append(el);
    const theme = this.theme;
    const bars = this.bars;
    const view = () => this.view;
    const dpr = () => devicePixelRatio || 1;
    const xs = this.#xs;
    const isMain = spec === null;
    const lines = isMain ? this.overlays.flatMap((o) => o.lines) : study!.lines;
    const [y0, y1] = this.#yRange({ spec, study } as Pane);

    const series: uPlot.Series[] = [{}];
    const data: (Float64Array)[] = [xs];
    if (isMain) {
      series.push({ label: this.init.symbol, paths: () => null, points: { show: false } });
      data.push(bars.close);
    }
    for (const l of lines) {
      series.push({
        label: l.key,
        stroke: l.color,
        width: l.width,
        dash: l.dash,
        paths: l.hist ? () => null : undefined,
        points: { show: false },
      });
      data.push(l.values);
    }
    const hooks: uPlot.Hooks.Arrays = {
      drawClear: [(u) => {
        u.ctx.fillStyle = theme.bg;
        u.ctx.fillRect(0, 0, u.ctx.canvas.width, u.ctx.canvas.height);
      }],
      drawAxes: [(u) => {
        if (!study?.guides.length) return;
        const { ctx, bbox } = u;
        ctx.save();
        ctx.strokeStyle = theme.muted;
        ctx.setLineDash([3 * dpr(), 3 * dpr()]);
        ctx.lineWidth = dpr();
        for (const g of study.guides) {
          const y = Math.round(u.valToPos(g, "y", true)) + 0.5;
          ctx.beginPath();
          ctx.moveTo(bbox.left, y);
          ctx.lineTo(bbox.left + bbox.width, y);
          ctx.stroke();
        }
        ctx.restore();
      }],
      drawSeries: [(u, si) => {
        if (isMain && si === 1) {
          drawCandles(u, this.bars, view(), theme, this.layout.volume);
          return;
        }
        const l = lines[si - (isMain ? 2 : 1)];
        if (!l?.hist) return;
        const b = this.bars;
        if (l.hist === "volume") {
          drawHistogram(
            u,
            l.values,
            view(),
            (_v, i) => withAlpha(b.close[i] >= b.open[i] ? theme.up : theme.down, 0.6),
          );
        } else {
          drawHistogram(u, l.values, view(), (v) => withAlpha(v >= 0 ? theme.up : theme.down, 0.6));
        }
      }],
      draw: [(u) => {
        if (isMain) {
          // glyphs drawn this frame, for tests and the curious
          let glyphs = 0;
          if (this.#exits) glyphs += drawRings(u, this.#exits, view(), theme.text);
          if (this.#markers) glyphs += drawMarkers(u, this.#markers, view(), theme);
          this.host.dataset.markers = String(glyphs);
          for (const f of this.drawHooks) f(u);
        }
        if (!this.#drawn.has(u)) {
          this.#drawn.add(u);
          if (this.#drawn.size >= this.panes.length) {
            this.host.dataset.ready = "true";
            this.#resolveReady();
          }
        }
      }],
      setCursor: [(u) => {
        const idx = u.cursor.idx ?? null;
        if (idx !== this.#lastIdx) this.#updateLegends(idx);
        this.#placeTags(u, priceTag, showX ? timeTag : null, isMain);
      }],
    };
    const axisColor = () => theme.muted;
    const gridColor = () => theme.grid;
    const opts: uPlot.Options = {
      width: this.#width(),
      height,
      legend: { show: false },
      padding: [isMain ? 8 : 10, 0, isMain ? 0 : 6, 0],
      cursor: {
        sync: { key: this.#syncKey, setSeries: false },
        drag: { x: false, y: false, setScale: false },
        points: { show: false },
      },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: {
        x: { time: false, auto: false, min: this.view.xMin, max: this.view.xMax },
        y: {
          auto: false,
          min: y0,
          max: y1,
          distr: isMain && this.layout.scale === "log" ? 3 : 1,
        },
      },
      axes: [
        {
          scale: "x",
          size: showX ? AXIS_X : 0,
          stroke: axisColor,
          grid: { stroke: gridColor, width: 1 },
          ticks: { show: false },
          font: "11px system-ui, sans-serif",
          // no tick within 22 px of either end: a centred date label there would be cut; spans
          // labelled by year get a tick on each year's first bar (a bar step drifts off them)
          splits: (u, _ai, min, max) => {
            const ts = this.bars.ts;
            const w = u.bbox.width / dpr();
            const span = ts.length > 1 ? idxToTs(ts, max) - idxToTs(ts, Math.max(0, min)) : 0;
            return span >= YEAR_LABEL_SPAN_MS
              ? yearSplits(ts, min, max, w, 90, 22)
              : barSplits(min, max, w, ts.length, 90, 22);
          },
          values: (_u, splits) => {
            if (!showX) return splits.map(() => "");
            const ts = this.bars.ts;
            const n = ts.length;
            const span = n > 1
              ? idxToTs(ts, this.view.xMax) - idxToTs(ts, Math.max(0, this.view.xMin))
              : 0;
            return splits.map((i) => tickLabel(ts[i], span, this.init.intraday));
          },
        },
        {
          scale: "y",
          side: 1,
          size: AXIS_Y,
          stroke: axisColor,
          grid: { stroke: gridColor, width: 1 },
          ticks: { show: false },
          font: "11px system-ui, sans-serif",
          // uPlot's log splits are powers of ten, useless within one decade: use nice linear steps
          splits: isMain && this.layout.scale === "log"
            ? (u, _ai, min, max) => niceSplits(min, max, u.bbox.height / dpr() / 50)
            : undefined,
          values: (_u, splits, _ai, _space, incr) =>
            axisValues(splits, splits.length > 1 ? splits[1] - splits[0] : incr, isMain),
        },
      ],
      series,
      hooks,
    };
    const u = new uPlot(opts, data as uPlot.AlignedData, el);
    el.append(legend, priceTag, timeTag);
    u.over.addEventListener("pointerenter", () => (this.#hovered = u));
    u.over.addEventListener("pointerleave", () => {
      if (this.#hovered === u) this.#hovered = null;
      priceTag.style.display = "none";
    });
    return { spec, study, el, legend, u };
  }

  #placeTags(u: uPlot, priceTag: HTMLElement, timeTag: HTMLElement | null, isMain: boolean): void {
    const dpr = devicePixelRatio || 1;
    const { left, top, idx } = u.cursor;
    const plotLeft = u.bbox.left / dpr;
    const plotTop = u.bbox.top / dpr;
    if (this.#hovered === u && top !== undefined && top >= 0 && left !== undefined && left >= 0) {
      const v = u.posToVal(top, "y");
      priceTag.textContent = isMain ? price(v) : compact(v);
      priceTag.style.top = `${plotTop + top - 9}px`;
      priceTag.style.left = `${plotLeft + u.bbox.width / dpr + 2}px`;
      priceTag.style.display = "block";
    } else priceTag.style.display = "none";
    if (!timeTag) return;
    if (left !== undefined && left >= 0 && idx !== null && idx !== undefined) {
      timeTag.textContent = barTime(this.bars.ts[idx], this.init.intraday);
      timeTag.style.top = `${plotTop + u.bbox.height / dpr + 4}px`;
      timeTag.style.left = `${plotLeft + left}px`;
      timeTag.style.display = "block";
    } else timeTag.style.display = "none";
  }

  // ---- legend -----------------------------------------------------------------------------

  #updateLegends(idx: number | null): void {
    this.#lastIdx = idx;
    const n = this.bars.length;
    if (!n || !this.panes.length) return;
    const i = idx === null || idx < 0 || idx >= n ? n - 1 : idx;
    const b = this.bars;
    const t = this.theme;
    const chg = i > 0 ? (b.close[i] / b.close[i - 1] - 1) * 100 : NaN;
    const color = b.close[i] >= b.open[i] ? t.up : t.down;
    const head = this.panes[0].legend.querySelector(".tf-ohlc") as HTMLElement;
    // tf-when, tf-ohl and tf-vol are hidden on a compact chart until the legend is expanded
    head.innerHTML = `<b>${esc(this.init.symbol)}</b> <span class="muted tf-when">${
      esc(this.init.timeframe)
    } · ${
      barTime(b.ts[i], this.init.intraday)
    }</span> <span style="color:${color}"><span class="tf-ohl">O ${price(b.open[i])} H ${
      price(b.high[i])
    } L ${price(b.low[i])} </span>C ${price(b.close[i])} ${
      Number.isFinite(chg) ? (chg >= 0 ? "+" : "") + chg.toFixed(2) + "%" : ""
    }</span>${
      this.layout.volume || b.volume[i] > 0
        ? ` <span class="muted tf-vol">Vol ${compact(b.volume[i])}</span>`
        : ""
    }`;
    const fill = (legend: HTMLElement, studies: StudyDef[]) => {
      const vals = legend.querySelectorAll<HTMLElement>(".tf-vals");
      studies.forEach((s, k) => {
        if (vals[k]) vals[k].innerHTML = studyValues(s, i);
      });
    };
    fill(this.panes[0].legend, this.overlays);
    for (const p of this.panes.slice(1)) fill(p.legend, [p.study!]);
  }

  // ---- export and teardown ----------------------------------------------------------------

  /** The whole chart (all panes, with a title line) as a PNG. */
  exportPng(): Promise<Blob> {
    const dpr = devicePixelRatio || 1;
    const canvases = this.panes.map((p) => p.u.ctx.canvas);
    const title = Math.round(24 * dpr);
    const out = document.createElement("canvas");
    out.width = Math.max(...canvases.map((c) => c.width));
    out.height = title + canvases.reduce((a, c) => a + c.height, 0);
    const ctx = out.getContext("2d")!;
    ctx.fillStyle = this.theme.bg;
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.fillStyle = this.theme.text;
    ctx.font = `${Math.round(13 * dpr)}px system-ui, sans-serif`;
    ctx.textBaseline = "middle";
    const last = this.bars.length - 1;
    const studies = [...this.layout.overlays, ...this.layout.panes].join(", ");
    ctx.fillText(
      `${this.init.symbol} · ${this.init.timeframe} · ${
        last >= 0 ? barTime(this.bars.ts[last], this.init.intraday) : ""
      }${studies ? " · " + studies : ""}`,
      8 * dpr,
      title / 2,
    );
    let y = title;
    for (const c of canvases) {
      ctx.drawImage(c, 0, y);
      y += c.height;
    }
    return new Promise((resolve, reject) =>
      out.toBlob(
        (b) => (b ? resolve(b) : reject(new Error("exportPng: canvas is empty"))),
        "image/png",
      )
    );
  }

  /** Re-reads the theme colours and redraws. */
  applyTheme(): void {
    Object.assign(this.theme, readTheme());
    this.#updateLegends(this.#lastIdx);
    this.redraw();
  }

  /** Removes the chart and its listeners. */
  destroy(): void {
    cancelAnimationFrame(this.#raf);
    this.#resize.disconnect();
    this.#detach();
    for (const p of this.panes) p.u.destroy();
    this.host.textContent = "";
  }
}

function studyValues(s: StudyDef, i: number): string {
  return s.lines
    .map((l) =>
      // The value in the text colour (a light line colour on a light background is unreadable),
      // the line's colour as a swatch before it.
      `<span class="tf-val"><span class="tf-swatch" style="background:${l.color}"></span>${
        s.lines.length > 1 ? esc(l.name) + " " : ""
      }${compact(l.values[i])}</span>`
    )
    .join(" ");
}

function studyRow(s: StudyDef): string {
  const spec = esc(s.spec);
  return `<div class="tf-legend-row" data-spec="${spec}"><span class="tf-legend-name">${
    esc(s.label)
  }</span> <span class="tf-vals"></span> <button type="button" data-act="configure" data-spec="${spec}" title="Configure ${spec}" aria-label="Configure ${spec}">⚙</button><button type="button" data-act="remove" data-spec="${spec}" title="Remove ${spec}" aria-label="Remove ${spec}">×</button></div>`;
}

/** About `count` evenly spaced "nice" values (1, 2, 2.5, 5 × 10^k) within [min, max]. */
function niceSplits(min: number, max: number, count: number): number[] {
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) out.push(+v.toPrecision(12));
  return out;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Creates a chart in `host` (which should have a height). */
export function createChart(host: HTMLElement, init: ChartInit): ChartEngine {
  return new ChartEngine(host, init);
}
