/**
 * The screener contract: a screener is a pure function from bars (plus the benchmark, volatility
 * index, option chain or fundamentals it declares in `needs`) to one {@link ScreenerRow} that
 * states the signal on the last bar, a score, the stop and target, and the values behind them.
 * @module
 */
import type * as z from "zod";
import type { BarSeries } from "../domain/bar.ts";
import type { OptionChain } from "./chains/chain.ts";

/** Inputs a screener may require beyond the symbol's own bars. */
export type Need = "benchmark" | "vix" | "chain" | "fundamentals";

/**
 * Normalised verdict of a row.
 * - `buy` / `sell`: an entry signal (long / short) fired on the last bar.
 * - `watch`: a setup is forming (near a breakout, oversold in an uptrend, ...).
 * - `hold`: a trend or position is intact, no fresh entry.
 * - `exit`: the rule's exit or stop condition holds (or the trend is against the long side).
 * - `wait`: nothing to do.
 * - `not_evaluated`: the screener could not run (too little history, missing benchmark, VIX,
 *   option chain or fundamentals); `reason` says why. Never counts as a pass.
 */
export type Signal = "buy" | "sell" | "watch" | "hold" | "exit" | "wait" | "not_evaluated";

/** The signals that mean "this symbol passed the screen". */
export const PASSING_SIGNALS: ReadonlySet<Signal> = new Set(["buy", "sell", "watch"]);

/** A value shown behind a row: numbers are null when undefined (warm-up, missing input). */
export type RowValue = number | string | boolean | null;

/** One screener's verdict for one symbol on its last bar. */
export interface ScreenerRow {
  /** Registry name of the screener that produced the row. */
  screener: string;
  signal: Signal;
  /** Human label in the original's wording (without emoji), e.g. "ENTER LONG (50d Breakout)". */
  label: string;
  /** Side of the trade the signal refers to, null when there is none. */
  direction: "long" | "short" | null;
  /** Ranking score, larger is better; the scale is the screener's own (documented on it). */
  score: number | null;
  /** Last close, price units of the bars. */
  price: number | null;
  /** Suggested entry (price units), null when the entry is "at the close". */
  entry: number | null;
  stop: number | null;
  target: number | null;
  /** Open time (unix ms) of the bar the verdict is for. */
  ts: number | null;
  /** One sentence on why the row has its signal (or why it was not evaluated). */
  reason: string;
  /** The indicator values the verdict rests on, by name. */
  values: Record<string, RowValue>;
}

/** Fundamental data a screener may need; a missing field means "unknown", never "pass". */
export interface Fundamentals {
  /** Year-over-year revenue growth as a fraction (0.12 = 12 %). */
  revenueGrowth?: number | null;
  /** Total revenue per fiscal year, oldest first. */
  annualRevenue?: readonly number[] | null;
  /** Trailing price / earnings. */
  trailingPe?: number | null;
  /** Next earnings date, unix ms. */
  nextEarningsTs?: number | null;
}

/** Everything a screener can be given for one symbol. All series are ascending in time. */
export interface ScreenerInput {
  bars: BarSeries;
  /** The symbol the bars belong to (region rules such as `.L` prices in pence use it). */
  symbol?: string;
  /** The region's benchmark (SPY, ^FTSE, ^NSEI, ...), daily closes aligned by timestamp. */
  benchmark?: BarSeries;
  /** The benchmark's symbol, reported in the rows that use it. */
  benchmarkSymbol?: string;
  /** The volatility index (^VIX) series. */
  vix?: BarSeries;
  chain?: OptionChain;
  fundamentals?: Fundamentals;
}

/** A screener: name, documentation, parameter schema with the original's defaults, and `run`. */
export interface ScreenerDefinition<P extends z.ZodObject = z.ZodObject> {
  /** Registry key, lower snake case. */
  name: string;
  title: string;
  /** What it looks for, in one or two sentences, with its rules. */
  description: string;
  /** Parameters; every field has a default, so `params.parse({})` yields the original's values. */
  params: P;
  /** Inputs without which the row is `not_evaluated`. */
  needs: readonly Need[];
  /** Inputs used when present (the row says so when they were missing). */
  uses?: readonly Need[];
  /** Group for the UI: "market", "trend", "reversal", "quant", "options". */
  category: "market" | "trend" | "reversal" | "quant" | "options";
  /**
   * Universe cut the screener asks a scan for: keep the `count` symbols with the highest mean
   * volume over the last `period` stored bars (shares). A scan request's
   * `liquidity.topByVolume` overrides it (0 = off).
   */
  universeTop?: { count: number; period: number };
  /** Pure: the same input and parameters always give the same row. */
  run(input: ScreenerInput, params: z.infer<P>): ScreenerRow;
}

/** A definition with its parameter type erased, as stored in the registry. */
// deno-lint-ignore no-explicit-any
export type AnyScreener = ScreenerDefinition<any>;
