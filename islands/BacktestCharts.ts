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
import { useEffect, useRef, useState } from "preact/hooks";
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

/**
 * `color` (a CSS hex `#rgb`/`#rrggbb` or `rgb(...)` colour, as the theme variables are) at
 * opacity `alpha` (0–1), as `rgba(...)`; other colour syntaxes are returned unchanged.
 *
 * @example
 * ```ts
 * withAlpha("#c81e1e", 0.5); // "rgba(200,30,30,0.5)"
 * ```
 */
export function withAlpha(color: string, alpha: number): string {
  const c = color.trim();
  let rgb: number[] | null = null;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c);
  if (hex) {
    const h = hex[1].length === 3 ? hex[1].replace(/./g, (d) => d + d) : hex[1];
    rgb = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  } else {
    const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(c);
    if (m) rgb = [m[1], m[2], m[3]].map(Number);
  }
  return rgb ? `rgba(${rgb.join(",")},${alpha})` : c;
}

/**
 * Decimals that show every tick of a scale stepping by `incr` without noise: 0 for steps of 1 or
 * more, else enough to show the step's first significant digit (0.25 -> 2, 0.1 -> 1).
 */
export function tickDecimals(incr: number): number {
  if (!Number.isFinite(incr) || incr <= 0 || incr >= 1) return 0;
  for (let d = 1; d < 12; d++) {
    if (Math.abs(Math.round(incr * 10 ** d) - incr * 10 ** d) < 1e-6 * 10 ** d * incr) return d;
  }
  return 12;
}

/**
 * Axis tick labels with the same number of decimals for every tick, taken from the tick step
 * (`foundIncr` in uPlot's `values` callback), with thousands separators: `0`, `200`, `800` for a
 * step of 200; `0.50`, `0.75`, `1.00` for a step of 0.25.
 */
export function tickLabels(splits: readonly number[], incr: number, suffix = ""): string[] {
  const d = tickDecimals(incr);
  return splits.map((v) =>
    v === null || !Number.isFinite(v) ? "" : fmtNumber(Math.abs(v) < incr * 1e-9 ? 0 : v, d) +
      suffix
  );
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
  const theme = useThemeVersion();
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
  }, [data, key, theme]);
  return ref;
}

/**
 * A counter that changes whenever the page's colours may have changed: the `data-theme`
 * attribute of `<html>` or, for the automatic theme, the system's light/dark preference. Charts
 * that read the CSS variables redraw when it changes.
 */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const mo = new MutationObserver(bump);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    const mq = globalThis.matchMedia?.("(prefers-color-scheme: dark)");
    mq?.addEventListener("change", bump);
    return () => {
      mo.disconnect();
      mq?.removeEventListener("change", bump);
    };
  }, []);
  return version;
}

/**
 * Standard axes in theme colours; `yFmt` formats the y ticks (default: {@link tickLabels}, the
 * same decimals for every tick).
 */
export function axes(yFmt?: (v: number) => string, xTime = true): uPlot.Axis[] {
  const c = themeColors();
  return [
    {
      stroke: c.text,
      grid: { stroke: c.grid },
      ...(xTime ? {} : {
        values: (_u: uPlot, v: number[], _i: number, _s: number, incr: number) =>
          tickLabels(v, incr),
      }),
    },
    {
      stroke: c.text,
      grid: { stroke: c.grid },
      size: 64,
      values: yFmt
        ? (_u: uPlot, v: number[]) => v.map(yFmt)
        : (_u: uPlot, v: number[], _i: number, _s: number, incr: number) => tickLabels(v, incr),
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

/**
 * Formats a number with thousands separators and exactly `digits` decimals (`12,571.57`); null
 * and NaN as an en dash. Negative numbers keep an ASCII minus so the text parses back.
 */
export function fmtNumber(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const s = x.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return s === "-0" || /^-0\.0*$/.test(s) ? s.slice(1) : s;
}
