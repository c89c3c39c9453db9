/**
 * One backtest's report: headline stats, equity against buy and hold, the underwater chart, a
 * candlestick chart with entry and exit markers, the monthly-returns heatmap, a sortable trade
 * log and CSV/JSON export. Used inside the backtester (BacktestLab) and alone, read-only, on
 * shared links (/share/{token}). Works from the data it is given; it never fetches.
 */
import { useSignal } from "@preact/signals";
import { useEffect, useMemo, useRef } from "preact/hooks";
import uPlot from "uplot";
import { axes, dataSig, fmtNumber, pct, themeColors, usePlot } from "./BacktestCharts.ts";
import type { ChartEngine } from "./chart/engine.ts";
import {
  buyHoldCurve,
  buyHoldStart,
  equityToCsv,
  formatStat,
  monthlyReturns,
  type RunView,
  sortTrades,
  STAT_KEYS,
  tradeMarkers,
  type TradeRow,
  tradesToCsv,
} from "./BacktestReport.ts";

/** OHLC columns of the first symbol, for the candlestick chart and buy and hold. */
export interface BarsView {
  symbol: string;
  ts: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  /** Optional; the chart's legend shows it when present. */
  volume?: number[];
}

export interface BacktestViewProps {
  run: RunView;
  bars: BarsView | null;
}

/** Labels for the stats table. */
export const STAT_LABELS: Record<string, string> = {
  returnPct: "Return %",
  buyHoldReturnPct: "Buy & hold %",
  returnAnnPct: "Return (ann.) %",
  cagrPct: "CAGR %",
  volatilityAnnPct: "Volatility (ann.) %",
  sharpe: "Sharpe",
  sortino: "Sortino",
  calmar: "Calmar",
  maxDrawdownPct: "Max drawdown %",
  avgDrawdownPct: "Avg drawdown %",
  maxDrawdownDurationDays: "Max DD duration (days)",
  trades: "Trades",
  winRatePct: "Win rate %",
  bestTradePct: "Best trade %",
  worstTradePct: "Worst trade %",
  avgTradePct: "Avg trade %",
  profitFactor: "Profit factor",
  expectancyPct: "Expectancy %",
  sqn: "SQN",
  exposurePct: "Exposure %",
  equityFinal: "Final equity",
  commissionsPaid: "Commissions",
};

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const DAY_MS = 86_400_000;

/** A timeframe label from bar spacing: "1D" for daily bars, else minutes or hours ("15m", "1h"). */
function timeframeOf(ts: readonly number[]): { label: string; intraday: boolean } {
  const intraday = ts.some((t) => t % DAY_MS !== 0);
  let step = Infinity;
  for (let i = 1; i < Math.min(ts.length, 50); i++) step = Math.min(step, ts[i] - ts[i - 1]);
  if (!intraday || !Number.isFinite(step)) return { label: "1D", intraday };
  const min = Math.round(step / 60_000);
  return { label: min % 60 === 0 ? `${min / 60}h` : `${min}m`, intraday };
}

/**
 * The price chart: the chart workstation's engine (islands/chart/engine.ts, loaded on demand)
 * with the run's trade markers, zoomable (wheel, drag, pinch, keys), first fitting the whole run.
 * The container gets `data-sig` (bars and markers checksum) and the engine sets `data-markers`
 * (glyphs drawn) and `data-ready`.
 */
function PriceChart({ bars, trades }: { bars: BarsView; trades: readonly TradeRow[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartEngine | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let dead = false;
    let stopTheme = () => {};
    const markers = tradeMarkers(trades, bars.symbol);
    el.dataset.sig = dataSig([bars.close, markers.map((m) => m.price)]);
    Promise.all([import("./chart/engine.ts"), import("./chart/theme.ts")]).then(
      ([{ createChart }, { watchTheme }]) => {
        if (dead) return;
        const n = bars.ts.length;
        const tf = timeframeOf(bars.ts);
        chart.current = createChart(el, {
          symbol: bars.symbol,
          timeframe: tf.label,
          intraday: tf.intraday,
          bars: {
            length: n,
            ts: Float64Array.from(bars.ts),
            open: Float64Array.from(bars.open),
            high: Float64Array.from(bars.high),
            low: Float64Array.from(bars.low),
            close: Float64Array.from(bars.close),
            volume: bars.volume ? Float64Array.from(bars.volume) : new Float64Array(n),
          },
          layout: { overlays: [], panes: [], scale: "linear", volume: false },
          markers,
          initialView: "all",
        });
        stopTheme = watchTheme(() => chart.current?.applyTheme());
      },
    );
    return () => {
      dead = true;
      stopTheme();
      chart.current?.destroy();
      chart.current = null;
    };
  }, [bars, trades]);
  return (
    <>
      <div class="form-row bt-chart-tools">
        <span class="muted small">
          Scroll or pinch to zoom, drag to pan; double-click or 0 shows the whole run.
        </span>
        <button
          type="button"
          id="bt-candles-fit"
          onClick={() => chart.current?.fitAll()}
        >
          Whole run
        </button>
      </div>
      <div
        ref={ref}
        id="bt-candles"
        class="chart bt-price-chart"
        role="figure"
        aria-label={`${bars.symbol} candles with trade entries and exits`}
      />
    </>
  );
}

