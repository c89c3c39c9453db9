/**
 * Pure helpers behind the backtest report (isomorphic, tested in BacktestReport_test.ts):
 * monthly returns, the buy-and-hold curve, CSV export, the stats diff of compared runs and
 * trade-log sorting.
 * @module
 */

/** A stored run as the API returns it (times unix ms; NaN stats arrive as null). */
export interface RunView {
  id?: string;
  name?: string;
  strategy: string;
  params: Record<string, unknown>;
  symbols: string[];
  stats: Record<string, number | null>;
  trades: TradeRow[];
  equity: { time: number; equity: number | null; drawdownPct: number | null }[];
  /** Per symbol: first bar with all indicators defined (buy & hold starts there). */
  warmups?: number[];
}

/** One trade row. */
export interface TradeRow {
  symbol: string;
  side: "long" | "short";
  size: number;
  entryBar: number;
  exitBar: number;
  entryTime: number;
  exitTime: number;
  entryPrice: number;
  exitPrice: number;
  pnl: number;
  returnPct: number;
  commission: number;
  durationDays: number;
  exitReason: string;
  mfePct: number;
  maePct: number;
}

/** Monthly returns: rows of years, 12 month columns, and the year's compounded return (%). */
export interface MonthlyReturns {
  years: number[];
  /** `cells[y][m]` return of month m (0 = January) in percent, null when not covered. */
  cells: (number | null)[][];
  yearTotals: number[];
}

/**
 * Month-by-month returns of an equity curve: each month's last equity over the previous month's
 * last equity (the first month over the first value), in percent.
 *
 * @example
 * ```ts
 * monthlyReturns([Date.UTC(2024,0,2), Date.UTC(2024,0,31), Date.UTC(2024,1,29)], [100, 110, 99]);
 * // { years: [2024], cells: [[10, -10, null, ...]], yearTotals: [-1] }
 * ```
 */
export function monthlyReturns(time: readonly number[], equity: readonly number[]): MonthlyReturns {
  const ends: { y: number; m: number; e: number }[] = [];
  for (let i = 0; i < time.length; i++) {
    const d = new Date(time[i]);
    const y = d.getUTCFullYear(), m = d.getUTCMonth();
    const last = ends[ends.length - 1];
    if (last && last.y === y && last.m === m) last.e = equity[i];
    else ends.push({ y, m, e: equity[i] });
  }
  const years = [...new Set(ends.map((e) => e.y))];
  const cells = years.map(() => new Array<number | null>(12).fill(null));
  const growth = years.map(() => 1);
  let prev = equity[0];
  for (const { y, m, e } of ends) {
    const r = e / prev - 1;
    const yi = years.indexOf(y);
    cells[yi][m] = r * 100;
    growth[yi] *= 1 + r;
    prev = e;
  }
  return { years, cells, yearTotals: growth.map((g) => (g - 1) * 100) };
}

/**
 * Buy and hold of `close` from bar `start` with `cash`: `cash` before it, then
 * `cash × close[i] / close[start]` (fractional units, no costs).
 */
export function buyHoldCurve(close: readonly number[], start: number, cash: number): number[] {
  const s = Math.max(0, Math.min(start, close.length - 1));
  return close.map((c, i) => (i < s ? cash : (cash * c) / close[s]));
}

/**
 * The bar buy and hold starts at, recovered from the run's `buyHoldReturnPct` (measured from the
 * close of the strategy's warm-up bar to the last close): the first `w` with
 * `(close[n−1] / close[w] − 1) × 100` equal to it (relative 1e-9), else 0.
 */
