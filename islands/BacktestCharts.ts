/**
 * uPlot helpers shared by the research islands (backtester, optimiser, walk-forward, Monte
 * Carlo): a hook that (re)draws a chart when its data changes, theme colours from the CSS
 * variables, a heatmap painter and variable-width histogram bars. Browser-only work happens in
 * effects, so the islands render on the server too.
 *
 * Every chart container gets `data-drawn` (draw count) and `data-sig` (a checksum of the data)
 * so browser tests can assert that a chart exists and changed.
 * @module
 */
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";

/** Colours of the current theme (read at draw time). */
export function themeColors() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v("--muted", "#888"),
    grid: v("--grid", "rgba(0,0,0,.1)"),
    accent: v("--accent", "#2563eb"),
    up: v("--up", "#16a34a"),
    down: v("--down", "#dc2626"),
    warn: v("--warn", "#b45309"),
    fg: v("--text", "#111"),
    panel: v("--panel", "#fff"),
  };
}

/** A palette for overlaid series. */
export const PALETTE = ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#06b6d4"];

/** A cheap checksum of chart data, for tests. */
export function dataSig(data: ArrayLike<ArrayLike<number | null>>): string {
  let h = 0;
  for (let s = 0; s < data.length; s++) {
    const col = data[s];
    for (let i = 0; i < col.length; i++) {
      const x = col[i];
      if (x === null || !Number.isFinite(x)) continue;
      h = (h * 31 + Math.round(x * 1000)) % 2147483647;
    }
  }
  return String(h);
}

/** Options for {@link usePlot}: everything but size and data. */
export type PlotOptions = Omit<uPlot.Options, "width" | "height"> & { height: number };

/**
 * Draws `data` with uPlot into the returned ref's element, recreating the chart whenever
 * `data` or `key` change and resizing with the element. Pass `null` to leave it empty.
 */
export function usePlot(
  data: uPlot.AlignedData | null,
  options: () => PlotOptions,
  key: unknown = null,
) {
  const ref = useRef<HTMLDivElement>(null);
  const count = useRef(0);
  useEffect(() => {
    const el = ref.current;
    if (!el || !data) return;
    const { height, ...rest } = options();
    const c = themeColors();
    el.textContent = "";
    const plot = new uPlot(
      {
        width: Math.max(200, el.clientWidth || 600),
        height,
        ...rest,
        axes: rest.axes ?? [
          { stroke: c.text, grid: { stroke: c.grid } },
          { stroke: c.text, grid: { stroke: c.grid }, size: 60 },
        ],
      },
      data,
      el,
    );
    count.current++;
    el.dataset.drawn = String(count.current);
    el.dataset.sig = dataSig(data as ArrayLike<ArrayLike<number | null>>);
    const resize = new ResizeObserver(() => {
      const w = el.clientWidth;
      if (w > 0) plot.setSize({ width: w, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, key]);
  return ref;
}

/** Standard axes in theme colours; `yFmt` formats the y ticks. */
export function axes(yFmt?: (v: number) => string, xTime = true): uPlot.Axis[] {
  const c = themeColors();
  return [
    {
      stroke: c.text,
      grid: { stroke: c.grid },
      ...(xTime ? {} : { values: (_u: uPlot, v: number[]) => v.map((x) => String(x)) }),
    },
    {
      stroke: c.text,
      grid: { stroke: c.grid },
      size: 64,
      ...(yFmt && { values: (_u: uPlot, v: number[]) => v.map(yFmt) }),
    },
  ];
}

/** Bars path builder (uPlot's own), for histograms. */
export function barsPath(size = 0.9): uPlot.Series.PathBuilder {
  return uPlot.paths.bars!({ size: [size, 100] });
}

/** Stepped path builder (a histogram drawn from bin edges). */
export function steppedPath(): uPlot.Series.PathBuilder {
  return uPlot.paths.stepped!({ align: 1 });
}

/**
 * Paints a heatmap (rows `z[j]`, columns `xs`) on a canvas: colour from low (red) to high
 * (green) over the finite values, grey for null; returns the [min, max] used.
 */
export function paintHeatmap(
  canvas: HTMLCanvasElement,
  z: (number | null)[][],
  width: number,
  height: number,
): [number, number] {
  const dpr = globalThis.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d")!;
  ctx.scale(dpr, dpr);
  let lo = Infinity, hi = -Infinity;
  for (const row of z) {
    for (const v of row) {
      if (v !== null && Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  const rows = z.length, cols = rows ? z[0].length : 0;
  const cw = width / Math.max(1, cols), ch = height / Math.max(1, rows);
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const v = z[j][i];
      if (v === null || !Number.isFinite(v)) ctx.fillStyle = "rgba(128,128,128,0.25)";
      else {
        const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
        ctx.fillStyle = `hsl(${Math.round(t * 120)}, 70%, ${45 + 10 * (1 - t)}%)`;
      }
      // row 0 at the bottom, like a chart
      ctx.fillRect(i * cw, height - (j + 1) * ch, Math.ceil(cw), Math.ceil(ch));
    }
  }
  return [lo, hi];
}

/** Formats a percentage with a sign. */
export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "–" : `${x.toFixed(digits)}%`;
}

/** Formats a number; null/NaN as an en dash. */
export function num(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(digits);
}
