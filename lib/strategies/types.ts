/**
 * The strategy contract: a zod schema for the parameters and a pure signal function over
 * indicator columns. Strategies never see the engine's state; the engine turns their signal
 * flags into orders (see lib/backtest/engine.ts).
 * @module
 */
import type { z } from "zod";
import type { BarSeries } from "../domain/bar.ts";
import type { IndicatorCache } from "../backtest/indicator_cache.ts";
import type { Sizing } from "../backtest/types.ts";

/** What a signal function may read. */
export interface StrategyContext {
  /** The traded symbol's bars. */
  bars: BarSeries;
  /**
   * Auxiliary series (a benchmark such as SPY, a volatility index such as ^VIX), aligned to
   * `bars.ts`: each column holds the last value at or before the bar's time (NaN before the
   * aux series starts), so reading index `i` never looks ahead.
   */
  aux: Readonly<Record<string, BarSeries>>;
  /** Memo for indicator columns; shared across a parameter sweep. */
  cache: IndicatorCache;
}

/**
 * A strategy's output, one entry per bar, decided at that bar's close.
 *
 * `flags[i]` is a bit set of ENTER_LONG (1), EXIT_LONG (2), ENTER_SHORT (4), EXIT_SHORT (8)
 * from lib/backtest/types.ts. Entry flags keep an existing position of the same side (no
 * re-sizing); an entry of the other side closes the position first. Optional columns are read
 * at the signal bar.
 */
export interface StrategySignals {
  flags: Uint8Array;
  /**
   * Index of the first bar on which all indicators are defined. The engine evaluates flags
   * from `warmup + 1` on (backtesting.py's rule), and buy & hold is measured from `close[warmup]`.
   */
  warmup: number;
  /** Absolute stop-loss price for an entry signalled at this bar. */
  stopPrice?: Float64Array;
  /** Stop-loss distance (price units) from the fill price, e.g. 2 × ATR. */
  stopDistance?: Float64Array;
  /** Absolute take-profit price for an entry signalled at this bar. */
  takeProfitPrice?: Float64Array;
  /** Enter with a stop order at this price instead of a market order (NaN: market). */
  entryStop?: Float64Array;
  /** Enter with a limit order at this price instead of a market order (NaN: market). */
  entryLimit?: Float64Array;
  /** Volatility unit used by `risk` sizing and ATR slippage (e.g. Turtle's N). */
  atr?: Float64Array;
  /** Sizing the strategy asks for (e.g. Turtle unit sizing); overrides the run's sizing. */
  sizing?: Sizing;
  /**
   * Pyramiding: add a unit each time price moves `step[i]` beyond the last unit's fill
   * (a stop order), up to `maxUnits` units in total.
   */
  pyramid?: { maxUnits: number; step: Float64Array };
  /** Indicator columns worth plotting, by label. */
  indicators?: Record<string, Float64Array>;
}

/**
 * A built-in or user strategy.
 *
 * @example
 * ```ts
 * const s = getStrategy("sma_cross");
 * const params = s.params.parse({ fast: 10, slow: 30 });
 * const signals = s.signals({ bars, aux: {}, cache: new IndicatorCache() }, params);
 * ```
 */
export interface StrategyDefinition<P = any> {
  name: string;
  /** One line for listings. */
  summary: string;
  /** Parameter schema with defaults (`parse({})` gives the default parameters). */
  params: z.ZodType<P>;
  signals(ctx: StrategyContext, params: P): StrategySignals;
}