export function buyHoldStart(close: readonly number[], buyHoldReturnPct: number | null): number {
  const n = close.length;
  if (n === 0 || buyHoldReturnPct === null || !Number.isFinite(buyHoldReturnPct)) return 0;
  for (let w = 0; w < n; w++) {
    const r = ((close[n - 1] - close[w]) / close[w]) * 100;
    if (Math.abs(r - buyHoldReturnPct) <= 1e-9 * Math.max(1, Math.abs(buyHoldReturnPct))) return w;
  }
  return 0;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Trades as CSV (ISO times), one row per trade. */
export function tradesToCsv(trades: readonly TradeRow[]): string {
  const cols: (keyof TradeRow)[] = [
    "symbol",
    "side",
    "size",
    "entryTime",
    "exitTime",
    "entryPrice",
    "exitPrice",
    "pnl",
    "returnPct",
    "commission",
    "durationDays",
    "exitReason",
    "mfePct",
    "maePct",
  ];
  const lines = [cols.join(",")];
  for (const t of trades) {
    lines.push(
      cols.map((c) =>
        c === "entryTime" || c === "exitTime"
          ? new Date(t[c] as number).toISOString()
          : csvCell(t[c])
      ).join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/** The equity curve as CSV: `time,equity,drawdownPct`. */
export function equityToCsv(rows: RunView["equity"]): string {
  return "time,equity,drawdownPct\n" +
    rows.map((r) =>
      `${new Date(r.time).toISOString()},${csvCell(r.equity)},${csvCell(r.drawdownPct)}`
    ).join("\n") + "\n";
}

/** Stats compared across runs: one row per stat, values per run and `last − first`. */
export function statsDiff(
  runs: readonly Pick<RunView, "stats">[],
  keys: readonly string[],
): { key: string; values: (number | null)[]; diff: number | null }[] {
  return keys.map((key) => {
    const values = runs.map((r) => {
      const v = r.stats[key];
      return typeof v === "number" && Number.isFinite(v) ? v : null;
    });
    const a = values[0], b = values[values.length - 1];
    return { key, values, diff: runs.length > 1 && a !== null && b !== null ? b - a : null };
  });
}

/** Trades sorted by a column (stable; nulls last). */
export function sortTrades(
  trades: readonly TradeRow[],
  key: keyof TradeRow,
  dir: "asc" | "desc",
): TradeRow[] {
  const sign = dir === "asc" ? 1 : -1;
  return trades.map((t, i) => [t, i] as const).sort(([a, ia], [b, ib]) => {
    const x = a[key], y = b[key];
    if (x === y) return ia - ib;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    const c = typeof x === "number" && typeof y === "number"
      ? x - y
      : String(x).localeCompare(String(y));
    return c * sign || ia - ib;
  }).map(([t]) => t);
}

/** The headline stats shown in the report and the comparison, in order. */
export const STAT_KEYS = [
  "returnPct",
  "buyHoldReturnPct",
  "returnAnnPct",
  "cagrPct",
  "volatilityAnnPct",
  "sharpe",
  "sortino",
  "calmar",
  "maxDrawdownPct",
  "avgDrawdownPct",
  "maxDrawdownDurationDays",
  "trades",
  "winRatePct",
  "bestTradePct",
  "worstTradePct",
  "avgTradePct",
  "profitFactor",
  "expectancyPct",
  "sqn",
  "exposurePct",
  "equityFinal",
  "commissionsPaid",
] as const;

/** How a statistic is shown: its unit decides decimals and separators. */
export type StatUnit = "percent" | "currency" | "days" | "count" | "ratio";

/** The unit of each headline statistic (anything not listed is a ratio). */
export const STAT_UNITS: Readonly<Record<string, StatUnit>> = {
  returnPct: "percent",
  buyHoldReturnPct: "percent",
  returnAnnPct: "percent",
  cagrPct: "percent",
  volatilityAnnPct: "percent",
  maxDrawdownPct: "percent",
  avgDrawdownPct: "percent",
  winRatePct: "percent",
  bestTradePct: "percent",
  worstTradePct: "percent",
  avgTradePct: "percent",
  expectancyPct: "percent",
  exposurePct: "percent",
  maxDrawdownDurationDays: "days",
  trades: "count",
  equityFinal: "currency",
  commissionsPaid: "currency",
};

/**
 * Formats a value by unit, with thousands separators: currency and percent with 2 decimals
 * (`12,571.57`, `25.72`; the label carries the % sign), days and counts as whole numbers
 * (`2,323`), ratios with 2 decimals; null/NaN as an en dash. Negative values keep an ASCII minus.
 *
 * @example
 * ```ts
 * formatByUnit(2323, "days"); // "2,323"
 * formatByUnit(12571.574, "currency"); // "12,571.57"
 * ```
 */
export function formatByUnit(x: number | null | undefined, unit: StatUnit): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const digits = unit === "days" || unit === "count" ? 0 : 2;
  const s = x.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** Formats the statistic `key` with its unit ({@link STAT_UNITS}, ratio when unlisted). */
export function formatStat(key: string, x: number | null | undefined): string {
  return formatByUnit(x, STAT_UNITS[key] ?? "ratio");
}

const STRATEGY_TITLES: Readonly<Record<string, string>> = {
  sma_cross: "SMA crossover",
  ema_cross: "EMA crossover",
  turtle: "Turtle breakout",
  donchian_breakout: "Donchian breakout",
  rsi_mean_reversion: "RSI mean reversion",
  bollinger_reversion: "Bollinger band reversion",
  darvas_breakout: "Darvas box breakout",
  buy_and_hold: "Buy and hold",
};

/**
 * A strategy's human title from its id: the built-in ones by name (`sma_cross` → "SMA
 * crossover"), screener strategies as "Screener: …", anything else with underscores as spaces
 * and a capital first letter.
 */
export function strategyTitle(name: string): string {
  if (STRATEGY_TITLES[name]) return STRATEGY_TITLES[name];
  const words = name.replace(/^screener_/, "").replace(/_/g, " ").trim();
  const title = words.charAt(0).toUpperCase() + words.slice(1);
  return name.startsWith("screener_") ? `Screener: ${title}` : title;
}

/** Parameters as `fast 10, slow 30` (objects as JSON); empty string for none. */
export function paramsText(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} ${typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(", ");
}

/**
 * A run's display title: its own name when the user gave one, else (the name is the default
 * `"<strategy> <symbols>"` or missing) the strategy's title on the symbols: "SMA crossover on
 * QQQ".
 */
export function runTitle(run: Pick<RunView, "name" | "strategy" | "symbols">): string {
  const auto = `${run.strategy} ${run.symbols.join(",")}`;
  if (run.name && run.name.trim() !== "" && run.name !== auto && run.name !== run.strategy) {
    return run.name;
  }
  const on = run.symbols.length ? ` on ${run.symbols.join(", ")}` : "";
  return `${strategyTitle(run.strategy)}${on}`;
}

/** A chart marker (the shape islands/chart/engine.ts's `TradeMarker` takes). */
export interface TradeMarkerView {
  /** Unix ms. */
  ts: number;
  price: number;
  side: "buy" | "sell";
  kind: "entry" | "exit";
}

/**
 * The chart markers of `symbol`'s trades, in time order: each trade's entry (a long one is a
 * buy, a short one a sell) at its entry time and price, and its exit (the opposite side) at its
 * exit time and price.
 *
 * @example
 * ```ts
 * tradeMarkers([{ symbol: "QQQ", side: "short", entryTime: 1, entryPrice: 10, exitTime: 5,
 *   exitPrice: 9 }], "QQQ");
 * // [{ ts: 1, price: 10, side: "sell", kind: "entry" }, { ts: 5, price: 9, side: "buy", kind: "exit" }]
 * ```
 */
export function tradeMarkers(
  trades: readonly Pick<
    TradeRow,
    "symbol" | "side" | "entryTime" | "entryPrice" | "exitTime" | "exitPrice"
  >[],
  symbol: string,
): TradeMarkerView[] {
  const out: TradeMarkerView[] = [];
  for (const t of trades) {
    if (t.symbol !== symbol) continue;
    const long = t.side === "long";
    out.push({ ts: t.entryTime, price: t.entryPrice, side: long ? "buy" : "sell", kind: "entry" });
    out.push({ ts: t.exitTime, price: t.exitPrice, side: long ? "sell" : "buy", kind: "exit" });
  }
  return out.sort((a, b) => a.ts - b.ts);
}
