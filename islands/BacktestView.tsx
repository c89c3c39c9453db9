/**
 * One backtest's report: headline stats, equity against buy and hold, the underwater chart, a
 * candlestick chart with entry and exit markers, the monthly-returns heatmap, a sortable trade
 * log and CSV/JSON export. Used inside the backtester (BacktestLab) and alone, read-only, on
 * shared links (/share/{token}). Works from the data it is given; it never fetches.
 */
import { useSignal } from "@preact/signals";
import { useMemo } from "preact/hooks";
import uPlot from "uplot";
import { axes, fmtNumber, pct, themeColors, usePlot } from "./BacktestCharts.ts";
import {
  buyHoldCurve,
  buyHoldStart,
  equityToCsv,
  formatStat,
  monthlyReturns,
  type RunView,
  sortTrades,
  STAT_KEYS,
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

/**
 * Draws candles and trade markers in a uPlot draw hook: a long entry is an up triangle below the
 * price in --up, a short entry a down triangle above it in --down, an exit a ring in the text
 * colour (the legend under the chart says so).
 */
function candlePlugin(bars: BarsView, trades: readonly TradeRow[]): uPlot.Plugin {
  return {
    hooks: {
      draw: [(u: uPlot) => {
        const c = themeColors();
        const ctx = u.ctx;
        const [i0, i1] = [u.series[0].idxs?.[0] ?? 0, u.series[0].idxs?.[1] ?? bars.ts.length - 1];
        const w = Math.max(1, (u.bbox.width / Math.max(1, i1 - i0 + 1)) * 0.7);
        ctx.save();
        for (let i = i0; i <= i1; i++) {
          const x = u.valToPos(bars.ts[i] / 1000, "x", true);
          const o = u.valToPos(bars.open[i], "y", true);
          const cl = u.valToPos(bars.close[i], "y", true);
          const h = u.valToPos(bars.high[i], "y", true);
          const l = u.valToPos(bars.low[i], "y", true);
          ctx.strokeStyle = ctx.fillStyle = bars.close[i] >= bars.open[i] ? c.up : c.down;
          ctx.beginPath();
          ctx.moveTo(x, h);
          ctx.lineTo(x, l);
          ctx.stroke();
          ctx.fillRect(x - w / 2, Math.min(o, cl), w, Math.max(1, Math.abs(cl - o)));
        }
        const dpr = globalThis.devicePixelRatio || 1;
        const s = 6 * dpr;
        const entry = (t: number, p: number, long: boolean) => {
          const x = u.valToPos(t / 1000, "x", true);
          const y = u.valToPos(p, "y", true);
          // a long entry points up from below the price, a short one down from above it
          const tip = long ? y + 2 * dpr : y - 2 * dpr;
          const base = long ? tip + s * 1.5 : tip - s * 1.5;
          ctx.fillStyle = long ? c.up : c.down;
          ctx.strokeStyle = c.panel;
          ctx.lineWidth = dpr;
          ctx.beginPath();
          ctx.moveTo(x, tip);
          ctx.lineTo(x - s, base);
          ctx.lineTo(x + s, base);
          ctx.closePath();
          ctx.fill();
          ctx.stroke();
        };
        const exit = (t: number, p: number) => {
          const x = u.valToPos(t / 1000, "x", true);
          const y = u.valToPos(p, "y", true);
          ctx.strokeStyle = c.fg;
          ctx.lineWidth = 2 * dpr;
          ctx.beginPath();
          ctx.arc(x, y, 4 * dpr, 0, 2 * Math.PI);
          ctx.stroke();
        };
        for (const t of trades) {
          if (t.symbol !== bars.symbol) continue;
          entry(t.entryTime, t.entryPrice, t.side === "long");
          exit(t.exitTime, t.exitPrice);
        }
        ctx.restore();
      }],
    },
  };
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
  const candleData = useMemo<uPlot.AlignedData | null>(() => {
    if (!bars) return null;
    return [bars.ts.map((t) => t / 1000), bars.high, bars.low];
  }, [bars]);

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
  const candleRef = usePlot(candleData, () => ({
    height: 280,
    series: [
      {},
      { label: "High", show: true, stroke: "transparent", points: { show: false } },
      { label: "Low", show: true, stroke: "transparent", points: { show: false } },
    ],
    legend: { show: false },
    plugins: bars ? [candlePlugin(bars, run.trades)] : [],
    axes: axes(),
  }));

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
          <div ref={candleRef} id="bt-candles" class="chart" />
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
