/**
 * Types shared by the backtest engine, the strategies and the stats: options (costs, sizing,
 * stops), signal flags, trades and the result.
 *
 * Conventions (they match backtesting.py wherever both have the feature):
 * - A strategy decides at a bar's close; a market order fills at the **next bar's open**.
 * - The strategy is first evaluated on the bar after the first bar on which all of its
 *   indicators are defined (`warmup + 1`), so the first possible fill is at bar `warmup + 2`.
 * - No commission by default; `commissionPct` is in percent (0.2 here = backtesting.py's
 *   `commission=.002`), charged on the traded value at entry and at exit.
 * - `finalizeTrades` (default true) closes positions still open after the last bar at the last
 *   bar's open, like backtesting.py's `finalize_trades=True`.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";

/** Signal flag: open (or keep) a long position. */
export const ENTER_LONG = 1;
/** Signal flag: close a long position. */
export const EXIT_LONG = 2;
/** Signal flag: open (or keep) a short position. */
export const ENTER_SHORT = 4;
/** Signal flag: close a short position. */
export const EXIT_SHORT = 8;

/** Which sides the engine may trade; signals for a disallowed side only close positions. */
export type Direction = "long_short" | "long_only" | "short_only";

/**
 * How many units an entry buys or sells (always whole units).
 * - `all_in` (default): `floor(available × leverage / (price × (1 + commission) + perShare))`,
 *   the whole available cash at the fill price, as backtesting.py's default `size`.
 * - `units`: a fixed number of units.
 * - `fraction`: `floor(fraction × equity / unit cost)`; equity marked at the fill bar's open.
 * - `risk`: volatility sizing, `floor(riskPct/100 × equity / (atrMult × ATR))` with the ATR of
 *   the signal bar (the strategy's own `atr` column when it has one, e.g. Turtle's N).
 *
 * Every kind is capped by the available margin; an entry that would get 0 units is skipped.
 */
export type Sizing =
  | { kind: "all_in" }
  | { kind: "units"; units: number }
  | { kind: "fraction"; fraction: number }
  | { kind: "risk"; riskPct: number; atrMult?: number };

/** Filters entries on auxiliary series (exits are never blocked). */
export interface RegimeFilter {
  /** Aux symbol whose close must be above its SMA for any entry (a bull-market filter). */
  benchmark?: string;
  /** SMA period for the benchmark rule (default 200). */
  benchmarkSma?: number;
  /** Aux symbol of a volatility index, e.g. `^VIX`. */
  volatilityIndex?: string;
  /** Entries only while the volatility index closes at or below this level. */
  volatilityMax?: number;
}

/** Engine options. Every field is optional; defaults are listed per field. */
export interface BacktestOptions {
  /** Initial cash (default 10,000). */
  cash?: number;
  /** Sides allowed (default `long_short`: whatever the strategy signals). */
  direction?: Direction;
  /** Position sizing (default `{ kind: "all_in" }`). */
  sizing?: Sizing;
  /** Commission in percent of traded value per fill (default 0; 0.2 = 0.2 %). */
  commissionPct?: number;
  /** Commission per unit traded, currency (default 0). */
  commissionPerShare?: number;
  /** Commission per fill, currency (default 0). */
  commissionPerOrder?: number;
  /** Adverse slippage on market and stop fills, basis points of price (default 0). */
  slippageBps?: number;
  /** Adverse slippage as a fraction of the ATR of the previous bar (default 0). */
  slippageAtr?: number;
  /**
   * Bid-ask spread in basis points, charged once at entry as backtesting.py's `spread`: a long
   * enters at `price × (1 + spread)`, a short at `price × (1 - spread)`; exits at the price.
   */
  spreadBps?: number;
  /** Leverage = 1 / margin (default 1: no borrowing). */
  leverage?: number;
  /** Stop-loss at `fill × (1 ∓ pct/100)` for every entry (default none). */
  stopLossPct?: number;
  /** Take-profit at `fill × (1 ± pct/100)` for every entry (default none). */
  takeProfitPct?: number;
  /** Trailing stop `pct` percent below the highest close since entry (above, for shorts). */
  trailingStopPct?: number;
  /** Trailing stop `k × ATR` from the close, ratcheted each bar (default none). */
  trailingStopAtr?: number;
  /** ATR period for risk sizing, ATR slippage and ATR trailing stops (default 14). */
  atrPeriod?: number;
  /** Close open positions at the last bar's open (default true). */
  finalizeTrades?: boolean;
  /** Annual risk-free rate in percent for Sharpe, Sortino and alpha (default 0). */
  riskFreeRatePct?: number;
  /** Entry filter on auxiliary series. */
  regime?: RegimeFilter;
  /** Called with the fraction done (0..1) every `progressEvery` bars and at the end. */
  onProgress?: (fraction: number) => void;
  /** Bars between progress callbacks (default 100,000). */
  progressEvery?: number;
  /**
   * WASM event loop (lib/backtest/wasm_engine.ts) used for runs inside its subset; results are
   * identical to the TypeScript engine's. Omit or null: always the TypeScript engine.
   */
  kernel?: import("./wasm_engine.ts").BacktestKernel | null;
  /** Shared indicator cache (pass the same one across a parameter sweep). */
  cache?: import("./indicator_cache.ts").IndicatorCache;
}

/** Why a trade closed. */
export type ExitReason =
  | "signal"
  | "stop_loss"
  | "take_profit"
  | "trailing_stop"
  | "end"
  | "out_of_money";

/** One closed trade (one unit of a position; pyramided units are separate trades). */
export interface Trade {
  symbol: string;
  side: "long" | "short";
  /** Units, always positive. */
  size: number;
  entryBar: number;
  exitBar: number;
  /** Entry/exit bar open times, unix ms. */
  entryTime: number;
  exitTime: number;
  /** Fill prices after spread and slippage. */
  entryPrice: number;
  exitPrice: number;
  /** Net profit in currency: `side × size × (exit − entry) − commissions`. */
  pnl: number;
  /**
   * Net return in percent, as backtesting.py's `pl_pct`:
   * `100 × (side × (exit/entry − 1) − commissions / (size × entry))`.
   */
  returnPct: number;
  /** Entry plus exit commission, currency. */
  commission: number;
  /** `exitTime − entryTime` in days. */
  durationDays: number;
  exitReason: ExitReason;
  /** Maximum favourable excursion, percent of entry price (≥ 0), from highs/lows while open. */
  mfePct: number;
  /** Maximum adverse excursion, percent of entry price (≤ 0). */
  maePct: number;
}

/** One symbol's bars for a run. */
export interface SymbolBars {
  symbol: string;
  bars: BarSeries;
}
