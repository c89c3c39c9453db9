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

/** Chart height in CSS pixels (the legend comes on top). */
const HEIGHT = 220;

/**
 * Decimals for prices of this size: 2 from 10 up (stocks, indices), 4 from 1 to 10 (FX majors
 * such as EURUSD 1.2340), 5 below 1.
 */
export function priceDigits(values: readonly number[]): number {
  let hi = 0;
  for (const v of values) if (Number.isFinite(v) && Math.abs(v) > hi) hi = Math.abs(v);
  return hi >= 10 ? 2 : hi >= 1 ? 4 : 5;
}

/** Last close, its change against the previous close and over the whole window, in percent. */
export function quote(
  close: readonly number[],
): { last: number; day: number; window: number } | null {
  const finite = close.filter((v) => Number.isFinite(v));
  if (finite.length < 2) return null;
  const last = finite[finite.length - 1];
  return {
    last,
    day: (last / finite[finite.length - 2] - 1) * 100,
    window: (last / finite[0] - 1) * 100,
  };
}

/** Unix ms as a UTC date, or date and minute for intraday bars. */
function stampUtc(ms: number, intraday: boolean): string {
  const iso = new Date(ms).toISOString();
  return intraday ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}

function signed(x: number): string {
  return `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}%`;
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

  // Draw (or redraw) the chart whenever the data changes, browser only. Colours come from the
  // theme's CSS variables (a theme switch reloads the page, so reading them once is enough).
  useEffect(() => {
    if (!hydrated.value || !el.current) return;
    let destroyed = false;
    let plot: uPlot | null = null;
    let cleanup = () => {};
    import("uplot").then(({ default: uPlot }) => {
      if (destroyed || !el.current) return;
      const css = getComputedStyle(document.documentElement);
      const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
      const text = v("--muted", "#888");
      const grid = v("--grid", "rgba(0,0,0,.1)");
      const d = data.value;
      const digits = priceDigits(d.close);
      const intraday = d.ts.length > 1 &&
        d.ts[d.ts.length - 1] - d.ts[d.ts.length - 2] < 86_400_000;
      const price = (x: number | null) =>
        x === null || !Number.isFinite(x) ? "–" : x.toFixed(digits);
      el.current.textContent = "";
      plot = new uPlot(
        {
          width: el.current.clientWidth || 600,
          height: HEIGHT,
          legend: { show: true },
          cursor: { y: false },
          scales: { x: { time: true } },
          series: [{
            label: "Time",
            value: (_u, t) => t === null ? "–" : stampUtc(t * 1000, intraday),
          }, {
            label: d.symbol,
            stroke: v("--accent", "#2563eb"),
            width: 1.5,
            value: (_u, x) => price(x),
          }],
          axes: [
            { stroke: text, grid: { stroke: grid }, ticks: { stroke: grid } },
            {
              stroke: text,
              grid: { stroke: grid },
              ticks: { stroke: grid },
              size: digits > 2 ? 64 : 56,
              values: (_u, splits) => splits.map((x) => x.toFixed(digits > 2 ? digits - 1 : 0)),
            },
          ],
        },
        [d.ts.map((t) => t / 1000), d.close],
        el.current,
      );
      status.value = "ready";
      const resize = new ResizeObserver(() => {
        if (plot && el.current) plot.setSize({ width: el.current.clientWidth, height: HEIGHT });
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

  const q = quote(data.value.close);
  const digits = priceDigits(data.value.close);
  return (
    <div
      class="market-pulse panel"
      data-status={status.value}
      aria-busy={status.value === "loading"}
    >
      <div class="pulse-head">
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
        {q && status.value !== "loading" && status.value !== "error" && (
          <div class="pulse-quote" id="pulse-quote">
            <span class="pulse-last">{q.last.toFixed(digits)}</span>
            <span class={q.day >= 0 ? "up" : "down"} title="Change on the previous close">
              {signed(q.day)}
            </span>
            <span class="muted">
              <span class={q.window >= 0 ? "up" : "down"}>{signed(q.window)}</span> since{" "}
              {new Date(data.value.ts[0]).toISOString().slice(0, 10)}
            </span>
          </div>
        )}
        <a class="button" href={`/chart/${encodeURIComponent(symbol.value)}`}>Open chart</a>
        <p
          class={`pulse-status ${status.value === "error" ? "down" : "muted"}`}
          id="pulse-status"
          data-status={status.value}
          role="status"
        >
          {status.value === "loading"
            ? "Loading…"
            : status.value === "error"
            ? "Could not load bars for " + symbol.value
            : symbols.find((s) => s.symbol === symbol.value)?.description}
        </p>
      </div>
      <div ref={el} id="pulse-chart" class="chart pulse-chart">
        {!hydrated.value && (
          <Sparkline
            values={initial.close}
            width={600}
            height={HEIGHT}
            label={`${initial.symbol} closes`}
            fluid
          />
        )}
      </div>
    </div>
  );
}
