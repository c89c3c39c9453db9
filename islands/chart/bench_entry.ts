// Browser entry of the chart benchmark (lib/chart/chart_bench.ts bundles it with esbuild and
// drives it in headless Chromium). Not part of the islands bundle.
import type { BarSeries } from "../../lib/domain/bar.ts";
import { createChart, type TradeMarker } from "./engine.ts";
import { DEFAULT_LAYOUT } from "../../lib/chart/layout.ts";

function syntheticBars(n: number, seed = 7): BarSeries {
  let s = seed;
  const rand = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const ts = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let p = 100;
  const t0 = Date.UTC(2000, 0, 3);
  for (let i = 0; i < n; i++) {
    ts[i] = t0 + i * 60_000;
    open[i] = p;
    p *= 1 + (rand() - 0.5) * 0.004;
    close[i] = p;
    high[i] = Math.max(open[i], close[i]) * (1 + rand() * 0.001);
    low[i] = Math.min(open[i], close[i]) * (1 - rand() * 0.001);
    volume[i] = 1000 + Math.round(rand() * 1000);
  }
  return { length: n, ts, open, high, low, close, volume };
}

function host(): HTMLElement {
  document.body.textContent = "";
  const el = document.createElement("div");
  el.style.cssText = "width:1280px;height:720px;position:relative";
  document.body.append(el);
  return el;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Time from typed arrays ready to the end of the first draw of every pane, ms. */
async function firstPaint(n: number, view: "all" | "recent"): Promise<number> {
  const bars = syntheticBars(n);
  const el = host();
  const t0 = performance.now();
  const chart = createChart(el, {
    symbol: "BENCH",
    timeframe: "1m",
    intraday: true,
    bars,
    layout: DEFAULT_LAYOUT,
    initialView: view,
  });
  await chart.ready;
  const ms = performance.now() - t0;
  chart.destroy();
  return ms;
}

/** Per-frame times of zoom and pan steps over n bars with m trade markers. */
async function panZoom(n: number, m: number, frames = 60) {
  const bars = syntheticBars(n);
  const markers: TradeMarker[] = [];
  for (let j = 0; j < m; j++) {
    const i = Math.floor(((j + 0.5) / m) * n);
    markers.push({ ts: bars.ts[i], price: bars.close[i], side: j % 2 ? "sell" : "buy" });
  }
  const chart = createChart(host(), {
    symbol: "BENCH",
    timeframe: "1m",
    intraday: true,
    bars,
    layout: DEFAULT_LAYOUT,
    markers,
    initialView: "all",
  });
  await chart.ready;
  const times: number[] = [];
  for (let f = 0; f < frames; f++) {
    const t0 = performance.now();
    // zoom in towards the middle for a third, pan for a third, zoom back out for a third
    if (f < frames / 3) chart.zoom(0.8, n / 2);
    else if (f < (2 * frames) / 3) chart.pan((chart.view.xMax - chart.view.xMin) * 0.05);
    else chart.zoom(1.35, n / 2);
    chart.renderNow();
    times.push(performance.now() - t0);
    await new Promise((r) => requestAnimationFrame(r));
  }
  // a frame with everything visible
  const t0 = performance.now();
  chart.fitAll();
  chart.renderNow();
  const all = performance.now() - t0;
  chart.destroy();
  const sorted = [...times].sort((a, b) => a - b);
  return { median: median(times), p95: sorted[Math.floor(sorted.length * 0.95)], all };
}

(globalThis as unknown as { tfBench: unknown }).tfBench = { firstPaint, panZoom };
document.documentElement.dataset.bench = "ready";