/** Trade-log columns shown right-aligned (numbers; dates and text stay left). */
const NUM_COLS = new Set<keyof TradeRow>([
  "size",
  "entryPrice",
  "exitPrice",
  "pnl",
  "returnPct",
  "durationDays",
]);

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const TRADE_COLS: [keyof TradeRow, string][] = [
  ["symbol", "Symbol"],
  ["side", "Side"],
  ["entryTime", "Entry"],
  ["exitTime", "Exit"],
  ["size", "Size"],
  ["entryPrice", "Entry px"],
  ["exitPrice", "Exit px"],
  ["pnl", "PnL"],
  ["returnPct", "Return %"],
  ["durationDays", "Days"],
  ["exitReason", "Exit reason"],
];

export default function BacktestView({ run, bars }: BacktestViewProps) {
  const sortKey = useSignal<keyof TradeRow>("entryTime");
  const sortDir = useSignal<"asc" | "desc">("asc");
  const time = run.equity.map((r) => r.time);
  const equity = run.equity.map((r) => r.equity ?? NaN);
  const cash = equity[0] ?? 10_000;

  const eqData = useMemo<uPlot.AlignedData>(() => {
    const x = time.map((t) => t / 1000);
    const bh = bars && bars.close.length === time.length
      ? buyHoldCurve(bars.close, buyHoldStart(bars.close, run.stats.buyHoldReturnPct), cash)
      : time.map(() => NaN);
    return [x, equity, bh];
  }, [run, bars]);
  const ddData = useMemo<uPlot.AlignedData>(
    () => [time.map((t) => t / 1000), run.equity.map((r) => r.drawdownPct ?? 0)],
    [run],
  );

  const eqRef = usePlot(eqData, () => {
    const c = themeColors();
    return {
      height: 260,
      series: [
        {},
        { label: "Strategy", stroke: c.accent, width: 2 },
        { label: "Buy & hold", stroke: c.warn, width: 1.5, dash: [6, 4] },
      ],
      axes: axes((v) => v.toLocaleString("en-US", { maximumFractionDigits: 0 })),
    };
  });
  const ddRef = usePlot(ddData, () => {
    const c = themeColors();
    return {
      height: 140,
      series: [{}, { label: "Drawdown %", stroke: c.down, fill: c.down + "33", width: 1 }],
      axes: axes((v) => `${v.toFixed(0)}%`),
    };
  });
  const monthly = useMemo(() => monthlyReturns(time, equity), [run]);
  const trades = useMemo(
    () => sortTrades(run.trades, sortKey.value, sortDir.value),
    [run, sortKey.value, sortDir.value],
  );
  const sortBy = (k: keyof TradeRow) => {
    if (sortKey.value === k) sortDir.value = sortDir.value === "asc" ? "desc" : "asc";
    else {
      sortKey.value = k;
      sortDir.value = "asc";
    }
  };
  const base = (run.name ?? run.strategy).replace(/[^\w.-]+/g, "_");
  const s = run.stats;

  return (
    <div class="backtest-view research" data-run={run.id ?? ""}>
      <div class="cards" id="bt-cards">
        {(["returnPct", "sharpe", "maxDrawdownPct", "trades", "winRatePct", "sqn"] as const).map(
          (k) => (
            <div class="metric">
              <span class="label">{STAT_LABELS[k]}</span>
              <span class="value" data-stat={k}>
                {formatStat(k, s[k])}
              </span>
            </div>
          ),
        )}
      </div>
      <section class="panel">
        <h2>Equity and buy & hold</h2>
        <div ref={eqRef} id="bt-equity" class="chart" />
        <h3>Underwater (drawdown)</h3>
        <div ref={ddRef} id="bt-drawdown" class="chart" />
      </section>
      {bars && (
        <section class="panel">
          <h2>{bars.symbol}: trade entries and exits</h2>
          <PriceChart bars={bars} trades={run.trades} />
          <ul class="chart-key" id="bt-candles-key">
            <li>
              <span class="key-mark long" aria-hidden="true">▲</span> long entry
            </li>
            <li>
              <span class="key-mark short" aria-hidden="true">▼</span> short entry
            </li>
            <li>
              <span class="key-mark exit" aria-hidden="true">○</span> exit
            </li>
          </ul>
        </section>
      )}
      <div class="research-2col report-tables">
        <section class="panel">
          <h2>Statistics</h2>
          <div class="table-wrap">
            <table id="bt-stats">
              <tbody>
                {STAT_KEYS.map((k) => (
                  <tr>
                    <td>{STAT_LABELS[k]}</td>
                    <td class="num">{formatStat(k, s[k])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section class="panel monthly-panel">
          <h2>Monthly returns %</h2>
          <div class="table-wrap">
            <table class="calendar" id="bt-monthly">
              <thead>
                <tr>
                  <th>Year</th>
                  {MONTHS.map((m) => <th class="num">{m}</th>)}
                  <th class="num">Total</th>
                </tr>
              </thead>
              <tbody>
                {monthly.years.map((y, yi) => (
                  <tr>
                    <td>{y}</td>
                    {monthly.cells[yi].map((v) => (
                      <td
                        class="num"
                        style={v === null ? undefined : {
                          background: `color-mix(in srgb, var(${v >= 0 ? "--up" : "--down"}) ${
                            Math.round(Math.min(55, (Math.abs(v) / 15) * 55))
                          }%, transparent)`,
                        }}
                      >
                        {v === null ? "" : v.toFixed(1)}
                      </td>
                    ))}
                    <td class="num">
                      <strong>{monthly.yearTotals[yi].toFixed(1)}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
      <section class="panel">
        <div class="form-row">
          <h2 style={{ marginRight: "auto" }}>Trades ({run.trades.length})</h2>
          <button
            type="button"
            id="bt-export-trades"
            onClick={() => download(`${base}_trades.csv`, "text/csv", tradesToCsv(run.trades))}
          >
            Trades CSV
          </button>
          <button
            type="button"
            id="bt-export-equity"
            onClick={() => download(`${base}_equity.csv`, "text/csv", equityToCsv(run.equity))}
          >
            Equity CSV
          </button>
          <button
            type="button"
            id="bt-export-json"
            onClick={() =>
              download(`${base}.json`, "application/json", JSON.stringify(run, null, 1))}
          >
            JSON
          </button>
        </div>
        <div class="table-wrap trade-log">
          <table id="bt-trades">
            <thead>
              <tr>
                {TRADE_COLS.map(([k, label]) => (
                  <th
                    class={"sortable" + (NUM_COLS.has(k) ? " num" : "")}
                    data-key={k}
                    aria-sort={sortKey.value === k
                      ? (sortDir.value === "asc" ? "ascending" : "descending")
                      : undefined}
                    onClick={() => sortBy(k)}
                  >
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {trades.slice(0, 500).map((t) => (
                <tr>
                  <td>{t.symbol}</td>
                  <td>{t.side}</td>
                  <td>{new Date(t.entryTime).toISOString().slice(0, 10)}</td>
                  <td>{new Date(t.exitTime).toISOString().slice(0, 10)}</td>
                  <td class="num">{fmtNumber(t.size, Number.isInteger(t.size) ? 0 : 4)}</td>
                  <td class="num">{fmtNumber(t.entryPrice)}</td>
                  <td class="num">{fmtNumber(t.exitPrice)}</td>
                  <td class={"num " + (t.pnl >= 0 ? "pos" : "neg")}>{fmtNumber(t.pnl)}</td>
                  <td class="num">{pct(t.returnPct, 2)}</td>
                  <td class="num">{fmtNumber(t.durationDays, 0)}</td>
                  <td>{t.exitReason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {trades.length > 500 && (
          <p class="muted small">First 500 of {fmtNumber(trades.length, 0)}; export for all.</p>
        )}
      </section>
    </div>
  );
}
