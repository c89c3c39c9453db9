/**
 * A prepared backtest for parameter sweeps: the strategy, options, period grid and indicator
 * cache are resolved once, and each call runs one parameter set through the engine's
 * `simulate` and returns the equity and trades, without the full stats of `runBacktest` (the
 * optimizer computes only what it ranks by, in metrics.ts). Runs with auxiliary series or a
 * regime filter go through `runBacktest` itself.
 * @module
 */
import type { BarSeries } from "../domain/bar.ts";
import { simulate } from "../backtest/engine.ts";
import { IndicatorCache } from "../backtest/indicator_cache.ts";
import {
  atrColumn,
  type ResolvedOptions,
  resolveOptions,
  runBacktest,
  toEngineSettings,
} from "../backtest/run.ts";
import type { BacktestOptions, SymbolBars, Trade } from "../backtest/types.ts";
import { alignSymbols } from "../backtest/align.ts";
import { getStrategy, parseStrategyParams } from "../strategies/mod.ts";
import type { StrategyDefinition } from "../strategies/types.ts";

/** What a sweep runs over. */
export interface SweepInput {
  symbols: readonly SymbolBars[];
  strategy: string | StrategyDefinition;
  aux?: Readonly<Record<string, BarSeries>>;
}

/** One run's raw output. */
export interface RunOutput {
  equity: Float64Array;
  trades: Trade[];
}

/** Result of {@link PreparedRunner.run}: invalid parameters are an expected outcome. */
export type RunAttempt =
  | { ok: true; params: Record<string, unknown>; out: RunOutput }
  | { ok: false; reason: string };

/** A runner bound to bars, strategy and options. */
export interface PreparedRunner {
  strategy: StrategyDefinition;
  options: ResolvedOptions;
  ts: Float64Array;
  run(raw: Record<string, unknown>): RunAttempt;
}

/**
 * Prepares a runner. Throws RangeError for bad options or misaligned symbols (programmer
 * errors); bad parameter sets are reported per call.
 *
 * @example
 * ```ts
 * const r = prepareRunner({ symbols: [{ symbol: "X", bars }], strategy: "sma_cross" }, {});
 * const a = r.run({ fast: 10, slow: 30 }); // a.ok && a.out.equity
 * ```
 */
export function prepareRunner(
  input: SweepInput,
  options: Omit<BacktestOptions, "onProgress" | "cache"> = {},
): PreparedRunner {
  const strategy = typeof input.strategy === "string"
    ? getStrategy(input.strategy)
    : input.strategy;
  const resolved = resolveOptions(options);
  if (input.symbols.length === 0) {
    throw new RangeError("prepareRunner: expected at least one symbol, was 0");
  }
  // Several symbols trade on the bar times they all have (the backtester's rule, lib/backtest/align.ts).
  const symbols = alignSymbols(input.symbols).symbols;
  const first = symbols[0].bars;
  if (first.length < 2) {
    throw new RangeError(`prepareRunner: expected at least 2 bars, was ${first.length}`);
  }
  const cache = new IndicatorCache();
  const slow = options.regime !== undefined || Object.keys(input.aux ?? {}).length > 0;
  // no progress reports inside a sweep
  const settings = toEngineSettings(resolved, { progressEvery: Number.MAX_SAFE_INTEGER });
  return {
    strategy,
    options: resolved,
    ts: first.ts,
    run(raw) {
      const parsed = parseStrategyParams(strategy, raw);
      if (!parsed.ok) return { ok: false, reason: parsed.message };
      if (slow) {
        const r = runBacktest(
          { symbols, strategy, params: parsed.params, aux: input.aux },
          { ...options, cache },
        );
        return {
          ok: true,
          params: parsed.params,
          out: { equity: r.equity.equity, trades: r.trades },
        };
      }
      const prepared = symbols.map(({ symbol, bars }) => {
        const signals = strategy.signals({ bars, aux: {}, cache }, parsed.params);
        return {
          symbol,
          bars,
          signals,
          atr: atrColumn(bars, signals, resolved, cache),
          entryMask: null,
        };
      });
      const sim = simulate(prepared, settings);
      return { ok: true, params: parsed.params, out: { equity: sim.equity, trades: sim.trades } };
    },
  };
}
