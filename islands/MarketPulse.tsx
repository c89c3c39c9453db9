/**
 * Home page island: pick a symbol and see its price history as an interactive uPlot chart.
 * Server-rendered as a select plus an SVG sparkline, so it reads without JS.
 */
import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import type uPlot from "uplot";
import Sparkline from "./Sparkline.tsx";

export interface MarketPulseProps {
  symbols: { symbol: string; description: string }[];
  initial: { symbol: string; ts: number[]; close: number[] };
}

export default function MarketPulse({ symbols, initial }: MarketPulseProps) {
  const symbol = useSignal(initial.symbol);
  const status = useSignal<"idle" | "loading" | "ready" | "error">("idle");
  const data = useSignal(initial);
  const el = useRef<HTMLDivElement>(null);
  const hydrated = useSignal(false);

  useEffect(() => {
    hydrated.value = true;
  }, []);

  // Draw (or redraw) the chart whenever the data changes, browser only.
  useEffect(() => {
    if (!hydrated.value || !el.current) return;
    let destroyed = false;
    let plot: uPlot | null = null;
    let cleanup = () => {};
    import("uplot").then(({ default: uPlot }) => {
      if (destroyed || !el.current) return;
      const css = getComputedStyle(document.documentElement);
      const text = css.getPropertyValue("--muted").trim() || "#888";
      const grid = css.getPropertyValue("--grid").trim() || "rgba(0,0,0,.1)";
      const d = data.value;
      el.current.textContent = "";
      plot = new uPlot(
        {
          width: el.current.clientWidth || 600,
          height: 220,
          legend: { show: true },
          scales: { x: { time: true } },
          series: [{}, {
            label: d.symbol,
            stroke: css.getPropertyValue("--accent").trim(),
            width: 1.5,
          }],
          axes: [
            { stroke: text, grid: { stroke: grid } },
            { stroke: text, grid: { stroke: grid }, size: 60 },
          ],
        },
        [d.ts.map((t) => t / 1000), d.close],
        el.current,
      );
      status.value = "ready";
      const resize = new ResizeObserver(() => {
        if (plot && el.current) plot.setSize({ width: el.current.clientWidth, height: 220 });
      });
      resize.observe(el.current);
      cleanup = () => resize.disconnect();
    });
    return () => {
      destroyed = true;
      cleanup();
      plot?.destroy();
    };
  }, [data.value, hydrated.value]);

  async function choose(next: string) {
    symbol.value = next;
    status.value = "loading";
    try {
      const res = await fetch(`/api/v1/bars/${encodeURIComponent(next)}?last=1000`);
      if (!res.ok) throw new Error(String(res.status));
      const body = await res.json();
      data.value = { symbol: next, ts: body.ts, close: body.close };
    } catch {
      status.value = "error";
    }
  }

  return (
    <div class="market-pulse panel">
      <div class="form-row">
        <label>
          Symbol
          <select
            id="pulse-symbol"
            value={symbol.value}
            onChange={(e) => choose(e.currentTarget.value)}
          >
            {symbols.map((s) => <option value={s.symbol}>{s.symbol}</option>)}
          </select>
        </label>
        <span class="muted" id="pulse-status" data-status={status.value}>
          {status.value === "loading"
            ? "Loading…"
            : status.value === "error"
            ? "Could not load bars"
            : symbols.find((s) => s.symbol === symbol.value)?.description}
        </span>
        <a class="button" href={`/chart/${encodeURIComponent(symbol.value)}`}>Open chart</a>
      </div>
      <div ref={el} id="pulse-chart" class="chart">
        {!hydrated.value && (
          <Sparkline
            values={initial.close}
            width={600}
            height={120}
            label={`${initial.symbol} closes`}
          />
        )}
      </div>
    </div>
  );
}
